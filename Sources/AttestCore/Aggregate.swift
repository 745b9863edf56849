/// How a requirement combines the scores of the controls that satisfy it (`aggregate:` on a
/// requirement, a framework catalog or `attest.yaml`; docs/scoring.md).
public enum Aggregate: String, Hashable, Sendable, Codable, CaseIterable {
    /// The weighted mean of the counted controls: many controls share one requirement.
    case mean
    /// The lowest counted control: the requirement is as met as its weakest control.
    case min
    /// 1 when every counted control scores 1; otherwise the weighted mean, never above
    /// `allCeiling`, so a requirement that is not fully met can never print 100.0 %.
    case all

    /// The highest score `all` gives while a counted control is below 1. 0.999 prints 99.9 %:
    /// the one-decimal rounding of every output would turn 0.9996 into 100.0 %.
    public static let allCeiling = 0.999
}

/// The level a control enforces against one requirement it satisfies (`level:` in
/// `satisfies`, docs/scoring.md).
public enum EnforcementLevel: String, Hashable, Sendable, Codable, CaseIterable {
    /// The control is what the requirement asks for: it counts in the requirement's score.
    case meets
    /// The control is a stricter internal target than the requirement asks for (TLS 1.3 only
    /// where TLS 1.2 is enough): it counts only when no `meets` control proves the
    /// requirement, and missing it is reported as an internal target missed.
    case exceeds
}

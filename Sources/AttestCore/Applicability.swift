import Foundation

/// Why the organisation includes an ISO/IEC 27001 Annex A control in its Statement of
/// Applicability: the usual grounds of clause 6.1.3 d), as written under `applicability:`.
public enum InclusionReason: String, Hashable, Sendable, CaseIterable, Comparable {
    /// The risk treatment plan selected it (clause 6.1.3 b).
    case risk
    /// A law or regulation requires it.
    case legal
    /// A contract (with a customer, a partner) requires it.
    case contract
    /// The organisation requires it for its business, beyond the above.
    case business

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// The stated justification for including one Annex A control (`applicability:` entry): the
/// reasons and a free-text note per locale. The SoA shows it before what the workspace itself
/// shows (implementing controls, mapped requirements).
public struct ApplicabilityStatement: Hashable, Sendable {
    /// The Annex A control, as written (`iso27001/A.5.7`), with the key's position.
    public var requirement: RequirementReference
    /// At least one of `reasons` and `note` is given; reasons in the order written.
    public var reasons: [InclusionReason]
    public var note: LocalizedText?
    /// The entry's value, blamed for a duplicate.
    public var position: SourcePosition

    public init(
        requirement: RequirementReference, reasons: [InclusionReason], note: LocalizedText?,
        position: SourcePosition
    ) {
        self.requirement = requirement
        self.reasons = reasons
        self.note = note
        self.position = position
    }
}

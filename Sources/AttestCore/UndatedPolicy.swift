import Foundation

/// How a result whose date is `assumed` scores: `freshness.undated` in `attest.yaml`.
///
/// An assumed date is the build's own time, so such evidence can never go stale; the policy
/// says how much that is tolerated. It applies to judged results (pass, partial, fail, stale):
/// an `error` or `missing` result already scores nothing and says why.
public enum UndatedPolicy: String, Hashable, Sendable, CaseIterable, Codable {
    /// Scored as collected, and not flagged.
    case accept
    /// Scored as collected, and listed as a warning by `collect` and `build` and flagged in the
    /// reports. The default.
    case warn
    /// Scored as a failure, with a message saying the evidence has no date.
    case fail

    /// Whether `result` is one the policy speaks about: a judged result with an assumed date.
    public static func isUndated(_ result: EvidenceResult) -> Bool {
        guard result.dateSource == .assumed else { return false }
        switch result.status {
        case .pass, .partial, .fail, .stale: return true
        case .error, .missing: return false
        }
    }

    /// `result` as this policy scores it: unchanged, except under `fail`, where an undated
    /// judged result becomes `fail` and its message says why.
    public func apply(to result: EvidenceResult) -> EvidenceResult {
        guard self == .fail, Self.isUndated(result) else { return result }
        var failed = result
        failed.status = .fail
        failed.message =
            "undated: no date in the artifact, its git history or a live observation "
            + "(freshness.undated: fail): \(result.message)"
        return failed
    }
}

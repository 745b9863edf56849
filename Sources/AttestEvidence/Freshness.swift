import AttestCore
import Foundation

/// Applies `max_age` to a collected result: sets `expiresAt` and turns old observations stale.
///
/// Kept apart from the collectors so every kind of evidence ages by the same rule:
/// `expiresAt = observedAt + max_age`, and once `expiresAt <= now` a pass, partial or fail
/// becomes `stale` (the message says since when). `missing` and `error` are left alone: they
/// say more about the evidence than its age does.
public enum Freshness {
    /// The result with `expiresAt` set and, when it has expired by `now`, marked stale.
    ///
    /// - Parameters:
    ///   - result: A collected result; its `observedAt` starts the clock.
    ///   - maxAge: The evidence's `max_age`; nil leaves the result unchanged.
    ///   - now: The time of the run.
    public static func apply(
        _ result: EvidenceResult, maxAge: TimeSpan?, now: Date
    )
        -> EvidenceResult
    {
        guard let maxAge else { return result }
        var aged = result
        let expiresAt = result.observedAt.addingTimeInterval(TimeInterval(maxAge.seconds))
        aged.expiresAt = expiresAt
        switch result.status {
        case .pass, .partial, .fail:
            guard expiresAt <= now else { return aged }
            aged.status = .stale
            aged.message = "stale since \(Timestamp.format(expiresAt)): \(result.message)"
        case .error, .missing, .stale:
            break
        }
        return aged
    }
}

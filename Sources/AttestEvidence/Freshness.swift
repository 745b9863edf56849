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
        // Already applied (a build scores what it collected at the same time): the same value,
        // not a copy of its fields.
        guard let maxAge, !isApplied(result, maxAge: maxAge, now: now) else { return result }
        let expiresAt = expiry(of: result, maxAge: maxAge)
        var aged = result
        aged.expiresAt = expiresAt
        if expiresByNow(result, expiresAt: expiresAt, now: now) {
            aged.status = .stale
            aged.message = "stale since \(Timestamp.format(expiresAt)): \(result.message)"
        }
        return aged
    }

    /// Whether `apply(result, maxAge: maxAge, now: now)` is `result` itself: so a run that
    /// was aged already is not copied to be aged again.
    public static func isApplied(_ result: EvidenceResult, maxAge: TimeSpan?, now: Date) -> Bool {
        guard let maxAge else { return true }
        let expiresAt = expiry(of: result, maxAge: maxAge)
        return !expiresByNow(result, expiresAt: expiresAt, now: now)
            && result.expiresAt == expiresAt
    }

    /// `observedAt + max_age`.
    private static func expiry(of result: EvidenceResult, maxAge: TimeSpan) -> Date {
        result.observedAt.addingTimeInterval(TimeInterval(maxAge.seconds))
    }

    /// Whether a result that counts has reached `expiresAt` by `now` (`missing` and `error`
    /// never turn stale, and a stale one already is).
    private static func expiresByNow(
        _ result: EvidenceResult, expiresAt: Date, now: Date
    ) -> Bool {
        switch result.status {
        case .pass, .partial, .fail: expiresAt <= now
        case .error, .missing, .stale: false
        }
    }
}

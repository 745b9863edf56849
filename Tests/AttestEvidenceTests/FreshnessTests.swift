import AttestCore
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct FreshnessTests {
    static func result(_ status: EvidenceStatus, observed: Date) -> EvidenceResult {
        EvidenceResult(
            evidence: "e", control: "C", status: status, observedAt: observed, message: "ok")
    }

    @Test(arguments: [
        // observed, max age in days, status → expected status
        ("2026-03-03", 90, EvidenceStatus.pass, EvidenceStatus.stale),  // expires exactly now
        ("2026-03-04", 90, .pass, .pass),  // expires a day after now
        ("2026-01-01", 30, .partial(0.4), .stale),
        ("2026-01-01", 30, .fail, .stale),
        ("2026-01-01", 30, .error, .error),
        ("2026-01-01", 30, .missing, .missing),
    ])
    func expiryIsObservedPlusMaxAge(
        _ observed: String, _ days: Int, _ status: EvidenceStatus, _ expected: EvidenceStatus
    ) {
        let aged = Freshness.apply(
            Self.result(status, observed: Kit.day(observed)), maxAge: .days(days), now: Kit.now)
        #expect(aged.status == expected)
        #expect(aged.expiresAt == Kit.day(observed).addingTimeInterval(Double(days) * 86_400))
    }

    @Test func withoutMaxAgeNothingChanges() {
        let original = Self.result(.pass, observed: Kit.day("2020-01-01"))
        #expect(Freshness.apply(original, maxAge: nil, now: Kit.now) == original)
    }

    /// `isApplied` says exactly when `apply` would give the result back unchanged, and
    /// applying twice is applying once: over statuses, ages, expiries already set (right,
    /// wrong, none) and times on both sides of the expiry.
    @Test func isAppliedIsWhenApplyChangesNothing() {
        let statuses: [EvidenceStatus] = [.pass, .fail, .partial(0.5), .error, .missing, .stale]
        let observed = Kit.day("2026-01-01")
        let ages: [TimeSpan?] = [nil, .days(1), .days(30), .days(90)]
        var checked = 0
        for status in statuses {
            for maxAge in ages {
                let expiries: [Date?] = [
                    nil, observed.addingTimeInterval(Double(maxAge?.seconds ?? 0)),
                    observed.addingTimeInterval(1),
                ]
                for expiry in expiries {
                    for now in [observed, Kit.day("2026-01-31"), Kit.day("2027-01-01")] {
                        var result = Self.result(status, observed: observed)
                        result.expiresAt = expiry
                        let applied = Freshness.apply(result, maxAge: maxAge, now: now)
                        #expect(
                            Freshness.isApplied(result, maxAge: maxAge, now: now)
                                == (applied == result))
                        #expect(Freshness.apply(applied, maxAge: maxAge, now: now) == applied)
                        #expect(Freshness.isApplied(applied, maxAge: maxAge, now: now))
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 6 * 4 * 3 * 3)
    }
}

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
}

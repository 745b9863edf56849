import AttestCore
import Foundation
import Testing

@Suite struct OperatingPeriodTests {
    /// 2026-06-30T15:00:00Z: the build clock of these tests.
    let today = Date(timeIntervalSince1970: 1_782_831_600)

    @Test func anExplicitPeriodIncludesBothDays() throws {
        let period = try OperatingPeriod(parsing: "2026-01-01..2026-06-30", today: today)
        // 31 + 28 + 31 + 30 + 31 + 30
        #expect(period.dayCount == 181)
        #expect(period.start == Timestamp.day("2026-01-01"))
        #expect(period.end == Timestamp.day("2026-07-01"))
        #expect(period.description == "2026-01-01..2026-06-30")
    }

    @Test(arguments: [
        ("90d", "2026-04-02..2026-06-30", 90),
        ("1d", "2026-06-30..2026-06-30", 1),
        ("2w", "2026-06-17..2026-06-30", 14),
        ("2026-03-01..2026-03-01", "2026-03-01..2026-03-01", 1),
    ])
    func daysEndingTodayCountBackFromTheBuildClock(
        _ text: String, _ expected: String, _ days: Int
    ) throws {
        let period = try OperatingPeriod(parsing: text, today: today)
        #expect(period.description == expected)
        #expect(period.dayCount == days)
    }

    @Test(arguments: [
        ("2026-06-30..2026-01-01", PeriodError.Code.reversed),
        ("0d", .malformed), ("90", .malformed), ("-5d", .malformed), ("+5d", .malformed),
        ("d", .malformed), ("", .malformed), ("..", .malformed), ("5m", .malformed),
        ("2026-02-30..2026-03-01", .malformed), ("2026-01-01..", .malformed),
        ("2026-01-01...2026-02-01", .malformed), ("2026-01-01..2026-02-01T00:00:00Z", .malformed),
        ("2000-01-01..2026-01-01", .tooLong), ("3661d", .tooLong),
        ("99999999999999999999d", .malformed), ("9223372036854775807w", .malformed),
    ])
    func malformedReversedAndOverlongPeriodsAreRefused(_ text: String, _ code: PeriodError.Code) {
        #expect(throws: PeriodError(code: code, text: text)) {
            try OperatingPeriod(parsing: text, today: today)
        }
    }

    @Test func aPeriodMistakeIsAUsageError() {
        #expect(PeriodError(code: .malformed, text: "x").failureKind == .unusable)
    }
}

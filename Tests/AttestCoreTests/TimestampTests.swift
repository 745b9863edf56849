import AttestCore
import Foundation
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-05-01T10:00:00Z", true, 1_777_629_600.0),
        ("2026-05-01T12:00:00+02:00", true, 1_777_629_600.0),
        ("2026-05-01T05:30:00-0430", true, 1_777_629_600.0),
        ("2026-05-01T10:00:00.5Z", true, 1_777_629_600.5),
        ("2026-05-01T10:00:00", false, 1_777_629_600.0),
        ("2026-05-01", true, 1_777_593_600.0),
    ])
    func instantsAreParsed(_ text: String, _ zoneRequired: Bool, _ seconds: Double) {
        #expect(
            Timestamp.instant(text, zoneRequired: zoneRequired)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "2026-05-01T10:00:00", "2026-02-30", "2026-13-01", "26-05-01", "2026-05-01T25:00:00Z",
        "2026-05-01T10:00Z", "yesterday", "2026-05-01T10:00:00Zjunk",
    ])
    func malformedInstantsAreRefused(_ text: String) {
        #expect(Timestamp.instant(text, zoneRequired: true) == nil)
    }

    @Test func daysAreMidnightUTCAndPrintBack() {
        #expect(Timestamp.day("2026-05-01")?.timeIntervalSince1970 == 1_777_593_600)
        #expect(Timestamp.day("2026-05-01T00:00:00Z") == nil)
        #expect(
            Timestamp.format(Date(timeIntervalSince1970: 1_777_629_600)) == "2026-05-01T10:00:00Z")
        #expect(Timestamp.formatDay(Date(timeIntervalSince1970: 1_777_629_600)) == "2026-05-01")
    }

    @Test func storedTimesKeepTheNearestMillisecondAndParseBack() throws {
        let time = Date(timeIntervalSince1970: 1_780_000_000.9999)
        #expect(Timestamp.formatMilliseconds(time) == "2026-05-28T20:26:41.000Z")
        #expect(
            Timestamp.formatMilliseconds(Date(timeIntervalSince1970: -0.0004))
                == "1970-01-01T00:00:00.000Z")
        #expect(
            Timestamp.formatMilliseconds(Date(timeIntervalSince1970: 1_780_000_000.05))
                == "2026-05-28T20:26:40.050Z")
        let back = try #require(
            Timestamp.instant("2026-05-28T20:26:40.050Z", zoneRequired: true))
        #expect(abs(back.timeIntervalSince1970 - 1_780_000_000.05) < 0.000_5)
    }
}

import Foundation
import Testing

@testable import AttestCore

/// `Timestamp.format` computes the calendar fields itself; it must print what `Calendar` prints.
@Suite struct TimestampCivilFormatTests {
    static let intervals: [Double] = {
        var values: [Double] = [
            0, 0.5, 0.999_999, 59.999_999_9, 86_399.999, 86_400, 951_782_400, 951_868_799.5,
            4_107_542_400, 4_107_628_800, 253_402_300_799, 253_402_300_799.999, 1_780_272_000,
            1_780_272_000.123_456,
        ]
        var state: UInt64 = 0xDA7E
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            values += [(unit * 253_402_300_800).rounded(.down), unit * 4_102_444_800]
        }
        return values
    }()

    @Test func printsWhatTheCalendarPrints() {
        var differing: [String] = []
        for interval in Self.intervals {
            let date = Date(timeIntervalSince1970: interval)
            let fast = Timestamp.civilFormat(date)
            let reference = Timestamp.calendarFormat(date)
            if fast != reference {
                differing.append("\(interval): \(fast ?? "nil") vs \(reference)")
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test func printsTheDayTheCalendarPrints() {
        var differing: [String] = []
        for interval in Self.intervals {
            let date = Date(timeIntervalSince1970: interval)
            let reference = String(Timestamp.calendarFormat(date).prefix(10))
            if Timestamp.formatDay(date) != reference {
                differing.append("\(interval): \(Timestamp.formatDay(date)) vs \(reference)")
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test(arguments: [-1.0, -86_400.5, 253_402_300_800, 1e15])
    func leavesTimesOutsideItsRangeToTheCalendar(_ interval: Double) {
        let date = Date(timeIntervalSince1970: interval)
        #expect(Timestamp.civilFormat(date) == nil)
        #expect(Timestamp.format(date) == Timestamp.calendarFormat(date))
        #expect(Timestamp.formatDay(date) == String(Timestamp.calendarFormat(date).prefix(10)))
    }
}

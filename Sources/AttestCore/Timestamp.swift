import Foundation

/// Parses and prints ISO 8601 dates, always in UTC unless a zone is written: the one date
/// formatter of every module (evidence, store, reports, the public outputs, the CLI).
///
/// Hand-written rather than `ISO8601DateFormatter` so the accepted forms are exactly the
/// documented ones and no locale or time zone of the machine can change a result.
public enum Timestamp {
    /// `YYYY-MM-DD`, midnight UTC; nil for anything else, including impossible days.
    public static func day(_ text: String) -> Date? {
        var scanner = DigitScanner(text)
        guard let (year, month, day) = scanner.date(), scanner.isAtEnd else { return nil }
        return make(year, month, day, 0, 0, 0, 0, offsetSeconds: 0)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]` followed by `Z` or `±HH:MM`, or (when `dayAllowed`) a
    /// bare `YYYY-MM-DD` meaning midnight UTC.
    ///
    /// - Parameters:
    ///   - zoneRequired: when false, a date-time without a zone is read as UTC (JUnit writers
    ///     often omit it).
    ///   - dayAllowed: whether a date without a time is accepted.
    public static func instant(_ text: String, zoneRequired: Bool, dayAllowed: Bool = true) -> Date?
    {
        var scanner = DigitScanner(text)
        guard let (year, month, day) = scanner.date() else { return nil }
        if scanner.isAtEnd {
            return dayAllowed ? make(year, month, day, 0, 0, 0, 0, offsetSeconds: 0) : nil
        }
        guard scanner.take("T") || scanner.take(" "),
            let hour = scanner.number(2), scanner.take(":"),
            let minute = scanner.number(2), scanner.take(":"),
            let second = scanner.number(2)
        else { return nil }
        var fraction = 0.0
        if scanner.take(".") {
            guard let digits = scanner.digits(), !digits.isEmpty, let value = Double("0." + digits)
            else { return nil }
            fraction = value
        }
        var offset = 0
        if scanner.take("Z") || scanner.take("z") {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(2) else { return nil }
            _ = scanner.take(":")  // `+02:00` and `+0200` are both common
            guard let minutes = scanner.number(2), hours < 24, minutes < 60 else { return nil }
            offset = sign * (hours * 3_600 + minutes * 60)
        } else if zoneRequired {
            return nil
        }
        guard scanner.isAtEnd, hour < 24, minute < 60, second < 61 else { return nil }
        return make(year, month, day, hour, minute, second, fraction, offsetSeconds: offset)
    }

    /// `2026-05-01`: the UTC day, for review and attestation dates.
    public static func formatDay(_ date: Date) -> String {
        civilFormat(date, length: 10) ?? String(calendarFormat(date).prefix(10))
    }

    /// `2026-05-01T10:00:00Z`: the form of messages, reports and public outputs.
    public static func format(_ date: Date) -> String {
        civilFormat(date) ?? calendarFormat(date)
    }

    /// `format(_:)` through `Calendar`: the reference `civilFormat` is tested against, and the
    /// path of times outside 1970–9999.
    static func calendarFormat(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))Z"
    }

    /// The first `length` characters of `format(_:)` (20 for all, 10 for the day), by
    /// arithmetic on the days since 1970 (the proleptic Gregorian calendar, which `Calendar`
    /// follows after 1582), written straight into the string's storage: a `Calendar` lookup
    /// per date cost more than rendering the rows that show it. Nil outside 1970-01-01 to
    /// 9999-12-31.
    static func civilFormat(_ date: Date, length: Int = 20) -> String? {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < 253_402_300_800, length == 10 || length == 20 else {
            return nil
        }
        let seconds = Int(interval.rounded(.down))
        let days = seconds / 86_400
        let time = seconds % 86_400
        // Days to year, month and day (H. Hinnant's civil_from_days, eras of 400 years).
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(unsafeUninitializedCapacity: length) { out in
            var at = 0
            func put(_ value: Int, _ width: Int) {
                var rest = value
                for place in stride(from: at + width - 1, through: at, by: -1) {
                    out[place] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                at += width
            }
            func put(_ byte: Unicode.Scalar) {
                out[at] = UInt8(ascii: byte)
                at += 1
            }
            put(year, 4)
            put("-")
            put(month, 2)
            put("-")
            put(day, 2)
            guard length == 20 else { return at }
            put("T")
            put(time / 3_600, 2)
            put(":")
            put(time / 60 % 60, 2)
            put(":")
            put(time % 60, 2)
            put("Z")
            return at
        }
    }

    /// `2026-05-01T10:00:00.123Z`: to the nearest millisecond, the form the store keeps, which
    /// sorts as text (a time read back from `….050Z` prints `….050Z` again, although the
    /// binary value is a hair below it).
    public static func formatMilliseconds(_ date: Date) -> String {
        let total = (date.timeIntervalSince1970 * 1_000).rounded()
        let whole = (total / 1_000).rounded(.down)
        let text = String(Int(total - whole * 1_000))
        return String(format(Date(timeIntervalSince1970: whole)).dropLast())
            + "." + String(repeating: "0", count: 3 - text.count) + text + "Z"
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        return calendar
    }()

    private static func make(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
        _ fraction: Double, offsetSeconds: Int
    ) -> Date? {
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard components.isValidDate(in: utcCalendar), let date = utcCalendar.date(from: components)
        else { return nil }
        return date.addingTimeInterval(fraction - Double(offsetSeconds))
    }
}

/// A cursor over ASCII text for the fixed-width fields of a timestamp.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { index == bytes.count }

    mutating func take(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, index < bytes.count, bytes[index] == ascii
        else { return false }
        index += 1
        return true
    }

    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += width
        return value
    }

    mutating func digits() -> String? {
        let start = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func sign() -> Int? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }

    mutating func date() -> (Int, Int, Int)? {
        guard let year = number(4), take("-"), let month = number(2), take("-"),
            let day = number(2)
        else { return nil }
        return (year, month, day)
    }
}

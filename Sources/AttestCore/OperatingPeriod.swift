import Foundation

/// A period of observation: whole UTC calendar days, both ends included.
///
/// Days are UTC so a period means the same on every machine and in every time zone, as every
/// date Attest prints does (`Timestamp`). A day is a count of days since 1970-01-01 (Unix time
/// has no leap seconds, so a UTC day is always 86,400 seconds).
public struct OperatingPeriod: Hashable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 of the first day of the period.
    public let firstDay: Int
    /// Days since 1970-01-01 of the last day of the period (included).
    public let lastDay: Int

    /// The longest period accepted: ten years and a bit, so a typing mistake (`9000d`) is
    /// refused instead of allocating a day per year of the Roman empire.
    public static let longestDays = 3_660

    /// The period from `firstDay` to `lastDay`, both included.
    ///
    /// - Throws: `period.reversed` when `lastDay` comes before `firstDay`, `period.too-long`
    ///   past `longestDays`.
    public init(firstDay: Int, lastDay: Int) throws(PeriodError) {
        guard lastDay >= firstDay else {
            throw PeriodError(
                code: .reversed, text: "\(Self.dayText(firstDay))..\(Self.dayText(lastDay))")
        }
        guard lastDay - firstDay + 1 <= Self.longestDays else {
            throw PeriodError(
                code: .tooLong, text: "\(Self.dayText(firstDay))..\(Self.dayText(lastDay))")
        }
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// Parses `2026-01-01..2026-06-30` (both days included), or `90d` / `12w`: that many days
    /// ending with `today`'s UTC day (`90d` is today and the 89 days before it).
    ///
    /// - Parameter today: the build clock's time, never the machine's clock read here.
    /// - Throws: `period.malformed`, `period.reversed` or `period.too-long`.
    public init(parsing text: String, today: Date) throws(PeriodError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let range = trimmed.range(of: "..") {
            guard let first = Timestamp.day(String(trimmed[..<range.lowerBound])),
                let last = Timestamp.day(String(trimmed[range.upperBound...]))
            else { throw PeriodError(code: .malformed, text: text) }
            try self.init(firstDay: Self.day(of: first), lastDay: Self.day(of: last))
            return
        }
        guard let unit = trimmed.last, unit == "d" || unit == "w",
            let count = Int(trimmed.dropLast()), trimmed.dropLast().allSatisfy(\.isASCII),
            trimmed.first?.isNumber == true
        else { throw PeriodError(code: .malformed, text: text) }
        let (days, overflow) = count.multipliedReportingOverflow(by: unit == "w" ? 7 : 1)
        guard !overflow, days >= 1 else { throw PeriodError(code: .malformed, text: text) }
        guard days <= Self.longestDays else { throw PeriodError(code: .tooLong, text: text) }
        let last = Self.day(of: today)
        try self.init(firstDay: last - days + 1, lastDay: last)
    }

    /// How many days the period has.
    public var dayCount: Int { lastDay - firstDay + 1 }

    /// Midnight UTC starting the first day.
    public var start: Date { Self.midnight(firstDay) }

    /// Midnight UTC just after the last day: the period is `[start, end)`.
    public var end: Date { Self.midnight(lastDay + 1) }

    /// `2026-01-01..2026-06-30`, the form `--period` accepts.
    public var description: String { "\(Self.dayText(firstDay))..\(Self.dayText(lastDay))" }

    /// The UTC day `date` falls on, in days since 1970-01-01.
    public static func day(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// Midnight UTC starting `day`.
    public static func midnight(_ day: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day) * 86_400)
    }

    /// `2026-01-01` for `day`.
    public static func dayText(_ day: Int) -> String { Timestamp.formatDay(midnight(day)) }
}

/// A `--period` or `period:` that cannot be read: malformed, reversed or too long.
public struct PeriodError: CommandFailure, Hashable, Sendable {
    public enum Code: String, Hashable, Sendable {
        /// Neither `YYYY-MM-DD..YYYY-MM-DD` nor `Nd` / `Nw` with N ≥ 1.
        case malformed = "period.malformed"
        /// The last day comes before the first.
        case reversed = "period.reversed"
        /// Longer than `OperatingPeriod.longestDays`.
        case tooLong = "period.too-long"
    }

    public var code: Code
    /// The period as written.
    public var text: String

    public init(code: Code, text: String) {
        self.code = code
        self.text = text
    }

    /// A period that cannot be read is a usage mistake (exit 2).
    public var failureKind: FailureKind { .unusable }

    public var description: String {
        switch code {
        case .malformed:
            "period '\(text)' is neither FIRST..LAST (2026-01-01..2026-06-30) nor a number of "
                + "days or weeks ending today (90d, 12w) [\(code.rawValue)]"
        case .reversed:
            "period '\(text)' ends before it starts [\(code.rawValue)]"
        case .tooLong:
            "period '\(text)' is longer than \(OperatingPeriod.longestDays) days [\(code.rawValue)]"
        }
    }
}

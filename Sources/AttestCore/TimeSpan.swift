/// A length of time written as `90d`, `12h`, `30m`, `45s` or `2w`.
///
/// Durations stay exact whole seconds so expiry dates are reproducible.
public struct TimeSpan: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }
    public static func days(_ days: Int) -> TimeSpan { TimeSpan(seconds: days * 86_400) }

    /// Parses `<positive integer><unit>` with unit `s`, `m`, `h`, `d` or `w`; nil otherwise.
    ///
    /// Read by byte: the digits are ASCII and the unit one ASCII letter, so a mark joined to
    /// either (a character of its own when read by character) is a byte that fails here too.
    /// Every evidence item's `max_age` is read so.
    public init?(parsing text: String) {
        let bytes = text.utf8
        guard bytes.count >= 2, let unit = bytes.last else { return nil }
        let scale: Int
        switch unit {
        case UInt8(ascii: "s"): scale = 1
        case UInt8(ascii: "m"): scale = 60
        case UInt8(ascii: "h"): scale = 3_600
        case UInt8(ascii: "d"): scale = 86_400
        case UInt8(ascii: "w"): scale = 604_800
        default: return nil
        }
        var value = 0
        for byte in bytes.dropLast() {
            guard (0x30...0x39).contains(byte) else { return nil }
            let (shifted, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, carried) = shifted.addingReportingOverflow(Int(byte - 0x30))
            guard !overflowed, !carried else { return nil }
            value = sum
        }
        guard value > 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow, product <= 100 * 366 * 86_400 else { return nil }
        self.seconds = product
    }

    /// The shortest exact spelling: `90d` rather than `7776000s`.
    public var description: String {
        for (unit, scale) in [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)]
        where seconds % scale == 0 {
            if unit == "w", seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
            return "\(seconds / scale)\(unit)"
        }
        return "\(seconds)s"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.seconds < rhs.seconds }
}

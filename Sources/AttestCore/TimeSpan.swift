/// A length of time written as `90d`, `12h`, `30m`, `45s` or `2w`.
///
/// Durations stay exact whole seconds so expiry dates are reproducible.
public struct TimeSpan: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }
    public static func days(_ days: Int) -> TimeSpan { TimeSpan(seconds: days * 86_400) }

    /// Parses `<positive integer><unit>` with unit `s`, `m`, `h`, `d` or `w`; nil otherwise.
    public init?(parsing text: String) {
        guard let unit = text.last, text.count >= 2 else { return nil }
        let digits = text.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits), value > 0
        else { return nil }
        let scale: Int
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        case "w": scale = 604_800
        default: return nil
        }
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

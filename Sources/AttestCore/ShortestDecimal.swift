/// Rounds a double the way `NodeScore` prints figures, on the digits of its shortest decimal
/// spelling instead of through `Decimal(string:)`.
///
/// The figure of a double is its shortest spelling (`"\(value)"`, the decimal it is nearest
/// to), scaled by a power of ten, rounded half away from zero, and printed without trailing
/// zeros, as `Decimal`'s description prints it. Parsing that spelling into a `Decimal` cost more
/// than scoring a large build; the digits give the same answer directly, in integer arithmetic
/// (a spelling has at most 17 significant digits). `ShortestDecimalTests` holds the two to the
/// same output.
enum ShortestDecimal {
    /// `value × 10^shift`, rounded half away from zero to `places` decimals and printed without
    /// trailing zeros (`"35.248"`, `"37"`, `"-2.5"`, `"0"`); nil for a value that is not finite
    /// or whose rounded digits do not fit in 64 bits (`Decimal` decides those).
    static func rounded(_ value: Double, shift: Int, places: Int) -> String? {
        guard let (negative, whole) = scaled(value, shift: shift, places: places) else {
            return nil
        }
        let unit = power(places) ?? 1
        var decimals = whole % unit
        var shown = places
        while shown > 0, decimals % 10 == 0 {
            decimals /= 10
            shown -= 1
        }
        var out = negative && whole != 0 ? "-" : ""
        out += String(whole / unit)
        if shown > 0 {
            let digits = String(decimals)
            out += "." + String(repeating: "0", count: shown - digits.count) + digits
        }
        return out
    }

    /// The same rounding as a double: the nearest double to the printed figure (positive zero
    /// for a figure of 0); nil where `rounded` is nil.
    static func roundedValue(_ value: Double, shift: Int, places: Int) -> Double? {
        guard let (negative, whole) = scaled(value, shift: shift, places: places),
            whole < 1 << 53, let unit = power(places)
        else { return nil }
        // Both are exact doubles, and division rounds correctly: what parsing the text gives.
        let magnitude = Double(whole) / Double(unit)
        return negative && whole != 0 ? -magnitude : magnitude
    }

    /// `numerator / denominator × 10^shift`, rounded half away from zero to `places` decimals,
    /// as a double: the exact quotient of the two shortest spellings, in integer arithmetic (so
    /// 201/400, stored as 0.502499…/1, gives 50.25 and then 50.3). nil for a zero denominator,
    /// or when the operands scaled to integers or the rounded result do not fit in 64 bits
    /// (`Decimal` decides those).
    static func quotientValue(
        _ numerator: Double, _ denominator: Double, shift: Int, places: Int
    ) -> Double? {
        guard numerator.isFinite, denominator.isFinite, places >= 0,
            let top = Spelling(numerator.description),
            let bottom = Spelling(denominator.description), bottom.value != 0,
            let unit = power(places)
        else { return nil }
        // numerator / denominator × 10^(shift + places) = top / bottom × 10^move.
        let move = top.exponent - bottom.exponent + shift + places
        var dividend = top.value
        var divisor = bottom.value
        if move >= 0 {
            guard let factor = power(move) else { return top.value == 0 ? 0 : nil }
            let (product, overflow) = dividend.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            dividend = product
        } else {
            guard let factor = power(-move) else { return nil }
            let (product, overflow) = divisor.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            divisor = product
        }
        let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        // Half away from zero: up when the remainder is at least half the divisor.
        let whole = remainder >= divisor - remainder ? quotient + 1 : quotient
        guard whole < 1 << 53 else { return nil }
        // Both are exact doubles, and division rounds correctly: what parsing the text gives.
        let magnitude = Double(whole) / Double(unit)
        return top.negative != bottom.negative && whole != 0 ? -magnitude : magnitude
    }

    /// `round(|value| × 10^(shift + places))` on the shortest spelling's digits, half away from
    /// zero, and the sign; nil when it does not fit in 64 bits.
    private static func scaled(
        _ value: Double, shift: Int, places: Int
    ) -> (negative: Bool, whole: UInt64)? {
        guard value.isFinite, places >= 0, let digits = Spelling(value.description) else {
            return nil
        }
        // Far beyond any score, `Decimal` runs out of exponent (it prints NaN): such values take
        // the `Decimal` path, so every figure stays as it was.
        let scale = digits.exponent + shift
        guard scale >= -100, digits.count + scale <= 100 else { return nil }
        // value = digits × 10^exponent; the result is round(digits × 10^move).
        let move = scale + places
        if move >= 0 {
            guard let factor = power(move) else { return digits.value == 0 ? (false, 0) : nil }
            let (product, overflow) = digits.value.multipliedReportingOverflow(by: factor)
            return overflow ? nil : (digits.negative, product)
        }
        // A spelling has fewer than 20 digits, so cutting 20 or more leaves 0, rounded down.
        guard let divisor = power(-move) else { return (digits.negative, 0) }
        let (quotient, remainder) = digits.value.quotientAndRemainder(dividingBy: divisor)
        // The first digit cut is 5 or more exactly when the remainder is half the divisor or more.
        return (digits.negative, remainder >= divisor - remainder ? quotient + 1 : quotient)
    }

    /// 10^exponent, nil past 10^19.
    private static func power(_ exponent: Int) -> UInt64? {
        guard exponent >= 0, exponent <= 19 else { return nil }
        var result: UInt64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// A shortest spelling as `-`, digits with at most one `.`, then maybe `e±N`, read as
    /// `value × 10^exponent`.
    private struct Spelling {
        var negative = false
        var value: UInt64 = 0
        var exponent = 0
        /// How many digits it spells, leading zeros included.
        var count = 0

        init?(_ text: String) {
            var text = text
            guard let parsed = text.withUTF8({ Self.read($0) }) else { return nil }
            self = parsed
        }

        private init() {}

        private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Spelling? {
            var spelling = Spelling()
            var index = 0
            var sawPoint = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                spelling.negative = true
                index += 1
            }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let (times, overflow) = spelling.value.multipliedReportingOverflow(by: 10)
                    guard !overflow else { return nil }
                    spelling.value = times + UInt64(byte - UInt8(ascii: "0"))
                    if sawPoint { spelling.exponent -= 1 }
                    spelling.count += 1
                case UInt8(ascii: "."):
                    guard !sawPoint else { return nil }
                    sawPoint = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"):
                    let rest = UnsafeBufferPointer(rebasing: bytes[(index + 1)...])
                    guard let power = Int(String(decoding: rest, as: UTF8.self)) else {
                        return nil
                    }
                    spelling.exponent += power
                    return spelling.count > 0 ? spelling : nil
                default: return nil
                }
                index += 1
            }
            return spelling.count > 0 ? spelling : nil
        }
    }
}

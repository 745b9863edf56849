/// Rounds a double the way `NodeScore` prints figures, on the digits of its shortest decimal
/// spelling instead of through `Decimal(string:)`.
///
/// The figure of a double is its shortest spelling (`"\(value)"`, the decimal it is nearest
/// to), scaled by a power of ten, rounded half away from zero, and printed without trailing
/// zeros, as `Decimal`'s description prints it. Parsing that spelling into a `Decimal` cost more
/// than scoring a large build; the digits give the same answer directly. `ScoreFigureTests`
/// holds the two to the same output.
enum ShortestDecimal {
    /// `value × 10^shift`, rounded half away from zero to `places` decimals and printed without
    /// trailing zeros (`"35.248"`, `"37"`, `"-2.5"`, `"0"`); nil for a value that is not finite
    /// or is far outside the range of scores (`Decimal` decides those).
    static func rounded(_ value: Double, shift: Int, places: Int) -> String? {
        guard value.isFinite else { return nil }
        // The shortest spelling: `-`, digits with at most one `.`, then maybe `e±N`.
        var digits: [UInt8] = []
        var negative = false
        var pointAt: Int?
        var exponent = 0
        var text = "\(value)"
        let parsed: Bool = text.withUTF8 { bytes in
            var index = 0
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "."):
                    guard pointAt == nil else { return false }
                    pointAt = digits.count
                case UInt8(ascii: "e"), UInt8(ascii: "E"):
                    guard let power = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self))
                    else { return false }
                    exponent = power
                    index = bytes.count
                    continue
                default: return false
                }
                index += 1
            }
            return !digits.isEmpty
        }
        guard parsed else { return nil }
        // value = digits × 10^scale, digits read as one integer.
        let fraction = pointAt.map { digits.count - $0 } ?? 0
        let scale = exponent - fraction + shift
        // Far beyond any score, `Decimal` runs out of exponent (it prints NaN): such values take
        // the `Decimal` path, so every figure stays as it was.
        guard scale >= -100, digits.count + scale <= 100 else { return nil }
        // N = round(digits × 10^(scale + places)); the result is N × 10^-places.
        let move = scale + places
        var whole: [UInt8]
        if move >= 0 {
            whole = digits + [UInt8](repeating: 0, count: move)
        } else {
            let cut = -move
            if cut > digits.count {
                whole = [0]
            } else {
                whole = Array(digits[..<(digits.count - cut)])
                let roundsUp = digits[digits.count - cut] >= 5
                if whole.isEmpty { whole = [0] }
                if roundsUp { increment(&whole) }
            }
        }
        // Drop leading zeros, keeping enough digits for the decimals and one before them.
        while whole.count > 1, whole[0] == 0 { whole.removeFirst() }
        if whole.count <= places {
            whole = [UInt8](repeating: 0, count: places + 1 - whole.count) + whole
        }
        // No leading zero is left but the one a value under 1 prints (`0.5`).
        let integer = whole[..<(whole.count - places)]
        var decimals = whole[(whole.count - places)...]
        while let last = decimals.last, last == 0 { decimals = decimals.dropLast() }
        let isZero = integer.allSatisfy { $0 == 0 } && decimals.isEmpty
        var out = negative && !isZero ? "-" : ""
        out += String(decoding: integer.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        if !decimals.isEmpty {
            out += "." + String(decoding: decimals.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        }
        return out
    }

    /// Adds one to a big-endian run of decimal digits.
    private static func increment(_ digits: inout [UInt8]) {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] < 9 {
                digits[index] += 1
                return
            }
            digits[index] = 0
            index -= 1
        }
        digits.insert(1, at: 0)
    }
}

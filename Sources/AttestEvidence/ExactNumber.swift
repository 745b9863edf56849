import AttestCore

/// A number read from its written text without rounding, so that assertions compare values
/// exactly: integers of any size and decimals with any exponent.
///
/// Converting to `Double` made `9007199254740993 == 9007199254740992` hold (both round to
/// 2^53) and `1e-400 > 0` fail (it rounds to 0). Here a finite number is kept as its sign,
/// its significant digits and a decimal exponent, and two numbers are compared digit by digit:
/// `1 == 1.0 == 1e0`, `-0 == 0`, and `1e400` is finite and greater than `1e399`. Only the YAML
/// words `.inf`, `-.inf` and `.nan` are infinite or not a number; NaN equals nothing and is
/// neither less nor greater than anything.
struct ExactNumber: Sendable, CustomStringConvertible {
    private enum Value: Sendable {
        /// `digits` (no leading or trailing zeros; empty for zero) read as `0.d₁d₂…` times
        /// 10^`exponent`.
        case finite(negative: Bool, digits: [UInt8], exponent: BigDecimalInteger)
        case infinity(negative: Bool)
        case notANumber
    }

    private let value: Value
    /// The text the number was read from, for messages.
    let written: String

    var description: String { written }

    /// The number a scalar holds under the YAML core schema (which JSON numbers also follow),
    /// or nil when the scalar is not a number (quoted, a boolean, a word, null).
    init?(_ scalar: ResolvedScalar, text: String) {
        written = text
        switch scalar {
        case .int(let integer):
            // Decimal text is read as written; hexadecimal and octal through their value.
            value = Self.parseDecimal(text) ?? Self.parseDecimal(String(integer)) ?? .notANumber
        case .double(let double):
            if let exact = Self.parseDecimal(text) {
                value = exact
            } else if double.isNaN {
                value = .notANumber
            } else if double.isInfinite {
                value = .infinity(negative: double < 0)
            } else {
                // Not a plain decimal literal, yet a core-schema float: read the value Swift
                // parsed, in its shortest exact form.
                value = Self.parseDecimal("\(double)") ?? .notANumber
            }
        default:
            return nil
        }
    }

    /// The number a scalar value holds, if it holds one.
    init?(_ value: ConfigValue) {
        guard let scalar = value.resolvedScalar, let text = value.scalar else { return nil }
        self.init(scalar, text: text)
    }

    /// Whether this is a finite number (neither infinite nor NaN).
    var isFinite: Bool {
        if case .finite = value { return true }
        return false
    }

    /// How `lhs` orders against `rhs`: negative, zero or positive, or nil when either is NaN.
    static func compare(_ lhs: ExactNumber, _ rhs: ExactNumber) -> Int? {
        switch (lhs.value, rhs.value) {
        case (.notANumber, _), (_, .notANumber):
            return nil
        case (.infinity(let left), .infinity(let right)):
            return left == right ? 0 : (left ? -1 : 1)
        case (.infinity(let negative), .finite):
            return negative ? -1 : 1
        case (.finite, .infinity(let negative)):
            return negative ? 1 : -1
        case (
            .finite(let leftNegative, let leftDigits, let leftExponent),
            .finite(let rightNegative, let rightDigits, let rightExponent)
        ):
            let leftSign = leftDigits.isEmpty ? 0 : (leftNegative ? -1 : 1)
            let rightSign = rightDigits.isEmpty ? 0 : (rightNegative ? -1 : 1)
            guard leftSign == rightSign else { return leftSign < rightSign ? -1 : 1 }
            guard leftSign != 0 else { return 0 }
            var magnitude = BigDecimalInteger.compare(leftExponent, rightExponent)
            if magnitude == 0 { magnitude = compareDigits(leftDigits, rightDigits) }
            return leftSign * magnitude
        }
    }

    static func == (lhs: ExactNumber, rhs: ExactNumber) -> Bool { compare(lhs, rhs) == 0 }

    /// Compares two digit strings read as `0.d₁d₂…` (same exponent).
    private static func compareDigits(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        for (left, right) in zip(lhs, rhs) where left != right { return left < right ? -1 : 1 }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }

    /// Reads `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (the YAML core-schema number
    /// syntax, which includes JSON's); nil for any other text.
    private static func parseDecimal(_ text: String) -> Value? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var mantissa: [UInt8] = []
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        while let byte = bytes.first {
            if (0x30...0x39).contains(byte) {
                mantissa.append(byte - 0x30)
                sawDigit = true
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        guard sawDigit else { return nil }
        var exponent = BigDecimalInteger.zero
        if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else {
                return nil
            }
            exponent = BigDecimalInteger(
                negative: exponentNegative, digits: bytes.map { $0 - 0x30 })
            bytes = bytes[bytes.endIndex...]
        }
        guard bytes.isEmpty else { return nil }
        // value = mantissa × 10^(exponent − fractionDigits) = 0.digits × 10^(that + count).
        let firstSignificant = mantissa.firstIndex { $0 != 0 } ?? mantissa.endIndex
        let significant = mantissa[firstSignificant...]
        let lastSignificant = significant.lastIndex { $0 != 0 }.map { $0 + 1 } ?? firstSignificant
        let digits = Array(mantissa[firstSignificant..<lastSignificant])
        let scale = exponent.adding(significant.count - fractionDigits)
        return .finite(negative: negative, digits: digits, exponent: scale)
    }
}

/// A signed integer of any size, as decimal digits: the exponent of an `ExactNumber`, which a
/// document may write as `1e99999999999999999999`.
struct BigDecimalInteger: Sendable {
    /// Most significant digit first, no leading zeros; empty for zero.
    private let magnitude: [UInt8]
    private let negative: Bool

    static let zero = BigDecimalInteger(negative: false, digits: [])

    init(negative: Bool, digits: [UInt8]) {
        let start = digits.firstIndex { $0 != 0 } ?? digits.endIndex
        magnitude = Array(digits[start...])
        self.negative = negative && !magnitude.isEmpty
    }

    init(_ value: Int) {
        self.init(
            negative: value < 0, digits: String(value.magnitude).utf8.map { $0 - 0x30 })
    }

    /// `self + offset`.
    func adding(_ offset: Int) -> BigDecimalInteger {
        let other = BigDecimalInteger(offset)
        if negative == other.negative {
            return BigDecimalInteger(
                negative: negative, digits: Self.add(magnitude, other.magnitude))
        }
        // Opposite signs: subtract the smaller magnitude from the larger one.
        if Self.compareMagnitudes(magnitude, other.magnitude) >= 0 {
            return BigDecimalInteger(
                negative: negative, digits: Self.subtract(magnitude, other.magnitude))
        }
        return BigDecimalInteger(
            negative: other.negative, digits: Self.subtract(other.magnitude, magnitude))
    }

    /// Negative, zero or positive as `lhs` is less than, equal to or greater than `rhs`.
    static func compare(_ lhs: BigDecimalInteger, _ rhs: BigDecimalInteger) -> Int {
        if lhs.negative != rhs.negative { return lhs.negative ? -1 : 1 }
        let magnitudes = compareMagnitudes(lhs.magnitude, rhs.magnitude)
        return lhs.negative ? -magnitudes : magnitudes
    }

    private static func compareMagnitudes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        if lhs.count != rhs.count { return lhs.count < rhs.count ? -1 : 1 }
        for (left, right) in zip(lhs, rhs) where left != right { return left < right ? -1 : 1 }
        return 0
    }

    private static func add(_ lhs: [UInt8], _ rhs: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var carry: UInt8 = 0
        var left = lhs.reversed().makeIterator()
        var right = rhs.reversed().makeIterator()
        while true {
            let a = left.next()
            let b = right.next()
            if a == nil, b == nil { break }
            let sum = (a ?? 0) + (b ?? 0) + carry
            result.append(sum % 10)
            carry = sum / 10
        }
        if carry > 0 { result.append(carry) }
        return result.reversed()
    }

    /// `lhs − rhs` for `lhs ≥ rhs`.
    private static func subtract(_ lhs: [UInt8], _ rhs: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var borrow: UInt8 = 0
        var right = rhs.reversed().makeIterator()
        for digit in lhs.reversed() {
            let subtrahend = (right.next() ?? 0) + borrow
            if digit >= subtrahend {
                result.append(digit - subtrahend)
                borrow = 0
            } else {
                result.append(digit + 10 - subtrahend)
                borrow = 1
            }
        }
        return result.reversed()
    }
}

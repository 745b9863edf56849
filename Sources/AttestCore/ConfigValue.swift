/// A YAML value kept with its position, for settings whose shape a later stage decides
/// (collector options, trust-center content).
public struct ConfigValue: Hashable, Sendable {
    /// The shape of a value.
    public enum Kind: Hashable, Sendable {
        /// A scalar as written; `isQuoted` distinguishes `"1.3"` (a string) from `1.3`.
        case scalar(String, isQuoted: Bool)
        case sequence([ConfigValue])
        /// Entries in document order; keys are unique (duplicates are refused on load).
        case mapping([ConfigEntry])
    }

    public var kind: Kind
    public var position: SourcePosition

    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }

    /// The scalar text, if this is a scalar.
    public var scalar: String? {
        if case let .scalar(text, _) = kind { return text }
        return nil
    }

    /// The items, if this is a sequence.
    public var sequence: [ConfigValue]? {
        if case let .sequence(items) = kind { return items }
        return nil
    }

    /// The entries, if this is a mapping.
    public var mapping: [ConfigEntry]? {
        if case let .mapping(entries) = kind { return entries }
        return nil
    }

    /// The value under `key`, if this is a mapping that has it.
    public subscript(key: String) -> ConfigValue? {
        mapping?.first { $0.key == key }?.value
    }

    /// Whether this is a plain scalar that the core schema reads as null, without resolving it.
    public var isNull: Bool {
        guard case let .scalar(text, quoted) = kind, !quoted else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The scalar resolved with the YAML 1.2 core schema (null, bool, int, float, string).
    public var resolvedScalar: ResolvedScalar? {
        guard case let .scalar(text, quoted) = kind else { return nil }
        return ResolvedScalar(text, isQuoted: quoted)
    }
}

/// One `key: value` pair of a mapping, with the key's own position for findings about it.
public struct ConfigEntry: Hashable, Sendable {
    public var key: String
    public var keyPosition: SourcePosition
    public var value: ConfigValue

    public init(key: String, keyPosition: SourcePosition, value: ConfigValue) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}

/// A scalar typed with the YAML 1.2 core schema; quoted scalars are always strings.
public enum ResolvedScalar: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)

    public init(_ text: String, isQuoted: Bool) {
        if isQuoted {
            self = .string(text)
            return
        }
        switch text {
        case "", "~", "null", "Null", "NULL": self = .null
        case "true", "True", "TRUE": self = .bool(true)
        case "false", "False", "FALSE": self = .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": self = .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": self = .double(-.infinity)
        case ".nan", ".NaN", ".NAN": self = .double(.nan)
        default:
            if let int = Self.parseInt(text) {
                self = .int(int)
            } else if Self.looksNumeric(text), let double = Double(text) {
                self = .double(double)
            } else {
                self = .string(text)
            }
        }
    }

    private static func parseInt(_ text: String) -> Int? {
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        let utf8 = text.utf8
        let digits =
            utf8.first == UInt8(ascii: "-") || utf8.first == UInt8(ascii: "+")
            ? utf8.dropFirst() : utf8[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    /// Core-schema floats: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    private static func looksNumeric(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, first != UInt8(ascii: "e"), first != UInt8(ascii: "E") else {
            return false
        }
        var sawDigit = false
        for byte in utf8 {
            switch byte {
            case 0x30...0x39: sawDigit = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"),
                UInt8(ascii: "E"):
                break
            default: return false
            }
        }
        return sawDigit
    }

    /// The value as a number, if it is one.
    public var number: Double? {
        switch self {
        case let .int(value): Double(value)
        case let .double(value): value
        default: nil
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

import AttestCore
import Foundation

/// One check of a value in a structured document, parsed from an `expect:` entry.
///
/// The same engine judges JSON and YAML files, JSON printed by commands, and HTTP headers, so
/// the operators behave identically everywhere. The grammar is in docs/collectors.md.
indirect enum Assertion {
    /// Equal to a scalar (typed by the YAML core schema) or, item by item, to a sequence.
    case equals(ConfigValue)
    /// Present and different.
    case notEquals(ConfigValue)
    /// A number compared exactly with the operand (see `ExactNumber`).
    case ordered(Comparison, operand: ExactNumber)
    /// Equal to one of the listed values.
    case oneOf([ConfigValue])
    /// Present (`true`) or absent (`false`).
    case exists(Bool)
    /// A scalar whose text contains a match of the regular expression.
    case matches(Pattern)
    /// The value is an array and every item satisfies the inner assertion.
    case all(Assertion)
    /// The value is an array and at least one item satisfies the inner assertion.
    case any(Assertion)
    /// The value is an array and no item satisfies the inner assertion.
    case none(Assertion)
    /// The value is an array whose number of items satisfies the inner assertion (a value or
    /// a comparison).
    case count(Assertion)
    /// Each sub-path below the value satisfies its own assertion.
    case fields([Field])

    /// `<`, `<=`, `>`, `>=`.
    enum Comparison: String, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        /// Whether `lhs` compares so with `rhs`; never when either is NaN.
        func holds(_ lhs: ExactNumber, _ rhs: ExactNumber) -> Bool {
            guard let order = ExactNumber.compare(lhs, rhs) else { return false }
            switch self {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            }
        }
    }

    /// A compiled regular expression with its source, for messages.
    struct Pattern {
        var source: String
        var regex: NSRegularExpression

        /// Whether the pattern matches anywhere in `text` (unanchored, like `grep -E`).
        func matches(_ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// A sub-path with its assertion.
    struct Field {
        var path: ValuePath
        var assertion: Assertion
    }

    /// A short rendering for messages such as `rules: no item matches {port: 443}`.
    var summary: String {
        switch self {
        case .equals(let value): ValueText.render(value)
        case .notEquals(let value): "!= \(ValueText.render(value))"
        case .ordered(let comparison, let operand): "\(comparison.rawValue) \(operand)"
        case .oneOf(let values): "in [\(values.map(ValueText.render).joined(separator: ", "))]"
        case .exists(let present): present ? "exists" : "absent"
        case .matches(let pattern): "matches \(ValueText.quote(pattern.source))"
        case .all(let inner): "all \(inner.summary)"
        case .any(let inner): "any \(inner.summary)"
        case .none(let inner): "none \(inner.summary)"
        case .count(let inner): "count \(inner.summary)"
        case .fields(let fields):
            "{" + fields.map { "\($0.path): \($0.assertion.summary)" }.joined(separator: ", ")
                + "}"
        }
    }
}

/// How values appear in messages: strings quoted, numbers and booleans bare, long values cut.
enum ValueText {
    static let limit = 80

    static func render(_ value: ConfigValue) -> String {
        let text: String
        switch value.kind {
        case .scalar(let scalar, let isQuoted):
            text =
                isQuoted || ResolvedScalar(scalar, isQuoted: false) == .string(scalar)
                ? quote(scalar) : scalar
        case .sequence(let items):
            text = "[" + items.map(render).joined(separator: ", ") + "]"
        case .mapping(let entries):
            text =
                "{" + entries.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ")
                + "}"
        }
        return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    /// `"text"` with quotes, backslashes and control characters escaped.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

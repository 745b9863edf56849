import AttestCore
import Foundation

extension Assertion {
    /// The operator keys; a mapping with one of these as its only key is an operator.
    static let operatorNames: Set<String> = [
        "==", "!=", "<", "<=", ">", ">=", "in", "exists", "matches", "all", "any", "none",
        "count",
    ]

    /// Parses an `expect:` option: a mapping of path → assertion, or a sequence of such
    /// mappings (to check one path twice, e.g. a lower and an upper bound).
    ///
    /// - Returns: A `.fields` assertion, or nil with diagnostics appended.
    static func expectations(
        _ value: ConfigValue, option: String, diagnostics: inout [Diagnostic]
    ) -> Assertion? {
        diagnostics += unquotedVersions(in: value)
        let maps: [ConfigValue]
        if value.mapping != nil {
            maps = [value]
        } else if let items = value.sequence, !items.isEmpty {
            maps = items
        } else {
            diagnostics.append(
                .error(
                    .evidenceInvalidExpectation,
                    "'\(option)' must be a mapping of path → expected value", at: value.position))
            return nil
        }
        var fields: [Field] = []
        var valid = true
        for map in maps {
            guard let entries = map.mapping, !entries.isEmpty else {
                diagnostics.append(
                    .error(
                        .evidenceInvalidExpectation,
                        "each item of '\(option)' must be a non-empty mapping of path → "
                            + "expected value", at: map.position))
                valid = false
                continue
            }
            guard let parsed = parseFields(entries, diagnostics: &diagnostics) else {
                valid = false
                continue
            }
            fields += parsed
        }
        return valid ? .fields(fields) : nil
    }

    /// Parses one assertion: a scalar, a sequence, a one-operator mapping, or sub-paths.
    static func parse(_ value: ConfigValue, diagnostics: inout [Diagnostic]) -> Assertion? {
        switch value.kind {
        case .scalar:
            return .equals(value)
        case .sequence:
            return comparable(value, diagnostics: &diagnostics) ? .equals(value) : nil
        case .mapping(let entries):
            guard !entries.isEmpty else {
                diagnostics.append(
                    .error(
                        .evidenceInvalidExpectation, "an empty mapping is not an assertion",
                        at: value.position))
                return nil
            }
            let operators = entries.filter { operatorNames.contains($0.key) }
            if let first = operators.first {
                guard entries.count == 1 else {
                    diagnostics.append(
                        .error(
                            .evidenceInvalidExpectation,
                            "an operator mapping has exactly one key; '\(first.key)' is mixed "
                                + "with other keys", at: first.keyPosition))
                    return nil
                }
                return parseOperator(first, diagnostics: &diagnostics)
            }
            return parseFields(entries, diagnostics: &diagnostics).map(Assertion.fields)
        }
    }

    private static func parseFields(
        _ entries: [ConfigEntry], diagnostics: inout [Diagnostic]
    ) -> [Field]? {
        var fields: [Field] = []
        var valid = true
        for entry in entries {
            if entry.key.allSatisfy({ "!<>=~".contains($0) }) {
                diagnostics.append(
                    .error(
                        .evidenceInvalidExpectation,
                        "unknown operator '\(entry.key)'; use one of "
                            + operatorNames.sorted().joined(separator: ", "),
                        at: entry.keyPosition))
                valid = false
                continue
            }
            guard let path = ValuePath(parsing: entry.key) else {
                diagnostics.append(
                    .error(
                        .evidenceInvalidExpectation,
                        "'\(entry.key)' is not a valid path (write keys separated by '.', with "
                            + "[n] or [*] for array items)", at: entry.keyPosition))
                valid = false
                continue
            }
            guard let assertion = parse(entry.value, diagnostics: &diagnostics) else {
                valid = false
                continue
            }
            fields.append(Field(path: path, assertion: assertion))
        }
        return valid ? fields : nil
    }

    private static func parseOperator(
        _ entry: ConfigEntry, diagnostics: inout [Diagnostic]
    ) -> Assertion? {
        let operand = entry.value
        func invalid(_ message: String) -> Assertion? {
            diagnostics.append(
                .error(.evidenceInvalidExpectation, message, at: operand.position))
            return nil
        }
        switch entry.key {
        case "==", "!=":
            guard operand.mapping == nil else {
                return invalid("'\(entry.key)' needs a scalar or a list of scalars")
            }
            guard comparable(operand, diagnostics: &diagnostics) else { return nil }
            return entry.key == "==" ? .equals(operand) : .notEquals(operand)
        case "in":
            guard let items = operand.sequence, !items.isEmpty,
                items.allSatisfy({ $0.scalar != nil })
            else { return invalid("'in' needs a non-empty list of scalars") }
            return .oneOf(items)
        case "exists":
            guard case .bool(let flag) = operand.resolvedScalar else {
                return invalid("'exists' needs true or false")
            }
            return .exists(flag)
        case "matches":
            guard let source = operand.scalar else {
                return invalid("'matches' needs a regular expression as a string")
            }
            do {
                return .matches(
                    Pattern(source: source, regex: try NSRegularExpression(pattern: source)))
            } catch {
                return invalid("'\(source)' is not a valid regular expression")
            }
        case "all", "any", "none":
            guard let inner = parse(operand, diagnostics: &diagnostics) else { return nil }
            switch entry.key {
            case "all": return .all(inner)
            case "any": return .any(inner)
            default: return .none(inner)
            }
        case "count":
            guard let inner = parse(operand, diagnostics: &diagnostics) else { return nil }
            switch inner {
            case .equals, .notEquals, .ordered, .oneOf: return .count(inner)
            default:
                return invalid("'count' needs a number or a comparison such as { \"<=\": 5 }")
            }
        default:
            guard let comparison = Comparison(rawValue: entry.key) else {
                return invalid("unknown operator '\(entry.key)'")
            }
            guard let number = ExactNumber(operand), number.isFinite else {
                return invalid("'\(entry.key)' needs a finite number (unquoted)")
            }
            return .ordered(comparison, operand: number)
        }
    }

    /// Sequences compared item by item may hold scalars and nested sequences only.
    private static func comparable(_ value: ConfigValue, diagnostics: inout [Diagnostic]) -> Bool {
        switch value.kind {
        case .scalar: return true
        case .sequence(let items):
            return items.allSatisfy { comparable($0, diagnostics: &diagnostics) }
        case .mapping:
            diagnostics.append(
                .error(
                    .evidenceInvalidExpectation,
                    "a list compared for equality may not contain mappings; use 'all' or 'any'",
                    at: value.position))
            return false
        }
    }
}

import AttestCore

extension Assertion {
    /// Every way `value` fails this assertion, each naming its concrete path, such as
    /// `tls.min_version: expected "1.3", found "1.2"`; empty when it holds.
    ///
    /// - Parameters:
    ///   - value: The value at `path`, or nil when the path does not exist. A missing value
    ///     fails every assertion except `exists: false`.
    ///   - path: The concrete path of `value`, for messages (empty for the document root).
    /// - Complexity: O(n) in the size of the value for one assertion, times nesting of
    ///   `all`/`any`.
    func failures(of value: ConfigValue?, at path: String) -> [String] {
        let label = path.isEmpty ? "(document)" : path
        if case .fields(let fields) = self {
            return fields.flatMap { field in
                field.path.resolve(in: value, prefix: path).flatMap { match in
                    field.assertion.failures(of: match.value, at: match.path)
                }
            }
        }
        if case .exists(let present) = self {
            switch (present, value) {
            case (true, nil): return ["\(label): not found"]
            case (false, let found?):
                return ["\(label): expected to be absent, found \(ValueText.render(found))"]
            default: return []
            }
        }
        guard let value else { return ["\(label): not found"] }
        let found = ValueText.render(value)
        switch self {
        case .equals(let expected):
            return ValueEquality.equal(expected, value)
                ? [] : ["\(label): expected \(ValueText.render(expected)), found \(found)"]
        case .notEquals(let expected):
            return ValueEquality.equal(expected, value)
                ? ["\(label): expected != \(ValueText.render(expected)), found \(found)"] : []
        case .ordered(let comparison, let operand):
            guard let number = ExactNumber(value) else {
                return [
                    "\(label): expected a number \(comparison.rawValue) \(operand), found \(found)"
                ]
            }
            return comparison.holds(number, operand)
                ? [] : ["\(label): expected \(comparison.rawValue) \(operand), found \(found)"]
        case .oneOf(let options):
            return options.contains { ValueEquality.equal($0, value) }
                ? [] : ["\(label): expected \(summary), found \(found)"]
        case .matches(let pattern):
            guard let text = value.scalar else {
                return ["\(label): expected a string that \(summary), found \(found)"]
            }
            return pattern.matches(text)
                ? []
                : ["\(label): expected to match \(ValueText.quote(pattern.source)), found \(found)"]
        case .all(let inner):
            guard let items = value.sequence else {
                return ["\(label): expected an array, found \(found)"]
            }
            return items.enumerated().flatMap { index, item in
                inner.failures(of: item, at: "\(path)[\(index)]")
            }
        case .any(let inner):
            guard let items = value.sequence else {
                return ["\(label): expected an array, found \(found)"]
            }
            if items.contains(where: { inner.failures(of: $0, at: "").isEmpty }) { return [] }
            let detail = items.isEmpty ? " (the array is empty)" : ""
            return ["\(label): no item matches \(inner.summary)\(detail)"]
        case .none(let inner):
            guard let items = value.sequence else {
                return ["\(label): expected an array, found \(found)"]
            }
            return items.indices.filter { inner.failures(of: items[$0], at: "").isEmpty }.map {
                "\(path)[\($0)]: expected no item to match \(inner.summary)"
            }
        case .count(let inner):
            guard let items = value.sequence else {
                return ["\(label): expected an array, found \(found)"]
            }
            let count = ConfigValue(
                .scalar(String(items.count), isQuoted: false), at: value.position)
            guard inner.failures(of: count, at: label).isEmpty else {
                return ["\(label): expected a count \(inner.summary), found \(items.count) items"]
            }
            return []
        case .exists, .fields:
            return []  // handled above
        }
    }

    /// How many checks a `.fields` assertion makes at its top level, for "all 3 met".
    var fieldCount: Int {
        if case .fields(let fields) = self { return fields.count }
        return 1
    }
}

/// Equality under the YAML core schema: `1` equals `1.0`, `"1"` does not equal `1`, and
/// numbers are equal only when their exact values are (`ExactNumber`).
enum ValueEquality {
    static func equal(_ expected: ConfigValue, _ found: ConfigValue) -> Bool {
        switch (expected.kind, found.kind) {
        case (.scalar, .scalar):
            guard let lhs = expected.resolvedScalar, let rhs = found.resolvedScalar else {
                return false
            }
            if let left = ExactNumber(expected), let right = ExactNumber(found) {
                return left == right
            }
            return lhs == rhs
        case (.sequence(let lhs), .sequence(let rhs)):
            return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { equal($0, $1) }
        default:
            return false
        }
    }
}

import AttestCore

extension Assertion {
    /// The parts of a value this assertion reads, so a large document can be parsed keeping
    /// only them (`JSONReader.parse(_:keeping:)`).
    ///
    /// Sub-paths keep their keys and array items; `all`/`any` keep the items; every other
    /// assertion compares or shows the value, and keeps it whole.
    var keepFilter: KeepFilter {
        switch self {
        case .fields(let fields):
            let filters = fields.map {
                Self.keepFilter(along: $0.path.steps[...], then: $0.assertion.keepFilter)
            }
            guard let first = filters.first else { return .key("", .everything) }
            return filters.dropFirst().reduce(first) { $0.merged(with: $1) }
        case .all(let inner), .any(let inner), .none(let inner):
            return .items(inner.keepFilter)
        case .count:
            return .everything
        case .equals, .notEquals, .ordered, .oneOf, .exists, .matches:
            return .everything
        }
    }

    /// Keeps what `steps` lead to, and below it what `leaf` says.
    static func keepFilter(
        along steps: ArraySlice<ValuePath.Step>, then leaf: KeepFilter
    )
        -> KeepFilter
    {
        guard let first = steps.first else { return leaf }
        let rest = keepFilter(along: steps.dropFirst(), then: leaf)
        switch first {
        case .key(let key): return .key(key, rest)
        case .index, .everyItem: return .items(rest)
        }
    }
}

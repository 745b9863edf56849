/// A typed view model as the nested dictionaries and arrays Mustache reads fastest.
///
/// Given a struct, swift-mustache reflects it (`Mirror`) for every tag, at every level of the
/// context stack it climbs, and filters all of its fields to find one: a quarter of a demo
/// build went there for the Statement of Applicability alone (docs/benchmarks.md, "Demo
/// build and validate"). Reflecting each value once, into `[String: Any]` (which Mustache
/// looks up directly), renders the same text: a struct becomes a dictionary of its stored properties, an
/// optional its value (a nil property is left out, which Mustache treats as the struct's nil
/// field), an array its converted elements; anything else (strings, numbers, booleans, enums,
/// dictionaries) is kept as it is. For plain view models only: a value that customises its own
/// Mustache lookup (`MustacheParent`, lambdas) must be passed as it is.
enum ReflectedContext {
    static func tree(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, fields[label] == nil else { continue }
                if let converted = tree(child.value) { fields[label] = converted }
            }
            return fields
        case .optional:
            return mirror.children.first.flatMap { tree($0.value) }
        case .collection:
            guard let array = value as? [Any] else { return value }
            return array.map { element in tree(element) ?? element }
        default:
            return value
        }
    }
}

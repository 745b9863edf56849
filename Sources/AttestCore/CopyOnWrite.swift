/// A value kept in one shared box and copied only when it is written while shared.
///
/// For the model's large structs that are copied far more often than changed (evidence specs
/// and results pass through the graph, scoring, the store and every report): a copy of the
/// struct is then one reference instead of a dozen strings, arrays and dictionaries
/// (docs/benchmarks.md, "The score phase").
struct CopyOnWrite<Value: Hashable & Sendable>: Hashable, Sendable {
    /// Never written while shared: `value`'s `_modify` makes the box unique first, so no two
    /// threads ever see one box change.
    private final class Box: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    var value: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.box === rhs.box || lhs.box.value == rhs.box.value
    }

    func hash(into hasher: inout Hasher) { box.value.hash(into: &hasher) }
}

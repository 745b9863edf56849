/// The graph's evidence specifications by id, looked up in the controls that define them
/// rather than copied out of them.
///
/// A copy of every spec in a dictionary of its own took 48 MB of a 100,000-spec workspace's
/// load (docs/benchmarks.md, "Memory"); this keeps the id's place (its control and position)
/// instead. Only the first definition of an id is kept, as the graph's builder reports the
/// others.
public struct EvidenceSpecs: Sendable {
    /// Where a spec is defined: its control and its position in the control's list.
    struct Place: Sendable {
        var control: ControlID
        var index: Int
    }

    private let controls: [ControlID: Control]
    private let places: [EvidenceID: Place]

    init(controls: [ControlID: Control], places: [EvidenceID: Place]) {
        self.controls = controls
        self.places = places
    }

    /// The spec with this id, or nil.
    public subscript(id: EvidenceID) -> EvidenceSpec? {
        places[id].flatMap { Self.spec(at: $0, in: controls) }
    }

    /// The spec at `place` among `controls`, or nil: the one lookup of the graph and its
    /// builder.
    static func spec(at place: Place, in controls: [ControlID: Control]) -> EvidenceSpec? {
        guard let control = controls[place.control],
            control.evidence.indices.contains(place.index)
        else { return nil }
        return control.evidence[place.index]
    }

    /// How many distinct ids there are.
    public var count: Int { places.count }

    public var isEmpty: Bool { places.isEmpty }

    /// Every spec once, in no particular order.
    public var values: [EvidenceSpec] {
        var specs: [EvidenceSpec] = []
        specs.reserveCapacity(places.count)
        for place in places.values {
            if let spec = Self.spec(at: place, in: controls) { specs.append(spec) }
        }
        return specs
    }
}

/// How a requirement's own applicable controls make its score: the one rule every output, the
/// share carried by withheld controls and validate's hidden-majority check go through.
///
/// In order (docs/scoring.md):
/// 1. *Level.* When at least one control `meets` the requirement, `exceeds` controls are left
///    out (each one below 1 is an internal target missed); when every control `exceeds`, they
///    all count, as nothing weaker proves the requirement.
/// 2. *Aggregate* of the counted controls: `mean`, `min` or `all` (`Aggregate`).
/// 3. *Key cap.* The score is at most the lowest score among the key controls.
public struct RequirementScore: Hashable, Sendable {
    /// The key control that lowered the score, and its score.
    public struct KeyCap: Hashable, Sendable {
        public var control: ControlID
        public var score: Double

        public init(control: ControlID, score: Double) {
            self.control = control
            self.score = score
        }
    }

    public var requirement: RequirementKey
    public var aggregate: Aggregate
    /// Controls whose scores enter the aggregate, sorted by id.
    public var counted: [ControlID]
    /// `exceeds` controls left out because a `meets` control proves the requirement, sorted.
    public var exceeding: [ControlID]
    /// Those of `exceeding` scoring below 1: internal targets missed, which do not lower the
    /// requirement.
    public var missedTargets: [ControlID]
    /// True when every control `exceeds` the requirement, so they count as `meets`.
    public var exceedsCountAsMeets: Bool
    /// The aggregate of `counted`, before any key cap.
    public var aggregated: Double
    /// Set when a key control scores below `aggregated` and so caps the score.
    public var cap: KeyCap?
    /// min(`aggregated`, the lowest key control's score).
    public var score: Double

    /// Scores `key` from `ids`, its applicable controls, each scored by `score` (nil: the
    /// control is unknown and left out).
    ///
    /// Passing `score` rather than a run's results lets the same rule answer "what if these
    /// controls scored 0" (`Scores.numeratorCarried(by:under:)`) and "what if only public
    /// controls passed" (validate), exactly, whatever the aggregate or caps.
    ///
    /// - Complexity: O(c × s) for c controls and s requirements each satisfies.
    public init(
        _ key: RequirementKey, controls ids: [ControlID], graph: ControlGraph,
        score: (ControlID) -> Double?
    ) {
        var scored: [(id: ControlID, weight: Double, score: Double, ref: RequirementReference?)] =
            []
        for id in ids {
            guard let value = score(id), let control = graph.controls[id] else { continue }
            scored.append((id, control.weight, value, graph.reference(from: id, to: key)))
        }
        let meets = scored.filter { ($0.ref?.level ?? .meets) == .meets }
        let counted = meets.isEmpty ? scored : meets
        let left = meets.isEmpty ? [] : scored.filter { $0.ref?.level == .exceeds }
        let rule = graph.aggregate(of: key)
        let aggregated = Self.combine(counted.map { ($0.weight, $0.score) }, by: rule)
        // A key control caps whatever its level: a stricter reading than letting a
        // (refused) key `exceeds` control drop out.
        let lowestKey = scored.filter { $0.ref?.isKey == true }.min { $0.score < $1.score }
        var cap: KeyCap?
        if let lowestKey, lowestKey.score < aggregated {
            cap = KeyCap(control: lowestKey.id, score: lowestKey.score)
        }
        self.requirement = key
        self.aggregate = rule
        self.counted = counted.map(\.id)
        self.exceeding = left.map(\.id)
        self.missedTargets = left.filter { $0.score < 1 }.map(\.id)
        self.exceedsCountAsMeets = meets.isEmpty && !scored.isEmpty
        self.aggregated = aggregated
        self.cap = cap
        self.score = cap?.score ?? aggregated
    }

    /// `items` (weight, score) combined by `rule`; 0 when empty.
    static func combine(_ items: [(weight: Double, score: Double)], by rule: Aggregate) -> Double {
        guard !items.isEmpty else { return 0 }
        var weighted = 0.0
        var weights = 0.0
        for item in items {
            weighted += item.weight * item.score
            weights += item.weight
        }
        let mean = weights > 0 ? weighted / weights : 0
        switch rule {
        case .mean:
            return mean
        case .min:
            return items.map(\.score).min() ?? 0
        case .all:
            return items.allSatisfy { $0.score >= 1 } ? 1 : Swift.min(mean, Aggregate.allCeiling)
        }
    }
}

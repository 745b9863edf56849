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
        var known: [ControlID] = []
        var scores: [Double] = []
        var weights: [Double] = []
        var meets: [Bool] = []
        var isKey: [Bool] = []
        for id in ids {
            guard let value = score(id), let control = graph.controls[id] else { continue }
            let reference = graph.reference(from: id, to: key)
            known.append(id)
            scores.append(value)
            weights.append(control.weight)
            meets.append((reference?.level ?? .meets) == .meets)
            isKey.append(reference?.isKey == true)
        }
        self.init(
            ControlGraph.ScoringIndex.Rule(
                requirement: key, aggregate: graph.aggregate(of: key), controls: known,
                positions: Array(known.indices), weights: weights, meets: meets, isKey: isKey,
                everyControlMeets: !meets.contains(false)),
            scores: scores)
    }

    /// The rule applied to `rule`'s controls, control `i` scoring `scores[rule.positions[i]]`:
    /// what a run computes for each leaf, from the inputs the graph resolved once.
    ///
    /// - Complexity: O(c) for c controls.
    init(_ rule: ControlGraph.ScoringIndex.Rule, scores: [Double]) {
        let count = rule.controls.count
        let meetsCount = rule.everyControlMeets ? count : rule.meets.count { $0 }
        // 1. Level: with a `meets` control, `exceeds` ones are left out; with none, all count.
        let countsAll = meetsCount == 0 || meetsCount == count
        func counts(_ index: Int) -> Bool { countsAll || rule.meets[index] }
        // 2. Aggregate of the counted controls, in order (as `combine` adds them).
        var aggregated = 0.0
        if count > 0 {
            var weighted = 0.0
            var weights = 0.0
            var lowest: Double?
            var allPass = true
            for index in 0..<count where counts(index) {
                let value = scores[rule.positions[index]]
                weighted += rule.weights[index] * value
                weights += rule.weights[index]
                if lowest.map({ value < $0 }) ?? true { lowest = value }
                if !(value >= 1) { allPass = false }
            }
            let mean = weights > 0 ? weighted / weights : 0
            switch rule.aggregate {
            case .mean: aggregated = mean
            case .min: aggregated = lowest ?? 0
            case .all: aggregated = allPass ? 1 : Swift.min(mean, Aggregate.allCeiling)
            }
        }
        // 3. A key control caps whatever its level: a stricter reading than letting a
        // (refused) key `exceeds` control drop out. The first of the lowest.
        var lowestKey: Int?
        for index in 0..<count where rule.isKey[index] {
            if let current = lowestKey,
                !(scores[rule.positions[index]] < scores[rule.positions[current]])
            {
                continue
            }
            lowestKey = index
        }
        var cap: KeyCap?
        if let lowestKey, scores[rule.positions[lowestKey]] < aggregated {
            cap = KeyCap(
                control: rule.controls[lowestKey], score: scores[rule.positions[lowestKey]])
        }
        self.requirement = rule.requirement
        self.aggregate = rule.aggregate
        if countsAll {
            self.counted = rule.controls
            self.exceeding = []
            self.missedTargets = []
        } else {
            let indices = 0..<count
            self.counted = indices.filter { rule.meets[$0] }.map { rule.controls[$0] }
            let left = indices.filter { !rule.meets[$0] }
            self.exceeding = left.map { rule.controls[$0] }
            self.missedTargets = left.filter { scores[rule.positions[$0]] < 1 }.map {
                rule.controls[$0]
            }
        }
        self.exceedsCountAsMeets = meetsCount == 0 && count > 0
        self.aggregated = aggregated
        self.cap = cap
        self.score = cap?.score ?? aggregated
    }
}

import Foundation

/// A node whose score can be asked for: a whole framework (`soc2`) or a requirement and the
/// assessable leaves under it (`soc2/CC6`).
public enum ScoreNode: Hashable, Sendable, Comparable, CustomStringConvertible {
    case framework(FrameworkID)
    case requirement(RequirementKey)

    /// Parses `soc2` or `soc2/CC6`.
    public init(parsing text: String) {
        if let key = RequirementKey(parsing: text) {
            self = .requirement(key)
        } else {
            self = .framework(FrameworkID(text))
        }
    }

    public var framework: FrameworkID {
        switch self {
        case let .framework(id): id
        case let .requirement(key): key.framework
        }
    }

    public var description: String {
        switch self {
        case let .framework(id): id.rawValue
        case let .requirement(key): key.description
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}

/// One evidence item's contribution to its control.
public struct EvidenceScore: Hashable, Sendable {
    public var evidence: EvidenceID
    /// `nil` when the evidence was not collected in this run (it then scores 0, as `missing`).
    public var result: EvidenceResult?
    public var weight: Double
    /// Whether the evidence still counts but expires within the freshness window.
    public var isExpiring: Bool

    public var status: EvidenceStatus { result?.status ?? .missing }
    public var score: Double { status.score }
}

/// A control's score: the weighted mean of its evidence scores.
public struct ControlScore: Hashable, Sendable {
    public var control: ControlID
    public var score: Double
    /// False for controls marked `not_applicable`: they are left out of every requirement.
    public var isApplicable: Bool
    /// The control's weight among the controls of a requirement.
    public var weight: Double
    public var evidence: [EvidenceScore]
}

/// Why an assessable requirement has the score it has.
public enum LeafBasis: Hashable, Sendable {
    /// Scored from the applicable controls that satisfy it.
    case direct([ControlID])
    /// No control of its own: the mean of the direct scores of requirements that are equivalent
    /// to it or a superset of it.
    case inherited([RequirementKey])
    /// No control and nothing to inherit from: scores 0.
    case gap
}

/// An in-scope assessable requirement's score.
public struct LeafScore: Hashable, Sendable {
    public var key: RequirementKey
    public var weight: Double
    public var score: Double
    public var basis: LeafBasis
    /// How the score was made: the leaf's own rule for a direct leaf, one per source for an
    /// inherited one (in `basis` order), none for a gap. Key caps, the aggregate and missed
    /// internal targets are read here.
    public var rules: [RequirementScore] = []

    public var isInherited: Bool {
        if case .inherited = basis { return true }
        return false
    }
}

/// The aggregate score of a node: the weighted mean of its in-scope assessable leaves.
public struct NodeScore: Hashable, Sendable {
    public var node: ScoreNode
    /// Σ weight × score over the leaves.
    public var numerator: Double
    /// Σ weight over the leaves (excluded requirements are not in it).
    public var denominator: Double
    /// The part of `numerator` that comes from inherited leaves.
    public var inheritedNumerator: Double
    public var leafCount: Int
    /// Leaves with at least one applicable control of their own.
    public var coveredCount: Int
    public var inheritedCount: Int
    public var gapCount: Int
    public var excludedCount: Int

    /// numerator / denominator, 0 when there is no leaf.
    public var score: Double { denominator > 0 ? numerator / denominator : 0 }
    /// The completion percentage with one decimal, as every output shows it.
    public var percent: Double { Self.percent(numerator: numerator, denominator: denominator) }
    /// Share of leaves with a control of their own.
    public var coverage: Double { leafCount > 0 ? Double(coveredCount) / Double(leafCount) : 0 }
    /// Share of the score that is inferred through mappings rather than proven directly.
    public var inferredShare: Double { numerator > 0 ? inheritedNumerator / numerator : 0 }

    public init(
        node: ScoreNode, numerator: Double, denominator: Double, inheritedNumerator: Double,
        leafCount: Int, coveredCount: Int, inheritedCount: Int, gapCount: Int, excludedCount: Int
    ) {
        self.node = node
        self.numerator = numerator
        self.denominator = denominator
        self.inheritedNumerator = inheritedNumerator
        self.leafCount = leafCount
        self.coveredCount = coveredCount
        self.inheritedCount = inheritedCount
        self.gapCount = gapCount
        self.excludedCount = excludedCount
    }

    /// `fraction × 100` rounded half away from zero to one decimal (see
    /// `percent(numerator:denominator:)`).
    public static func percent(_ fraction: Double) -> Double {
        // Dividing by 1 changes no digit: the shortest spelling's digits give the same figure.
        ShortestDecimal.roundedValue(fraction, shift: 2, places: 1)
            ?? percent(numerator: fraction, denominator: 1)
    }

    /// `numerator / denominator × 100` rounded half away from zero to one decimal: the one
    /// rounding of every percentage every output prints (table, JSON, site, XML, reports,
    /// badges). 0 when `denominator` is not positive.
    ///
    /// The quotient is computed in decimal from the shortest decimal spelling of each operand,
    /// so a score of 201/400 (0.5025, stored as 0.502499…) gives 50.3, not 50.2.
    public static func percent(numerator: Double, denominator: Double) -> Double {
        guard denominator > 0, numerator.isFinite, denominator.isFinite else { return 0 }
        return ShortestDecimal.quotientValue(numerator, denominator, shift: 2, places: 1)
            ?? decimalPercent(numerator: numerator, denominator: denominator)
    }

    /// `percent(numerator:denominator:)` through `Decimal`: the reference `ShortestDecimal` is
    /// tested against, and the path of operands too large for 64-bit integers.
    static func decimalPercent(numerator: Double, denominator: Double) -> Double {
        guard denominator > 0, numerator.isFinite, denominator.isFinite else { return 0 }
        let quotient = decimal(numerator) * 100 / decimal(denominator)
        return Double(rounded(quotient, places: 1).description) ?? 0
    }

    /// A numerator, denominator or weight as every output prints it: rounded half away from
    /// zero to three decimals, without trailing zeros (`35.248`, `37`, `2.5`).
    public static func figure(_ value: Double) -> String {
        ShortestDecimal.rounded(value, shift: 0, places: 3) ?? decimalFigure(value)
    }

    /// `figure(_:)` through `Decimal`: the reference `ShortestDecimal` is tested against.
    static func decimalFigure(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return rounded(decimal(value), places: 3).description
    }

    /// The decimal that `value` is the nearest double to, by its shortest spelling.
    private static func decimal(_ value: Double) -> Decimal {
        Decimal(string: "\(value)", locale: posix) ?? Decimal(value)
    }

    /// Made once: building a locale per figure cost more than the scoring of a large build.
    private static let posix = Locale(identifier: "en_US_POSIX")

    private static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    /// The coverage percentage, from the exact counts.
    public var coveragePercent: Double {
        Self.percent(numerator: Double(coveredCount), denominator: Double(leafCount))
    }

    /// The inferred share as a percentage, from the exact parts.
    public var inferredPercent: Double {
        Self.percent(numerator: inheritedNumerator, denominator: numerator)
    }
}

/// Every score of one run, computed by one function that serves every output.
///
/// The graph resolves once what does not change between runs (`ControlGraph.ScoringIndex`):
/// a run is then arithmetic over arrays, with no string hashed per evidence spec, leaf or node.
public struct Scores: Sendable {
    public let graph: ControlGraph
    /// Every control of the graph.
    public let controls: ScoreTable<ControlID, ControlScore>
    /// In-scope assessable requirements.
    public let leaves: ScoreTable<RequirementKey, LeafScore>
    public let now: Date
    public let expiringWithin: TimeSpan
    /// Per leaf of the graph's index, what `score(of:)` adds up.
    private let leafFigures: [LeafFigure]

    private struct LeafFigure: Sendable {
        var weight: Double
        var score: Double
        var basis: UInt8  // 0 direct, 1 inherited, 2 gap
    }

    /// Scores `graph` from `results` (keyed by evidence id) as of `now`.
    ///
    /// Freshness is part of the results: a runner marks evidence past its expiry `stale`,
    /// which scores 0. Evidence expiring within `expiringWithin` still counts.
    ///
    /// - Complexity: O(e + c + r) for evidence specs, controls and the rules of the in-scope
    ///   requirements.
    public init(
        graph: ControlGraph, results: [EvidenceID: EvidenceResult], now: Date,
        expiringWithin: TimeSpan
    ) {
        let specs = graph.scoringIndex.specIDs
        self.init(graph: graph, now: now, expiringWithin: expiringWithin) { results[specs[$0]] }
    }

    /// Scores `graph` from a run's `results`, as `init(graph:results:now:expiringWithin:)`
    /// with them keyed by evidence id (of two results of one id, the later counts).
    ///
    /// Results in the graph's evidence order (its controls by id, each control's evidence in
    /// order, one result per spec: as collection makes them) are matched by position, without
    /// hashing their ids.
    public init(
        graph: ControlGraph, results: [EvidenceResult], now: Date, expiringWithin: TimeSpan
    ) {
        let index = graph.scoringIndex
        let specs = index.specIDs
        if index.matchesByPosition(results) {
            self.init(graph: graph, now: now, expiringWithin: expiringWithin) { results[$0] }
        } else {
            let byID = Dictionary(
                results.map { ($0.evidence, $0) }, uniquingKeysWith: { _, later in later })
            self.init(graph: graph, now: now, expiringWithin: expiringWithin) {
                byID[specs[$0]]
            }
        }
    }

    /// The scores, `result(spec)` giving the result of the index's spec `spec`.
    private init(
        graph: ControlGraph, now: Date, expiringWithin: TimeSpan,
        result: (Int) -> EvidenceResult?
    ) {
        self.graph = graph
        self.now = now
        self.expiringWithin = expiringWithin
        let index = graph.scoringIndex
        let horizon = now.addingTimeInterval(TimeInterval(expiringWithin.seconds))
        var controls: [ControlScore] = []
        controls.reserveCapacity(index.controlIDs.count)
        var controlFigures: [Double] = []
        controlFigures.reserveCapacity(index.controlIDs.count)
        for (position, id) in index.controlIDs.enumerated() {
            let specs = index.specStart[position]..<index.specStart[position + 1]
            var evidence: [EvidenceScore] = []
            evidence.reserveCapacity(specs.count)
            var weighted = 0.0
            var weights = 0.0
            for spec in specs {
                let result = result(spec)
                let counts = result.map { $0.status.score > 0 } ?? false
                let expiring =
                    counts && (result?.expiresAt.map { $0 > now && $0 <= horizon } ?? false)
                let item = EvidenceScore(
                    evidence: index.specIDs[spec], result: result,
                    weight: index.specWeights[spec], isExpiring: expiring)
                weighted += item.weight * item.score
                weights += item.weight
                evidence.append(item)
            }
            let score = weights > 0 ? weighted / weights : 0
            controlFigures.append(score)
            controls.append(
                ControlScore(
                    control: id, score: score, isApplicable: index.controlIsApplicable[position],
                    weight: index.controlWeights[position], evidence: evidence))
        }
        self.controls = ScoreTable(
            keys: index.controlIDs, values: controls, positions: index.controlPositions)

        var leaves: [LeafScore] = []
        leaves.reserveCapacity(index.leafKeys.count)
        var figures: [LeafFigure] = []
        figures.reserveCapacity(index.leafKeys.count)
        for (position, key) in index.leafKeys.enumerated() {
            let rules = index.leafRules[position].map {
                RequirementScore($0, scores: controlFigures)
            }
            let weight = index.leafWeights[position]
            let basis = index.leafBases[position]
            var leaf: LeafScore
            switch basis {
            case .direct:
                leaf = LeafScore(key: key, weight: weight, score: rules[0].score, basis: basis)
                figures.append(LeafFigure(weight: weight, score: leaf.score, basis: 0))
            case let .inherited(sources):
                let total = rules.reduce(0.0) { $0 + $1.score }
                leaf = LeafScore(
                    key: key, weight: weight, score: total / Double(sources.count), basis: basis)
                figures.append(LeafFigure(weight: weight, score: leaf.score, basis: 1))
            case .gap:
                leaf = LeafScore(key: key, weight: weight, score: 0, basis: basis)
                figures.append(LeafFigure(weight: weight, score: 0, basis: 2))
            }
            leaf.rules = rules
            leaves.append(leaf)
        }
        self.leaves = ScoreTable(
            keys: index.leafKeys, values: leaves, positions: index.leafPositions)
        self.leafFigures = figures
    }

    /// A leaf's score on the basis `ControlGraph.coverage(of:)` gives it, the rule validate's
    /// gaps come from too, each control scored by `score`.
    ///
    /// A direct leaf is scored by `RequirementScore`; an inherited one is the mean of its
    /// sources' `RequirementScore`s (each with the source's own aggregate and key caps).
    public static func leafScore(
        _ key: RequirementKey, graph: ControlGraph, score: (ControlID) -> Double?
    ) -> LeafScore {
        let weight = graph.nodes[key]?.requirement.weight ?? 1
        switch graph.coverage(of: key) {
        case let .direct(ids):
            let rule = RequirementScore(key, controls: ids, graph: graph, score: score)
            var leaf = LeafScore(key: key, weight: weight, score: rule.score, basis: .direct(ids))
            leaf.rules = [rule]
            return leaf
        case let .inherited(sources):
            let rules = sources.map { source in
                RequirementScore(
                    source, controls: graph.applicableControls(of: source), graph: graph,
                    score: score)
            }
            let total = rules.reduce(0.0) { $0 + $1.score }
            var leaf = LeafScore(
                key: key, weight: weight, score: total / Double(sources.count),
                basis: .inherited(sources))
            leaf.rules = rules
            return leaf
        case .gap:
            return LeafScore(key: key, weight: weight, score: 0, basis: .gap)
        }
    }

    /// In-scope leaves under `node`, in catalog order.
    public func leaves(under node: ScoreNode) -> [LeafScore] {
        switch node {
        case let .framework(id):
            return (graph.catalogOrder[id] ?? []).compactMap { leaves[$0] }
        case let .requirement(key):
            return graph.assessableLeaves(under: key).compactMap { leaves[$0] }
        }
    }

    /// The exclusions that take requirements under `node` out of scope, with their
    /// justification: those made in its subtree, or the one made above it that covers it.
    public func exclusions(under node: ScoreNode) -> [Exclusion] {
        switch node {
        case let .framework(id):
            return (graph.catalogOrder[id] ?? []).compactMap { graph.exclusions[$0] }
        case let .requirement(key):
            if let covering = graph.exclusion(covering: key) { return [covering] }
            return graph.subtree(of: key).compactMap { graph.exclusions[$0] }
        }
    }

    /// The aggregate score of `node`.
    ///
    /// - Complexity: O(size of the subtree).
    public func score(of node: ScoreNode) -> NodeScore {
        // A framework, or a requirement with children, is a range of its catalog's positions.
        let index = graph.scoringIndex
        let catalog: ControlGraph.ScoringIndex.Catalog
        let positions: Range<Int>
        switch node {
        case let .framework(id):
            guard let found = index.catalogs[id] else { return walkedScore(of: node) }
            catalog = found
            positions = 0..<found.leafAt.count
        case let .requirement(key):
            guard let found = index.catalogs[key.framework], let range = found.subtrees[key]
            else { return walkedScore(of: node) }
            catalog = found
            positions = range
        }
        var result = NodeScore(
            node: node, numerator: 0, denominator: 0, inheritedNumerator: 0, leafCount: 0,
            coveredCount: 0, inheritedCount: 0, gapCount: 0,
            excludedCount: catalog.excludedBefore[positions.upperBound]
                - catalog.excludedBefore[positions.lowerBound])
        for position in positions {
            let leaf = catalog.leafAt[position]
            guard leaf >= 0 else { continue }
            let figure = leafFigures[leaf]
            result.numerator += figure.weight * figure.score
            result.denominator += figure.weight
            result.leafCount += 1
            switch figure.basis {
            case 0: result.coveredCount += 1
            case 1:
                result.inheritedCount += 1
                result.inheritedNumerator += figure.weight * figure.score
            default: result.gapCount += 1
            }
        }
        return result
    }

    /// `score(of:)` by walking the graph: for a requirement without children, one unknown to
    /// the graph, or one of a catalog whose subtrees are not contiguous (a requirement defined
    /// twice).
    private func walkedScore(of node: ScoreNode) -> NodeScore {
        let keys: [RequirementKey]
        switch node {
        case let .framework(id): keys = graph.catalogOrder[id] ?? []
        case let .requirement(key): keys = graph.assessableLeaves(under: key)
        }
        var result = NodeScore(
            node: node, numerator: 0, denominator: 0, inheritedNumerator: 0, leafCount: 0,
            coveredCount: 0, inheritedCount: 0, gapCount: 0,
            excludedCount: graph.exclusions.isEmpty
                ? 0
                : keys.count {
                    graph.nodes[$0]?.requirement.isAssessable == true
                        && graph.exclusion(covering: $0) != nil
                }
        )
        for key in keys {
            guard let leaf = leaves[key] else { continue }
            result.numerator += leaf.weight * leaf.score
            result.denominator += leaf.weight
            result.leafCount += 1
            switch leaf.basis {
            case .direct: result.coveredCount += 1
            case .inherited:
                result.inheritedCount += 1
                result.inheritedNumerator += leaf.weight * leaf.score
            case .gap: result.gapCount += 1
            }
        }
        return result
    }

    /// Controls whose scores reach the in-scope leaves under `node`: the leaves' own applicable
    /// controls and those of the requirements they inherit from. Sorted.
    ///
    /// - Complexity: O(size of the subtree + controls behind it).
    public func contributingControls(under node: ScoreNode) -> [ControlID] {
        var ids: Set<ControlID> = []
        for leaf in leaves(under: node) {
            switch leaf.basis {
            case let .direct(own): ids.formUnion(own)
            case let .inherited(sources):
                for source in sources { ids.formUnion(graph.applicableControls(of: source)) }
            case .gap: break
            }
        }
        return ids.sorted()
    }

    /// The part of `node`'s numerator that `ids` carry: what the numerator loses when those
    /// controls score 0, every other control as it is.
    ///
    /// A `min` or `all` aggregate or a key cap makes a score non-linear in its controls, so
    /// each leaf behind `ids` is scored again by the same rule with them at 0: `score(of:)`'s
    /// numerator minus this is exactly the numerator so recomputed.
    ///
    /// - Complexity: O(size of the subtree + controls behind it).
    public func numeratorCarried(by ids: Set<ControlID>, under node: ScoreNode) -> Double {
        guard !ids.isEmpty else { return 0 }
        var total = 0.0
        for leaf in leaves(under: node) {
            let reached: Bool
            switch leaf.basis {
            case let .direct(own): reached = own.contains(where: ids.contains)
            case let .inherited(sources):
                reached = sources.contains {
                    graph.applicableControls(of: $0).contains(where: ids.contains)
                }
            case .gap: reached = false
            }
            guard reached else { continue }
            let without = Self.leafScore(leaf.key, graph: graph) { id in
                ids.contains(id) ? (controls[id] == nil ? nil : 0) : controls[id]?.score
            }
            total += leaf.weight * (leaf.score - without.score)
        }
        return total
    }

    /// `exceeds` controls scoring below 1 that were left out of a leaf under `node` because a
    /// `meets` control proves it: the internal targets missed, by leaf in catalog order.
    public func missedTargets(under node: ScoreNode) -> [(leaf: RequirementKey, control: ControlID)]
    {
        leaves(under: node).flatMap { leaf in
            leaf.rules.flatMap { rule in rule.missedTargets.map { (leaf.key, $0) } }
        }
    }

    /// Scores of every framework in scope, sorted by id.
    public var frameworkScores: [NodeScore] {
        graph.scopedFrameworkIDs.sorted().map { score(of: .framework($0)) }
    }

    /// Evidence of in-scope controls, with its score, in control then evidence order.
    public var evidenceScores: [(control: ControlID, evidence: EvidenceScore)] {
        graph.controlIDs.flatMap { id in
            (controls[id]?.evidence ?? []).map { (id, $0) }
        }
    }
}

/// Scores by id, in the order the graph resolved them (controls by id; leaves by scoped
/// framework, then in catalog order): a look-up by id as a dictionary gives, without building
/// one per run.
public struct ScoreTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// Every id, in the graph's order.
    public let keys: [Key]
    /// The score of each id of `keys`, in the same order.
    public let values: [Value]
    /// Where each id is in `keys` (the graph's index, shared by every run).
    private let positions: [Key: Int]

    init(keys: [Key], values: [Value], positions: [Key: Int]) {
        self.keys = keys
        self.values = values
        self.positions = positions
    }

    /// The score of `key`, nil when it has none.
    public subscript(key: Key) -> Value? { positions[key].map { values[$0] } }

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }
}

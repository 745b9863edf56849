extension ControlGraph {
    /// What scoring needs of the graph, resolved once when the graph is built: controls and
    /// evidence specs as positions in arrays, the in-scope assessable leaves with their bases
    /// and the inputs of their rules, and each catalog's subtrees as ranges of positions.
    ///
    /// A run then scores with arithmetic over arrays: no string is hashed per evidence spec,
    /// leaf or node (`Scores`). Every value here depends on the graph alone (manifest scope,
    /// exclusions, tag filters, mappings), which never changes once built.
    final class ScoringIndex: Sendable {
        /// How one requirement's applicable controls enter its `RequirementScore`: the inputs
        /// of the rule that do not depend on a run.
        struct Rule: Sendable {
            let requirement: RequirementKey
            let aggregate: Aggregate
            /// The requirement's applicable controls, sorted by id (`applicableControls(of:)`).
            let controls: [ControlID]
            /// Their positions in `ScoringIndex.controlIDs`.
            let positions: [Int]
            /// Their weights.
            let weights: [Double]
            /// Whether each counts as `meets` (its `satisfies` entry says so, or none is found).
            let meets: [Bool]
            /// Whether each is a key control of the requirement.
            let isKey: [Bool]
            let everyControlMeets: Bool
        }

        /// One framework's catalog order as positions.
        struct Catalog: Sendable {
            /// Per position, the leaf there (an index into `leafKeys`), or -1.
            let leafAt: [Int]
            /// Per position p, how many assessable requirements before p are excluded (by an
            /// exclusion of their own or above them); one more entry than positions.
            let excludedBefore: [Int]
            /// Per requirement with children, its position and the end of its subtree, when
            /// every subtree of the catalog is the contiguous run of positions the walk from
            /// its root gives (not so only around a requirement defined twice).
            let subtrees: [RequirementKey: Range<Int>]
        }

        /// `ControlGraph.controlIDs`, and each one's position there.
        let controlIDs: [ControlID]
        let controlPositions: [ControlID: Int]
        let controlWeights: [Double]
        let controlIsApplicable: [Bool]
        /// Evidence specs of every control, in control then evidence order: control c has
        /// `specIDs[specStart[c]..<specStart[c + 1]]`.
        let specStart: [Int]
        let specIDs: [EvidenceID]
        let specWeights: [Double]
        let specMaxAges: [TimeSpan?]
        /// Whether no two specs share an id, so results in spec order can be matched by
        /// position.
        let specsAreDistinct: Bool

        /// In-scope assessable requirements of the scoped frameworks, in framework then
        /// catalog order, and each one's position there.
        let leafKeys: [RequirementKey]
        let leafPositions: [RequirementKey: Int]
        let leafWeights: [Double]
        let leafBases: [LeafBasis]
        /// One rule for a direct leaf, one per source for an inherited one, none for a gap.
        let leafRules: [[Rule]]
        let catalogs: [FrameworkID: Catalog]

        init(_ graph: ControlGraph) {
            controlIDs = graph.controlIDs
            var controlPositions: [ControlID: Int] = [:]
            controlPositions.reserveCapacity(controlIDs.count)
            var controlWeights: [Double] = []
            var controlIsApplicable: [Bool] = []
            var specStart = [0]
            var specIDs: [EvidenceID] = []
            var specWeights: [Double] = []
            var specMaxAges: [TimeSpan?] = []
            // Each control's `satisfies`, by position, for the rules below.
            var controlSatisfies: [[RequirementReference]] = []
            controlSatisfies.reserveCapacity(controlIDs.count)
            for (position, id) in controlIDs.enumerated() {
                controlPositions[id] = position
                let control = graph.controls[id]
                controlWeights.append(control?.weight ?? 1)
                controlSatisfies.append(control?.satisfies ?? [])
                controlIsApplicable.append(control?.notApplicable == nil)
                for spec in control?.evidence ?? [] {
                    specIDs.append(spec.id)
                    specWeights.append(spec.weight)
                    specMaxAges.append(spec.maxAge)
                }
                specStart.append(specIDs.count)
            }
            self.controlPositions = controlPositions
            self.controlWeights = controlWeights
            self.controlIsApplicable = controlIsApplicable
            self.specStart = specStart
            self.specIDs = specIDs
            self.specWeights = specWeights
            self.specMaxAges = specMaxAges
            // The graph keeps a spec only under its first id, and only those of the controls
            // it keeps: as many as listed means none repeats.
            specsAreDistinct = graph.evidence.count == specIDs.count

            // Per control of a rule: one lookup of its position, then arrays by position; the
            // key's satisfiers are looked up once per rule (a dense workspace has millions of
            // control-requirement pairs, each of which took five lookups by hashed key).
            func rule(_ key: RequirementKey, _ ids: [ControlID]) -> Rule {
                let satisfiers = graph.controlsByRequirement[key] ?? []
                let referencePositions = graph.referencePositions[key] ?? []
                var positions: [Int] = []
                var weights: [Double] = []
                var meets: [Bool] = []
                var isKey: [Bool] = []
                positions.reserveCapacity(ids.count)
                weights.reserveCapacity(ids.count)
                meets.reserveCapacity(ids.count)
                isKey.reserveCapacity(ids.count)
                for id in ids {
                    let position = controlPositions[id] ?? -1
                    positions.append(position)
                    // Every control the graph holds has a position (`controlIDs` lists them).
                    weights.append(position >= 0 ? controlWeights[position] : 1)
                    let reference =
                        position >= 0
                        ? ControlGraph.reference(
                            in: controlSatisfies[position], of: id, to: key,
                            satisfiers: satisfiers, positions: referencePositions) : nil
                    meets.append((reference?.level ?? .meets) == .meets)
                    isKey.append(reference?.isKey == true)
                }
                return Rule(
                    requirement: key, aggregate: graph.aggregate(of: key), controls: ids,
                    positions: positions, weights: weights, meets: meets, isKey: isKey,
                    everyControlMeets: !meets.contains(false))
            }
            var leafKeys: [RequirementKey] = []
            var leafPositions: [RequirementKey: Int] = [:]
            var leafWeights: [Double] = []
            var leafBases: [LeafBasis] = []
            var leafRules: [[Rule]] = []
            for framework in graph.scopedFrameworkIDs {
                for key in graph.catalogOrder[framework] ?? [] {
                    guard leafPositions[key] == nil, let node = graph.nodes[key],
                        node.requirement.isAssessable, graph.isInScope(node)
                    else { continue }
                    leafPositions[key] = leafKeys.count
                    leafKeys.append(key)
                    leafWeights.append(node.requirement.weight)
                    switch graph.computedCoverage(of: key) {
                    case let .direct(ids):
                        leafBases.append(.direct(ids))
                        leafRules.append([rule(key, ids)])
                    case let .inherited(sources):
                        leafBases.append(.inherited(sources))
                        leafRules.append(
                            sources.map { rule($0, graph.applicableControls(of: $0)) })
                    case .gap:
                        leafBases.append(.gap)
                        leafRules.append([])
                    }
                }
            }
            self.leafKeys = leafKeys
            self.leafPositions = leafPositions
            self.leafWeights = leafWeights
            self.leafBases = leafBases
            self.leafRules = leafRules

            var catalogs: [FrameworkID: Catalog] = [:]
            for (framework, keys) in graph.catalogOrder {
                var leafAt: [Int] = []
                var excludedBefore = [0]
                leafAt.reserveCapacity(keys.count)
                excludedBefore.reserveCapacity(keys.count + 1)
                for key in keys {
                    leafAt.append(leafPositions[key] ?? -1)
                    let excluded =
                        !graph.exclusions.isEmpty
                        && graph.nodes[key]?.requirement.isAssessable == true
                        && graph.exclusion(covering: key) != nil
                    excludedBefore.append(
                        excludedBefore[excludedBefore.count - 1] + (excluded ? 1 : 0))
                }
                catalogs[framework] = Catalog(
                    leafAt: leafAt, excludedBefore: excludedBefore,
                    subtrees: Self.subtrees(of: keys, in: graph))
            }
            self.catalogs = catalogs
        }

        /// The subtree of every requirement with children as a range of catalog positions, or
        /// none when the walk from some root does not visit `keys` in order.
        private static func subtrees(
            of keys: [RequirementKey], in graph: ControlGraph
        ) -> [RequirementKey: Range<Int>] {
            var subtrees: [RequirementKey: Range<Int>] = [:]
            var position = 0
            var contiguous = true
            func walk(_ key: RequirementKey) {
                guard contiguous, position < keys.count, keys[position] == key,
                    let node = graph.nodes[key]
                else {
                    contiguous = false
                    return
                }
                let start = position
                position += 1
                for child in node.children { walk(child) }
                if !node.children.isEmpty { subtrees[key] = start..<position }
            }
            while contiguous, position < keys.count {
                let root = keys[position]
                guard graph.nodes[root]?.parent == nil else {
                    contiguous = false
                    break
                }
                walk(root)
            }
            return contiguous ? subtrees : [:]
        }

        /// Whether `results` are one per spec in spec order, as collection makes them, so
        /// the result of spec `s` is `results[s]`: matched by position, no id hashed.
        func matchesByPosition(_ results: [EvidenceResult]) -> Bool {
            specsAreDistinct && results.count == specIDs.count
                && zip(results, specIDs).allSatisfy { $0.evidence == $1 }
        }

        /// A graph with nothing in it, until the real index is built.
        static let empty = ScoringIndex()

        private init() {
            controlIDs = []
            controlPositions = [:]
            controlWeights = []
            controlIsApplicable = []
            specStart = [0]
            specIDs = []
            specWeights = []
            specMaxAges = []
            specsAreDistinct = true
            leafKeys = []
            leafPositions = [:]
            leafWeights = []
            leafBases = []
            leafRules = []
            catalogs = [:]
        }
    }
}

extension ControlGraph {
    /// The `max_age` of each result's evidence spec (nil when it has none or the id is not the
    /// graph's): by position when the results are in spec order, as collection makes them,
    /// else by id.
    public func maxAges(of results: [EvidenceResult]) -> [TimeSpan?] {
        let index = scoringIndex
        if index.matchesByPosition(results) { return index.specMaxAges }
        return results.map { evidence[$0.evidence]?.maxAge }
    }
}

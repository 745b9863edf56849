extension ControlGraph {
    /// How an assessable requirement gets its score: the one rule behind both the scorer's leaf
    /// bases and validate's gaps, so the two can never disagree.
    public enum Coverage: Hashable, Sendable {
        /// Applicable controls of its own, sorted by id.
        case direct([ControlID])
        /// No applicable control of its own; in-scope requirements that are `equivalent` to it
        /// or a `superset-of` it have some (excluded and out-of-scope ones lend nothing). Sorted.
        case inherited([RequirementKey])
        /// Nothing applicable proves it, directly or through a mapping.
        case gap
    }

    /// How `key` is covered (see `Coverage`).
    ///
    /// An in-scope leaf's coverage is the one the scoring index worked out when the graph was
    /// built: validate's gaps, the audit's row budget and the reports ask again for every leaf.
    ///
    /// - Complexity: O(1) for an in-scope leaf; else O(c + m) for the controls and mappings at
    ///   `key` and its mapped ends.
    public func coverage(of key: RequirementKey) -> Coverage {
        let index = scoringIndex
        if let position = index.leafPositions[key] {
            switch index.leafBases[position] {
            case .direct(let ids): return .direct(ids)
            case .inherited(let sources): return .inherited(sources)
            case .gap: return .gap
            }
        }
        return computedCoverage(of: key)
    }

    /// `coverage(of:)` worked out from the controls and mappings.
    func computedCoverage(of key: RequirementKey) -> Coverage {
        let own = applicableControls(of: key)
        if !own.isEmpty { return .direct(own) }
        // An excluded or out-of-scope requirement lends nothing: its evidence proves nothing the
        // workspace claims.
        let sources = inheritanceSources(of: key).filter {
            isInScope($0) && !applicableControls(of: $0).isEmpty
        }
        return sources.isEmpty ? .gap : .inherited(sources)
    }

    /// Controls satisfying `key` that are not marked `not_applicable`, sorted by id.
    ///
    /// When every one applies (the usual case) this is the graph's own list, not a copy: the
    /// scoring index keeps one per leaf, and copies of them took a tenth of a dense
    /// workspace's memory (docs/benchmarks.md, "Memory").
    public func applicableControls(of key: RequirementKey) -> [ControlID] {
        let ids = controlsByRequirement[key] ?? []
        func applies(_ id: ControlID) -> Bool { controls[id]?.notApplicable == nil }
        return ids.allSatisfy(applies) ? ids : ids.filter(applies)
    }

    /// In-scope assessable requirements that are gaps (see `coverage(of:)`), by framework, in
    /// catalog order.
    ///
    /// - Complexity: O(r + m) for r requirements and m mappings.
    public var gaps: [FrameworkID: [RequirementKey]] {
        var result: [FrameworkID: [RequirementKey]] = [:]
        for framework in scopedFrameworkIDs {
            let missing = (catalogOrder[framework] ?? []).filter { key in
                isInScope(key) && coverage(of: key) == .gap
            }
            if !missing.isEmpty { result[framework] = missing }
        }
        return result
    }

    /// Requirements whose score `key` may inherit: the other ends of mappings where the other
    /// end is `equivalent` to, or a `superset-of`, `key`. Sorted.
    public func inheritanceSources(of key: RequirementKey) -> [RequirementKey] {
        (mappingsByRequirement[key] ?? []).compactMap { edge in
            // `edge.relation` reads "key is <relation> other": inherit when key ⊆ other.
            edge.relation == .equivalent || edge.relation == .subsetOf ? edge.other : nil
        }
    }

    /// Warnings for gaps: one per requirement when `verbose`, else one count per framework.
    public func gapDiagnostics(verbose: Bool) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (framework, keys) in gaps.sorted(by: { $0.key < $1.key }) {
            if verbose {
                for key in keys {
                    result.append(
                        .warning(
                            .graphGap, "assessable requirement '\(key)' has no control",
                            at: nodes[key]?.requirement.position))
                }
            } else {
                let total = (catalogOrder[framework] ?? []).filter(isInScope).count
                result.append(
                    .warning(
                        .graphGaps,
                        "\(keys.count) of \(total) assessable requirements of '\(framework)' have no control (--verbose lists them)",
                        at: frameworks[framework]?.position))
            }
        }
        return result
    }
}

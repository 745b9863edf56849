extension ControlGraph {
    /// In-scope assessable requirements that no control satisfies, directly or through an
    /// `equivalent` / `superset-of` mapping from a requirement that has controls; by framework,
    /// in catalog order.
    ///
    /// - Complexity: O(r + m) for r requirements and m mappings.
    public var gaps: [FrameworkID: [RequirementKey]] {
        var result: [FrameworkID: [RequirementKey]] = [:]
        for framework in scopedFrameworkIDs {
            let missing = (catalogOrder[framework] ?? []).filter { key in
                isInScope(key) && controlsByRequirement[key] == nil && !inheritsCoverage(key)
            }
            if !missing.isEmpty { result[framework] = missing }
        }
        return result
    }

    /// Whether `key` can inherit a score: some requirement that is equivalent to it, or a
    /// superset of it, has controls.
    public func inheritsCoverage(_ key: RequirementKey) -> Bool {
        inheritanceSources(of: key).contains { controlsByRequirement[$0] != nil }
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

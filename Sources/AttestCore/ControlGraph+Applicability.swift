extension ControlGraph.Builder {
    /// Checks `applicability:` against the catalogs and exclusions: each entry names an
    /// ISO/IEC 27001 Annex A control that exists, once, and that `exclusions:` does not take
    /// out of scope (a reason for including an excluded control contradicts the exclusion).
    /// Each problem is an error at the requirement as written.
    ///
    /// - Complexity: O(a × d) for a entries and the catalog's depth d.
    mutating func checkApplicability() {
        let annex = RequirementKey("iso27001", "A")
        var first: [RequirementKey: SourcePosition] = [:]
        for statement in manifest.applicability {
            let key = statement.requirement.key
            let position = statement.requirement.position
            guard key.framework == annex.framework, frameworks[key.framework] != nil else {
                diagnostics.append(
                    .error(
                        .applicabilityNotAnnexA,
                        "'\(key)' is not an ISO/IEC 27001 Annex A control; the Statement of "
                            + "Applicability states reasons for those only",
                        at: position, hint: "write an Annex A control such as iso27001/A.5.7"))
                continue
            }
            guard let node = nodes[key] else {
                diagnostics.append(
                    .error(
                        .graphUnknownRequirement,
                        "applicability names unknown requirement '\(key.requirement)' of "
                            + "'\(key.framework)'",
                        at: position, notes: suggestion(for: key)))
                continue
            }
            var ancestors: [RequirementKey] = []
            var current = node.parent
            while let next = current {
                ancestors.append(next)
                current = nodes[next]?.parent
            }
            guard ancestors.contains(annex), node.requirement.isAssessable else {
                diagnostics.append(
                    .error(
                        .applicabilityNotAnnexA,
                        "'\(key)' is not an Annex A control (such as iso27001/A.5.7)",
                        at: position))
                continue
            }
            let excluded = ([key] + ancestors).first { exclusions[$0] != nil }
            if let excluded, let exclusion = exclusions[excluded] {
                diagnostics.append(
                    .error(
                        .applicabilityExcluded,
                        "'\(key)' is excluded, so it takes no reason for inclusion",
                        at: position, notes: [.init("excluded here", at: exclusion.position)],
                        hint: "remove the exclusion or this entry"))
                continue
            }
            if let earlier = first[key] {
                diagnostics.append(
                    .error(
                        .applicabilityDuplicate,
                        "reasons for '\(key)' are stated more than once",
                        at: position, notes: [.init("first stated here", at: earlier)]))
                continue
            }
            first[key] = position
        }
    }
}

extension ControlGraph {
    /// Accumulates indexes and findings while the graph is built; keeps first definitions.
    struct Builder {
        let manifest: Manifest
        var frameworks: [FrameworkID: Framework] = [:]
        var nodes: [RequirementKey: Node] = [:]
        var catalogOrder: [FrameworkID: [RequirementKey]] = [:]
        var controls: [ControlID: Control] = [:]
        /// Where each evidence id is first defined (`EvidenceSpecs`).
        var evidence: [EvidenceID: EvidenceSpecs.Place] = [:]
        /// Each requirement's satisfying controls, in the order they were added, and where in
        /// each control's `satisfies` the reference to it is (`ControlGraph.reference(from:to:)`):
        /// one entry, so a reference costs one lookup.
        var satisfiers: [RequirementKey: Satisfiers] = [:]
        var mappingsByRequirement: [RequirementKey: [MappingEdge]] = [:]
        var mappings: [Mapping] = []
        var exclusions: [RequirementKey: Exclusion] = [:]
        var diagnostics: [Diagnostic] = []
        /// Where an unknown framework was already reported, so a mistyped `satisfies` key is one
        /// finding however many requirements it lists.
        var unknownFrameworkPositions: Set<SourcePosition> = []

        init(manifest: Manifest) { self.manifest = manifest }

        mutating func addFrameworks(_ list: [Framework]) {
            func count(_ requirements: [Requirement]) -> Int {
                requirements.reduce(requirements.count) { $0 + count($1.children) }
            }
            nodes.reserveCapacity(list.reduce(0) { $0 + count($1.requirements) })
            for framework in list {
                if let first = frameworks[framework.id] {
                    diagnostics.append(
                        .error(
                            .graphDuplicateFramework,
                            "framework '\(framework.id)' is defined more than once",
                            at: framework.position,
                            notes: [.init("first defined here", at: first.position)]))
                    continue
                }
                if framework.name.english.isEmpty {
                    diagnostics.append(
                        .error(
                            .graphEmptyTitle, "framework '\(framework.id)' has an empty name",
                            at: framework.position))
                }
                frameworks[framework.id] = framework
                var order: [RequirementKey] = []
                for requirement in framework.requirements {
                    addRequirement(requirement, of: framework.id, parent: nil, depth: 0, to: &order)
                }
                catalogOrder[framework.id] = order
            }
        }

        private mutating func addRequirement(
            _ requirement: Requirement, of framework: FrameworkID, parent: RequirementKey?,
            depth: Int, to order: inout [RequirementKey]
        ) {
            let key = RequirementKey(framework, requirement.id)
            if let first = nodes[key] {
                diagnostics.append(
                    .error(
                        .graphDuplicateRequirement,
                        "requirement '\(requirement.id)' is defined more than once in '\(framework)'",
                        at: requirement.position,
                        notes: [.init("first defined here", at: first.requirement.position)]))
                return
            }
            if requirement.title.english.trimmingWhitespace.isEmpty {
                diagnostics.append(
                    .error(
                        .graphEmptyTitle, "requirement '\(key)' has an empty title",
                        at: requirement.position))
            }
            var stripped = requirement
            stripped.children = []
            nodes[key] = Node(
                key: key, requirement: stripped, parent: parent,
                children: requirement.children.map { RequirementKey(framework, $0.id) },
                depth: depth)
            order.append(key)
            for child in requirement.children {
                addRequirement(child, of: framework, parent: key, depth: depth + 1, to: &order)
            }
        }

        mutating func addControls(_ list: [Control]) {
            controls.reserveCapacity(list.count)
            evidence.reserveCapacity(list.reduce(0) { $0 + $1.evidence.count })
            for control in list {
                if let first = controls[control.id] {
                    diagnostics.append(
                        .error(
                            .graphDuplicateControl,
                            "control '\(control.id)' is defined more than once",
                            at: control.position,
                            notes: [.init("first defined here", at: first.position)]))
                    continue
                }
                controls[control.id] = control
                if control.title.english.trimmingWhitespace.isEmpty {
                    diagnostics.append(
                        .error(
                            .graphEmptyTitle, "control '\(control.id)' has an empty title",
                            at: control.position))
                }
                if control.evidence.isEmpty, control.notApplicable == nil {
                    diagnostics.append(
                        .warning(
                            .graphControlWithoutEvidence,
                            "control '\(control.id)' has no evidence, so it scores 0",
                            at: control.position))
                }
                for (index, spec) in control.evidence.enumerated() {
                    addEvidence(spec, at: EvidenceSpecs.Place(control: control.id, index: index))
                }
                for (index, reference) in control.satisfies.enumerated()
                where resolve(
                    reference.key, at: reference.position, what: "satisfies",
                    frameworkAt: reference.frameworkPosition)
                {
                    satisfiers[reference.key, default: Satisfiers()].add(
                        control.id, reference: UInt32(index))
                }
            }
        }

        /// The controls satisfying one requirement, and where each one's reference to it is.
        struct Satisfiers {
            var controls: [ControlID] = []
            var references: [UInt32] = []

            /// Adds `control` unless it was the last one added: controls are added one after
            /// the other, so a control naming the requirement twice counts once (its first
            /// reference is the one kept).
            mutating func add(_ control: ControlID, reference: UInt32) {
                guard controls.last != control else { return }
                controls.append(control)
                references.append(reference)
            }
        }

        /// Takes the satisfiers out of the builder as the graph keeps them: each requirement's
        /// controls, and beside them where their references are, both sorted by control id.
        mutating func takeSatisfiers() -> (
            controls: [RequirementKey: [ControlID]], references: [RequirementKey: [UInt32]]
        ) {
            let all = satisfiers
            satisfiers = [:]
            var controls: [RequirementKey: [ControlID]] = [:]
            var references: [RequirementKey: [UInt32]] = [:]
            controls.reserveCapacity(all.count)
            references.reserveCapacity(all.count)
            for (key, entry) in all {
                if entry.controls.isSorted {
                    controls[key] = entry.controls
                    references[key] = entry.references
                } else {
                    let order = entry.controls.indices.sorted {
                        entry.controls[$0] < entry.controls[$1]
                    }
                    controls[key] = order.map { entry.controls[$0] }
                    references[key] = order.map { entry.references[$0] }
                }
            }
            return (controls, references)
        }

        /// The first spec defined with `id`, looked up in its control.
        func spec(_ id: EvidenceID) -> EvidenceSpec? {
            evidence[id].flatMap { EvidenceSpecs.spec(at: $0, in: controls) }
        }

        private mutating func addEvidence(_ spec: EvidenceSpec, at place: EvidenceSpecs.Place) {
            if evidence[spec.id] != nil {
                let notes = self.spec(spec.id).map {
                    [Diagnostic.Note("first defined here", at: $0.position)]
                }
                diagnostics.append(
                    .error(
                        .graphDuplicateEvidence, "evidence '\(spec.id)' is defined more than once",
                        at: spec.position, notes: notes ?? []))
                return
            }
            evidence[spec.id] = place
        }

        /// Reports an unknown framework or requirement; true when `key` resolves.
        ///
        /// An unknown framework is reported at `frameworkPosition` when given (the `soc2:` key of
        /// `satisfies`), once for all the requirements listed under it.
        private mutating func resolve(
            _ key: RequirementKey, at position: SourcePosition, what: String,
            frameworkAt frameworkPosition: SourcePosition? = nil
        ) -> Bool {
            // Looked up by index: `nodes[key] != nil` copies the node out (every field retained
            // and released), 5 million times in a dense workspace. A known requirement's
            // framework is known: the framework is looked at only for the finding.
            if nodes.index(forKey: key) != nil { return true }
            guard frameworks.index(forKey: key.framework) != nil else {
                let at = frameworkPosition ?? position
                if unknownFrameworkPositions.insert(at).inserted {
                    diagnostics.append(unknownFramework(key.framework, what: what, at: at))
                }
                return false
            }
            diagnostics.append(
                .error(
                    .graphUnknownRequirement,
                    "\(what) names unknown requirement '\(key.requirement)' of '\(key.framework)'",
                    at: position, notes: suggestion(for: key)))
            return false
        }

        /// `graph.unknown-framework`, with the known ids and a guess at the one meant.
        private func unknownFramework(
            _ id: FrameworkID, what: String, at position: SourcePosition
        ) -> Diagnostic {
            .error(
                .graphUnknownFramework, "\(what) names unknown framework '\(id)'", at: position,
                notes: knownFrameworksNote, hint: frameworkHint(for: id))
        }

        private var knownFrameworksNote: [Diagnostic.Note] {
            [
                .init(
                    "known frameworks: "
                        + frameworks.keys.sorted().map(\.rawValue).joined(separator: ", "))
            ]
        }

        /// A "did you mean" note: a requirement of the same framework whose id differs only in
        /// case or punctuation.
        func suggestion(for key: RequirementKey) -> [Diagnostic.Note] {
            func normalized(_ id: String) -> String {
                id.lowercased().filter { $0.isLetter || $0.isNumber }
            }
            let wanted = normalized(key.requirement.rawValue)
            let match = catalogOrder[key.framework]?.first {
                normalized($0.requirement.rawValue) == wanted
            }
            return match.map { [.init("did you mean '\($0.requirement)'?")] } ?? []
        }

        /// Adds the mappings as a set: a pair of requirements counts once, whichever end a
        /// file starts from. A repeat of the same relation is warned about; a pair given two
        /// different relations is an error. The first one stands in both cases.
        mutating func addMappings(_ list: [Mapping]) {
            var firstByEnds: [Mapping.Ends: Mapping] = [:]
            for mapping in list {
                let fromOK = resolveMappingEnd(mapping.from, at: mapping.position)
                let toOK = resolveMappingEnd(mapping.to, at: mapping.position)
                guard fromOK, toOK else { continue }
                if let first = firstByEnds[mapping.ends] {
                    reportRepeatedPair(mapping, first: first)
                    continue
                }
                firstByEnds[mapping.ends] = mapping
                mappings.append(mapping)
                mappingsByRequirement[mapping.from, default: []].append(
                    MappingEdge(other: mapping.to, relation: mapping.relation, mapping: mapping))
                mappingsByRequirement[mapping.to, default: []].append(
                    MappingEdge(
                        other: mapping.from, relation: mapping.relation.inverse, mapping: mapping))
            }
        }

        private mutating func reportRepeatedPair(_ mapping: Mapping, first: Mapping) {
            let note = Diagnostic.Note("first given here", at: first.position)
            if mapping.relationFromLowEnd == first.relationFromLowEnd {
                diagnostics.append(
                    .warning(
                        .mappingDuplicate,
                        "mapping '\(mapping.from)' \(mapping.relation.rawValue) '\(mapping.to)' is given more than once; it counts once",
                        at: mapping.position, notes: [note]))
            } else {
                diagnostics.append(
                    .error(
                        .mappingConflictingRelation,
                        "mapping '\(mapping.from)' \(mapping.relation.rawValue) '\(mapping.to)' contradicts '\(first.from)' \(first.relation.rawValue) '\(first.to)'",
                        at: mapping.position, notes: [note]))
            }
        }

        private mutating func resolveMappingEnd(
            _ key: RequirementKey, at position: SourcePosition
        ) -> Bool {
            guard nodes.index(forKey: key) == nil else { return true }
            diagnostics.append(
                .error(
                    .graphUnknownMappingEnd,
                    "mapping end '\(key)' does not name a known requirement", at: position,
                    notes: frameworks[key.framework] == nil
                        ? knownFrameworksNote : suggestion(for: key),
                    hint: frameworks[key.framework] == nil ? frameworkHint(for: key.framework) : nil
                ))
            return false
        }

        mutating func checkManifest() {
            for selection in manifest.frameworks where frameworks[selection.id] == nil {
                diagnostics.append(
                    unknownFramework(selection.id, what: "frameworks", at: selection.position))
            }
            var programIDs: [String: SourcePosition] = [:]
            for program in manifest.programs {
                if let first = programIDs[program.id] {
                    diagnostics.append(
                        .error(
                            .graphDuplicateProgram,
                            "program '\(program.id)' is defined more than once",
                            at: program.position, notes: [.init("first defined here", at: first)]))
                }
                programIDs[program.id] = programIDs[program.id] ?? program.position
                if program.title.english.trimmingWhitespace.isEmpty {
                    diagnostics.append(
                        .error(
                            .graphEmptyTitle, "program '\(program.id)' has an empty title",
                            at: program.position))
                }
                if let framework = program.framework, frameworks[framework] == nil {
                    diagnostics.append(
                        unknownFramework(
                            framework, what: "program '\(program.id)'", at: program.position))
                    continue
                }
                for domain in program.domains {
                    _ = resolve(domain.key, at: domain.position, what: "domains")
                }
            }
            for exclusion in manifest.exclusions {
                let key = exclusion.requirement.key
                guard resolve(key, at: exclusion.requirement.position, what: "exclusion") else {
                    continue
                }
                if let first = exclusions[key] {
                    diagnostics.append(
                        .error(
                            .graphDuplicateExclusion,
                            "requirement '\(key)' is excluded more than once",
                            at: exclusion.position,
                            notes: [.init("first excluded here", at: first.position)]))
                    continue
                }
                exclusions[key] = exclusion
            }
        }
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}

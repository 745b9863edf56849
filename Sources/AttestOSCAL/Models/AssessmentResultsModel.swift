import AttestCore
import Foundation

/// A scored run as OSCAL assessment results (docs/oscal.md, "Export: assessment results"): one
/// `result` for the run, a `finding` per in-scope assessable requirement and per excluded one,
/// an `observation` per evidence result, the artifacts' SHA-256 in back-matter.
///
/// A finding's objective is `satisfied` only when the requirement scores 1 (every counted
/// control's evidence passes, as the Statement of Applicability's "implemented"); any lower
/// score, a gap included, is `not-satisfied`. The score itself is a prop, so nothing is lost.
public enum AssessmentResultsModel {
    /// The assessment results of `run` for `frameworks` (in that order), scored as `scores`.
    ///
    /// - Parameters:
    ///   - scores: the run's results scored at the run's own time (`run.finishedAt`), so the
    ///     same run always gives the same document.
    ///   - organisation: the workspace's organisation, the party the results are about.
    /// - Complexity: O(requirements + evidence results).
    public static func document(
        run: RunFacts, scores: Scores, frameworks: [FrameworkID], organisation: String
    ) -> OSCALDocument {
        var builder = Builder(run: run, scores: scores)
        let selections = frameworks.compactMap { builder.controlSelection($0) }
        let findings = frameworks.flatMap { builder.findings($0) }
        let observations = builder.observations(frameworks)
        let names = frameworks.map { scores.graph.frameworks[$0]?.name.english ?? $0.rawValue }
        let planResource = OSCALNode.resource(
            uuid: StableUUID.attest("assessment-plan", run.key),
            title: "Assessment plan: the Attest workspace",
            description: """
                No OSCAL assessment plan was written for these results. The plan is the Attest \
                workspace whose fingerprint is given in the props: attest.yaml, its controls \
                and the evidence each control names. Each requirement is scored by Attest's \
                rules (https://attest.dev/docs/scoring); its objective is satisfied only at \
                score 1.
                """,
            props: [
                .prop(
                    "workspace-fingerprint", OSCALNode.oneLine(run.workspaceFingerprint),
                    ns: OSCALDocument.attestNamespace)
            ],
            rlinks: [ResourceLink(href: "attest.yaml", mediaType: "application/yaml")])
        let party = OSCALNode.assembly(
            "party",
            flags: [
                OSCALFlag("uuid", StableUUID.attest("party", organisation).text),
                OSCALFlag("type", "organization"),
            ],
            [.one(.text("name", OSCALNode.oneLine(organisation)))])
        let result = OSCALNode.assembly(
            "result", flags: [OSCALFlag("uuid", StableUUID.attest("result", run.key).text)],
            [
                .one(.line("title", "Attest run \(run.id)")),
                .one(
                    .prose(
                        "description",
                        "Evidence collected and scored by Attest \(run.toolVersion) for "
                            + names.joined(separator: ", ") + ".")),
                .one(.text("start", OSCALNode.dateTime(run.startedAt))),
                .one(.text("end", OSCALNode.dateTime(max(run.startedAt, run.finishedAt)))),
                .group("props", run.props),
                .one(
                    .assembly(
                        "reviewed-controls",
                        [
                            .group(
                                "control-selections",
                                selections.isEmpty
                                    ? [
                                        .assembly(
                                            "control-selection",
                                            [.one(.assembly("include-all"))])
                                    ] : selections)
                        ])),
                .group("observations", observations),
                .group("findings", findings),
            ])
        return OSCALDocument(
            root: .assembly(
                "assessment-results",
                flags: [
                    OSCALFlag("uuid", StableUUID.attest("assessment-results", run.key).text)
                ],
                [
                    .one(
                        .metadata(
                            title: "Assessment results: \(OSCALNode.oneLine(organisation)), "
                                + names.joined(separator: ", "),
                            lastModified: run.finishedAt, version: "run-\(run.id)",
                            props: run.props, parties: [party])),
                    .one(
                        .assembly(
                            "import-ap",
                            flags: [
                                OSCALFlag(
                                    "href",
                                    "#" + StableUUID.attest("assessment-plan", run.key).text)
                            ])),
                    .group("results", [result]),
                    .optional(.backMatter([planResource] + builder.resources)),
                ]))
    }

    /// The OSCAL state of an in-scope leaf: satisfied only at score 1.
    public static func isSatisfied(_ leaf: LeafScore) -> Bool { leaf.score >= 1 }

    /// A score as a prop value: up to four decimals, no trailing zeros (`1`, `0.5`, `0.3333`).
    public static func scoreText(_ score: Double) -> String {
        let clamped = score.isFinite ? min(1, max(0, score)) : 0
        var text = String(format: "%.4f", clamped)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// OSCAL's observation method for a collector: `TEST` for what Attest runs or probes,
    /// `EXAMINE` for what it reads.
    public static func method(_ collector: CollectorKind?) -> String {
        switch collector {
        case .command?, .http?, .tls?, .junit?, .sarif?: "TEST"
        case .file?, .json?, .yaml?, .attestation?, .external?: "EXAMINE"
        case nil: "UNKNOWN"
        }
    }

    /// Collects the back-matter resources while the findings and observations are built, so
    /// each artifact and subject is listed once.
    private struct Builder {
        let run: RunFacts
        let scores: Scores
        var resources: [OSCALNode] = []
        var resourceUUIDs: Set<StableUUID> = []
        var identifiers: [FrameworkID: ControlIdentifiers] = [:]

        init(run: RunFacts, scores: Scores) {
            self.run = run
            self.scores = scores
            for (id, framework) in scores.graph.frameworks {
                identifiers[id] = ControlIdentifiers(framework)
            }
        }

        var ns: String { OSCALDocument.attestNamespace }

        func controlID(_ key: RequirementKey) -> String {
            identifiers[key.framework]?[key.requirement]
                ?? ControlIdentifiers.token(from: key.requirement.rawValue)
        }

        /// The framework's in-scope leaves and exclusions, as `include-control`s.
        func controlSelection(_ framework: FrameworkID) -> OSCALNode? {
            let keys = (scores.graph.catalogOrder[framework] ?? []).filter {
                scores.leaves[$0] != nil || isExcludedLeaf($0)
            }
            guard !keys.isEmpty else { return nil }
            return .assembly(
                "control-selection",
                [
                    .one(
                        .prose(
                            "description",
                            scores.graph.frameworks[framework]?.name.english
                                ?? framework.rawValue)),
                    .group("props", [.prop("framework", framework.rawValue, ns: ns)]),
                    .group(
                        "include-controls",
                        keys.map {
                            .assembly(
                                "include-control", flags: [OSCALFlag("control-id", controlID($0))])
                        }),
                ])
        }

        func isExcludedLeaf(_ key: RequirementKey) -> Bool {
            scores.graph.nodes[key]?.requirement.isAssessable == true
                && scores.graph.exclusion(covering: key) != nil
        }

        /// A finding per in-scope leaf and per excluded assessable requirement, catalog order.
        mutating func findings(_ framework: FrameworkID) -> [OSCALNode] {
            (scores.graph.catalogOrder[framework] ?? []).compactMap { key in
                if let leaf = scores.leaves[key] { return finding(leaf) }
                if isExcludedLeaf(key), let exclusion = scores.graph.exclusion(covering: key) {
                    return excludedFinding(key, exclusion)
                }
                return nil
            }
        }

        private func title(_ key: RequirementKey) -> String {
            let title = scores.graph.nodes[key]?.requirement.title.english ?? ""
            return title.isEmpty ? key.requirement.rawValue : "\(key.requirement): \(title)"
        }

        private func description(_ key: RequirementKey) -> String {
            let requirement = scores.graph.nodes[key]?.requirement
            return requirement?.summary?.english ?? requirement?.title.english
                ?? key.requirement.rawValue
        }

        private func finding(_ leaf: LeafScore) -> OSCALNode {
            let key = leaf.key
            let satisfied = isSatisfied(leaf)
            let basis: String
            let remarks: String
            switch leaf.basis {
            case .direct(let controls):
                basis = "direct"
                remarks =
                    "Scored from the controls "
                    + controls.map(\.rawValue).joined(separator: ", ") + "."
            case .inherited(let sources):
                basis = "inherited"
                remarks =
                    "No control of its own: the score is inherited from "
                    + sources.map(\.description).joined(separator: ", ") + "."
            case .gap:
                basis = "gap"
                remarks = "No control implements this requirement and nothing maps to it."
            }
            let observations = scores.contributingControls(under: .requirement(key)).flatMap {
                control in
                (scores.controls[control]?.evidence ?? []).compactMap { evidence in
                    evidence.result.map { _ in observationUUID(evidence.evidence) }
                }
            }
            return findingNode(
                key,
                props: [
                    .prop("score", scoreText(leaf.score), ns: ns),
                    .prop("basis", basis, ns: ns),
                ],
                then: [
                    .one(
                        target(
                            key, state: satisfied ? "satisfied" : "not-satisfied",
                            reason: satisfied ? "pass" : "fail", remarks: remarks)),
                    .group(
                        "related-observations",
                        unique(observations).map {
                            .assembly(
                                "related-observation",
                                flags: [OSCALFlag("observation-uuid", $0.text)])
                        }),
                ])
        }

        private func excludedFinding(_ key: RequirementKey, _ exclusion: Exclusion) -> OSCALNode {
            let justification = exclusion.justification.english
            return findingNode(
                key, props: [.prop("excluded", "true", ns: ns)],
                then: [
                    .one(
                        target(
                            key, state: "satisfied", reason: "other", remarks: justification,
                            notApplicable: justification))
                ])
        }

        /// A finding's frame, the same for scored and excluded requirements: its uuid (from
        /// the run and the requirement), title, description and the props naming the
        /// requirement, then `props` and the children that follow the props.
        private func findingNode(
            _ key: RequirementKey, props: [OSCALNode], then rest: [OSCALChild?]
        ) -> OSCALNode {
            .assembly(
                "finding",
                flags: [
                    OSCALFlag(
                        "uuid",
                        StableUUID.attest(
                            "finding", run.key, key.framework.rawValue, key.requirement.rawValue
                        ).text)
                ],
                [
                    .one(.line("title", title(key))),
                    .one(.prose("description", description(key))),
                    .group(
                        "props",
                        [
                            .prop("framework", key.framework.rawValue, ns: ns),
                            .prop(
                                "requirement", OSCALNode.oneLine(key.requirement.rawValue), ns: ns),
                        ] + props),
                ] + rest)
        }

        private func target(
            _ key: RequirementKey, state: String, reason: String, remarks: String,
            notApplicable: String? = nil
        ) -> OSCALNode {
            .assembly(
                "target",
                flags: [OSCALFlag("type", "objective-id"), OSCALFlag("target-id", controlID(key))],
                [
                    .one(
                        .assembly(
                            "status",
                            flags: [OSCALFlag("state", state), OSCALFlag("reason", reason)],
                            [.one(.prose("remarks", remarks))])),
                    .optional(
                        notApplicable.map {
                            .assembly(
                                "implementation-status",
                                flags: [OSCALFlag("state", "not-applicable")],
                                [.one(.prose("remarks", $0))])
                        }),
                ])
        }

        func observationUUID(_ evidence: EvidenceID) -> StableUUID {
            StableUUID.attest("observation", run.key, evidence.rawValue)
        }

        /// One observation per evidence result of the controls behind `frameworks`, by id.
        mutating func observations(_ frameworks: [FrameworkID]) -> [OSCALNode] {
            var controls: Set<ControlID> = []
            for framework in frameworks {
                controls.formUnion(scores.contributingControls(under: .framework(framework)))
            }
            let results = controls.flatMap { scores.controls[$0]?.evidence ?? [] }
                .compactMap(\.result).sorted { $0.evidence < $1.evidence }
            var seen: Set<EvidenceID> = []
            return results.compactMap { result in
                guard seen.insert(result.evidence).inserted else { return nil }
                return observation(result)
            }
        }

        private mutating func observation(_ result: EvidenceResult) -> OSCALNode {
            let spec = scores.graph.evidence[result.evidence]
            var props: [OSCALNode] = [
                .prop("evidence", OSCALNode.oneLine(result.evidence.rawValue), ns: ns),
                .prop("control", OSCALNode.oneLine(result.control.rawValue), ns: ns),
                .prop("status", result.status.name, ns: ns),
                .prop("score", scoreText(result.status.score), ns: ns),
                .prop("date-source", result.dateSource.rawValue, ns: ns),
            ]
            if let collector = result.collector ?? spec?.collector {
                props.append(.prop("collector", collector.rawValue, ns: ns))
            }
            if let signer = result.signer {
                props.append(.prop("signer", OSCALNode.oneLine(signer), ns: ns))
            }
            if let sha256 = result.sha256, result.artifacts.isEmpty {
                props.append(.prop("sha256", OSCALNode.oneLine(sha256), ns: ns))
            }
            var subjects: [OSCALNode] = []
            if let target = result.target, !target.allSatisfy(\.isWhitespace) {
                let uuid = StableUUID.attest("subject", target)
                addResource(
                    .resource(uuid: uuid, title: target, description: "What Attest observed."),
                    uuid: uuid)
                subjects.append(
                    .assembly(
                        "subject",
                        flags: [
                            OSCALFlag("subject-uuid", uuid.text), OSCALFlag("type", "resource"),
                        ],
                        [.one(.line("title", target))]))
            }
            var evidence: [OSCALNode] = []
            for artifact in result.artifacts {
                let uuid = StableUUID.attest("artifact", artifact.path, artifact.sha256)
                addResource(
                    .resource(
                        uuid: uuid, title: artifact.path,
                        rlinks: [
                            ResourceLink(
                                href: OSCALNode.uriReference(artifact.path),
                                sha256: artifact.sha256.isEmpty ? nil : artifact.sha256)
                        ]), uuid: uuid)
                evidence.append(
                    .assembly(
                        "relevant-evidence", flags: [OSCALFlag("href", "#" + uuid.text)],
                        [.one(.prose("description", artifact.path))]))
            }
            let title = spec?.title?.english ?? result.evidence.rawValue
            var children: [OSCALChild?] = [
                .one(.line("title", title)),
                .one(
                    .prose(
                        "description",
                        result.message.allSatisfy(\.isWhitespace)
                            ? "Status: \(result.status.name)." : result.message)),
                .group("props", props),
                .group("methods", [.text("method", method(result.collector ?? spec?.collector))]),
                .group("subjects", subjects),
                .group("relevant-evidence", evidence),
                .one(.text("collected", OSCALNode.dateTime(result.observedAt))),
            ]
            if let expires = result.expiresAt {
                children.append(.one(.text("expires", OSCALNode.dateTime(expires))))
            }
            return .assembly(
                "observation", flags: [OSCALFlag("uuid", observationUUID(result.evidence).text)],
                children)
        }

        private mutating func addResource(_ node: OSCALNode, uuid: StableUUID) {
            if resourceUUIDs.insert(uuid).inserted { resources.append(node) }
        }

        private func unique(_ uuids: [StableUUID]) -> [StableUUID] {
            var seen: Set<StableUUID> = []
            return uuids.filter { seen.insert($0).inserted }
        }
    }
}

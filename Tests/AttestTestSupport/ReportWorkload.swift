import AttestCore
import Foundation

/// A mid-sized workspace built in memory, deterministically from a seed, for tests that pin
/// the bytes of the readiness reports and the site: several frameworks of requirement trees
/// with titles in English and French, controls of every visibility with owners, key controls
/// and internal targets (`exceeds`), evidence results of every status and date source, mappings
/// that make leaves inherit, exclusions and exceptions, and text with the characters HTML,
/// Markdown and CSV give a meaning to.
///
/// Equal configurations give equal graphs and results on every run: nothing reads the clock,
/// the environment or a hash order.
public struct ReportWorkload: Sendable {
    public var seed: UInt64
    public var frameworks: Int
    /// Top-level requirements (domains) of each framework; each has 2–5 children, some of
    /// which have children of their own.
    public var domainsPerFramework: Int
    public var controls: Int

    public init(
        seed: UInt64 = 0x5EED_15, frameworks: Int = 4, domainsPerFramework: Int = 12,
        controls: Int = 240
    ) {
        self.seed = seed
        self.frameworks = frameworks
        self.domainsPerFramework = domainsPerFramework
        self.controls = controls
    }

    /// The build time of every output.
    public static let now = Date(timeIntervalSince1970: 1_780_272_000)

    /// The graph, the results keyed by evidence id, and the scores at ``now``.
    public struct Built: Sendable {
        public var graph: ControlGraph
        public var results: [EvidenceID: EvidenceResult]
        public var scores: Scores
        public var frameworks: [FrameworkID]
    }

    // Texts with the characters each output format escapes: HTML, Markdown, CSV, bidi.
    private static let words = [
        "access", "review", "backup", "encryption", "logging", "vendor", "incident", "change",
        "asset", "training", "network", "key", "policy", "monitoring", "recovery", "identity",
    ]
    private static let hostile = [
        "<b>bold</b>", "a | pipe", "[link](javascript:alert(1))", "R&D", "\"quoted\", comma",
        "=SUM(A1)", "*star* _under_", "line\nbreak", "é ü ß", "#hash `tick`", "\u{202E}rtl",
    ]

    private func text(_ random: inout SplitMix64, words count: Int) -> String {
        var parts: [String] = []
        for _ in 0..<count {
            parts.append(Self.words[Int(random.next(below: UInt64(Self.words.count)))])
        }
        if random.next(below: 5) == 0 {
            parts.append(Self.hostile[Int(random.next(below: UInt64(Self.hostile.count)))])
        }
        return parts.joined(separator: " ")
    }

    private func localized(_ random: inout SplitMix64, words count: Int) -> LocalizedText {
        let english = text(&random, words: count)
        if random.next(below: 3) == 0 { return LocalizedText(english: english) }
        return LocalizedText(["en": english, "fr": "fr " + english])
    }

    private static func position(_ file: String, _ line: Int) -> SourcePosition {
        SourcePosition(file: file, line: line, column: 1)
    }

    /// Builds the workspace, its graph, results and scores.
    public func build() -> Built {
        var random = SplitMix64(seed: seed)
        var frameworks: [Framework] = []
        var leaves: [[RequirementKey]] = []
        for index in 0..<self.frameworks {
            let id = FrameworkID("fw\(index + 1)")
            let file = "controls/frameworks/\(id).yaml"
            var line = 1
            var frameworkLeaves: [RequirementKey] = []
            var domains: [Requirement] = []
            for domain in 0..<domainsPerFramework {
                let domainID = "D\(domain + 1)"
                var children: [Requirement] = []
                for child in 0..<(2 + Int(random.next(below: 4))) {
                    let childID = "\(domainID).\(child + 1)"
                    var grandchildren: [Requirement] = []
                    if random.next(below: 4) == 0 {
                        for grandchild in 0..<2 {
                            line += 1
                            let grandchildID = "\(childID).\(grandchild + 1)"
                            grandchildren.append(
                                Requirement(
                                    id: RequirementID(grandchildID),
                                    title: localized(&random, words: 3),
                                    weight: Double(1 + random.next(below: 3)),
                                    position: Self.position(file, line)))
                            frameworkLeaves.append(
                                RequirementKey(id, RequirementID(grandchildID)))
                        }
                    } else {
                        frameworkLeaves.append(RequirementKey(id, RequirementID(childID)))
                    }
                    line += 1
                    children.append(
                        Requirement(
                            id: RequirementID(childID), title: localized(&random, words: 3),
                            weight: random.next(below: 6) == 0 ? 2.5 : 1,
                            children: grandchildren, position: Self.position(file, line)))
                }
                line += 1
                domains.append(
                    Requirement(
                        id: RequirementID(domainID), title: localized(&random, words: 2),
                        children: children, position: Self.position(file, line)))
            }
            frameworks.append(
                Framework(
                    id: id,
                    name: LocalizedText([
                        "en": "Framework \(index + 1) & co", "fr": "Cadre \(index + 1)",
                    ]),
                    kind: .standard, issuer: "Tests",
                    aggregate: index == 2 ? .min : nil, requirements: domains,
                    position: Self.position(file, 1)))
            leaves.append(frameworkLeaves)
        }

        // The last framework is mostly reached through mappings, so its leaves inherit.
        var mappings: [Mapping] = []
        if self.frameworks >= 2, let target = leaves.last {
            for (offset, key) in target.enumerated() where offset % 3 != 2 {
                let from = leaves[0][offset % leaves[0].count]
                let relations: [MappingRelation] = [.equivalent, .subsetOf, .intersects]
                mappings.append(
                    Mapping(
                        from: from, to: key, relation: relations[offset % relations.count],
                        source: "test mapping",
                        position: Self.position("controls/mappings/m.yaml", offset + 1)))
            }
        }

        let owners = ["security", "it & ops", "=cmd|' /C calc'!A0", "people", "legal, finance"]
        let statuses: [EvidenceStatus] = [
            .pass, .pass, .pass, .fail, .partial(0.5), .partial(0.25), .stale, .error, .missing,
        ]
        var controls: [Control] = []
        var results: [EvidenceID: EvidenceResult] = [:]
        // Direct controls only on the frameworks that are not the mapping target.
        let direct = leaves.count >= 2 ? Array(leaves.dropLast()) : leaves
        let directLeaves = direct.flatMap { $0 }
        for index in 0..<self.controls {
            let id = ControlID(String(format: "CTL-%03d", index + 1))
            let file = "controls/library/lib-\(index / 50 + 1).yaml"
            var satisfies: [RequirementReference] = []
            for pick in 0..<(1 + Int(random.next(below: 3))) {
                let key = directLeaves[Int(random.next(below: UInt64(directLeaves.count)))]
                guard !satisfies.contains(where: { $0.key == key }) else { continue }
                satisfies.append(
                    RequirementReference(
                        key, at: Self.position(file, index * 10 + pick + 2),
                        isKey: random.next(below: 7) == 0,
                        level: random.next(below: 9) == 0 ? .exceeds : .meets))
            }
            let visibility: Visibility = [.public, .public, .nda, .internal][
                Int(random.next(below: 4))]
            var evidence: [EvidenceSpec] = []
            for item in 0..<(1 + Int(random.next(below: 3))) {
                let evidenceID = EvidenceID("\(id.rawValue.lowercased())-e\(item + 1)")
                var spec = EvidenceSpec(
                    id: evidenceID, control: id, collector: item == 0 ? .file : .command,
                    path: item == 0 ? "evidence/\(evidenceID).md" : nil,
                    weight: Double(1 + item), position: Self.position(file, index * 10 + 5))
                spec.visibility = random.next(below: 6) == 0 ? .internal : visibility
                evidence.append(spec)
                // One in twelve is never collected: "not collected".
                guard random.next(below: 12) != 0 else { continue }
                let status = statuses[Int(random.next(below: UInt64(statuses.count)))]
                let observed = Self.now.addingTimeInterval(
                    -Double(random.next(below: 200)) * 86_400)
                let expires: Date? =
                    switch random.next(below: 3) {
                    case 0: nil
                    case 1: Self.now.addingTimeInterval(Double(random.next(below: 20)) * 86_400)
                    default: observed.addingTimeInterval(365 * 86_400)
                    }
                let hash = String(
                    format: "%016llx%016llx%016llx%016llx", random.next(), random.next(),
                    random.next(), random.next())
                results[evidenceID] = EvidenceResult(
                    evidence: evidenceID, control: id, status: status, observedAt: observed,
                    dateSource: DateSource.allCases[Int(random.next(below: 4))],
                    target: item == 0 ? "evidence/\(evidenceID).md" : "run-check --all",
                    signer: random.next(below: 5) == 0 ? "alice" : nil,
                    collector: item == 0 ? .file : .command, expiresAt: expires,
                    sha256: status == .missing ? nil : hash,
                    message: text(&random, words: 4),
                    artifacts: item == 0 && status != .missing
                        ? [Artifact(path: "evidence/\(evidenceID).md", sha256: hash)] : [])
            }
            controls.append(
                Control(
                    id: id, title: localized(&random, words: 3),
                    owner: random.next(below: 6) == 0
                        ? nil : owners[Int(random.next(below: UInt64(owners.count)))],
                    visibility: visibility, weight: random.next(below: 5) == 0 ? 2 : 1,
                    notApplicable: random.next(below: 40) == 0 ? "not used here" : nil,
                    satisfies: satisfies, evidence: evidence,
                    position: Self.position(file, index * 10 + 1)))
        }

        var exclusions: [Exclusion] = []
        for (index, frameworkLeaves) in leaves.enumerated() {
            for (offset, key) in frameworkLeaves.enumerated() where offset % 17 == 5 {
                exclusions.append(
                    Exclusion(
                        requirement: RequirementReference(
                            key, at: Self.position("attest.yaml", 100 + offset)),
                        justification: localized(&random, words: 5),
                        visibility: [.public, .nda, .internal][(index + offset) % 3],
                        position: Self.position("attest.yaml", 100 + offset)))
            }
        }

        var exceptions: [Exception] = []
        let failing = controls.filter { control in
            control.evidence.contains { results[$0.id].map { $0.status.score == 0 } ?? false }
        }
        for (index, control) in failing.enumerated() where index % 5 == 0 {
            let onEvidence = index % 10 == 0
            let evidence = control.evidence.first {
                results[$0.id].map { $0.status.score == 0 } ?? false
            }
            let position = Self.position("exceptions.yaml", index + 1)
            exceptions.append(
                Exception(
                    id: ExceptionID(String(format: "EX-%03d", index + 1)),
                    control: onEvidence ? nil : ControlReference(control.id, at: position),
                    evidence: onEvidence
                        ? evidence.map { EvidenceReference($0.id, at: position) }
                        : nil,
                    from: index % 15 == 0 ? "2026-01-01" : "2026-05-01",
                    to: index % 15 == 0 ? "2026-03-31" : "2026-12-31",
                    description: localized(&random, words: 6), owner: "security",
                    managementResponse: localized(&random, words: 6),
                    remediationDate: index % 4 == 0 ? "2026-05-15" : "2026-09-30",
                    approvedBy: "alice", expires: index % 7 == 0 ? "2026-05-20" : "2026-12-31",
                    visibility: [.internal, .nda, .public][index % 3], position: position))
        }

        var manifest = Manifest(
            organisation: "Report <Works> & Co",
            frameworks: frameworks.map {
                FrameworkSelection(id: $0.id, position: Self.position("attest.yaml", 2))
            },
            exclusions: exclusions, locales: ["en", "fr"],
            position: Self.position("attest.yaml", 1))
        manifest.exceptions = exceptions
        manifest.undated = .warn
        let graph = ControlGraph(
            workspace: Workspace(
                manifest: manifest, frameworks: frameworks, controls: controls,
                mappings: mappings))
        let scores = Scores(
            graph: graph, results: results, now: Self.now, expiringWithin: .days(30))
        return Built(
            graph: graph, results: results, scores: scores,
            frameworks: graph.scopedFrameworkIDs.sorted())
    }

    /// A period of observation over `built`: ten days, a run on most of them, each control
    /// scoring as today or worse on some days, framework and domain figures varying with it.
    public func period(_ built: Built) throws -> PeriodReport {
        var random = SplitMix64(seed: seed ^ 0xFEED)
        let period = try OperatingPeriod(parsing: "2026-05-22..2026-05-31", today: .distantPast)
        var observations: [PeriodObservation] = []
        let controls = built.graph.controlIDs
        var nodes: [ScoreNode] = []
        for framework in built.frameworks {
            nodes.append(.framework(framework))
            for key in built.graph.catalogOrder[framework] ?? []
            where built.graph.nodes[key]?.depth == 0 {
                nodes.append(.requirement(key))
            }
        }
        for day in 0..<12 where day % 4 != 1 {
            // Two days before the period, then runs inside it.
            let time = Self.now.addingTimeInterval(Double(day - 12) * 86_400 + 3_600)
            var observed: [ControlID: PeriodObservation.ObservedControl] = [:]
            for id in controls {
                guard let control = built.graph.controls[id] else { continue }
                let today = built.scores.controls[id]?.score ?? 0
                let score = random.next(below: 5) == 0 ? today / 2 : today
                observed[id] = .init(
                    score: score, title: control.title.english, visibility: control.visibility)
            }
            var scores: [ScoreNode: NodeScore] = [:]
            for node in nodes {
                var score = built.scores.score(of: node)
                score.numerator *= Double(8 + random.next(below: 3)) / 10
                scores[node] = score
            }
            observations.append(
                PeriodObservation(
                    run: Int64(day + 1), time: time, controls: observed, nodes: scores))
        }
        return PeriodReport(period: period, observations: observations)
    }
}

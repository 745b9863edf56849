import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Every score of two varied generated workspaces, written as text and compared with the text
/// recorded by the scorer before it resolved leaves and controls as integer indices
/// (Tests/Fixtures/scoring/equivalence.txt): a faster scorer must give the very same doubles,
/// bases, rules, counts and exclusions. Regenerate the file only for an intended change of
/// the scoring rules (`ATTEST_RECORD_SCORES=1 swift test --filter ScoringEquivalenceTests`).
@Suite struct ScoringEquivalenceTests {
    typealias F = GraphFactory

    static let now = Date(timeIntervalSince1970: 1_780_272_000)
    static let golden = Fixtures.root.appendingPathComponent("scoring/equivalence.txt")

    @Test func scoresOfGeneratedWorkspacesEqualTheRecordedOnes() throws {
        var text = ""
        for (seed, excluding) in [(UInt64(0x5C0_4E5), true), (0xFACE, false), (42, true)] {
            let (graph, results) = Self.generate(seed: seed, excluding: excluding)
            let scores = Scores(
                graph: graph, results: results, now: Self.now, expiringWithin: .days(30))
            text += "# seed \(seed)\n" + Self.describe(scores)
        }
        if ProcessInfo.processInfo.environment["ATTEST_RECORD_SCORES"] == "1" {
            try FileManager.default.createDirectory(
                at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: Self.golden)
        }
        let recorded = try String(contentsOf: Self.golden, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let expected = recorded.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == expected.count)
        for (index, (line, want)) in zip(lines, expected).enumerated() where line != want {
            Issue.record("line \(index + 1): \(line)\n   recorded: \(want)")
            break
        }
        // The recorded text is not trivial: every kind of basis and rule occurs in it.
        for needle in [
            "basis=direct", "basis=inherited", "basis=gap", "cap=c", "exceeding=[c", "missed=[\"",
            "asMeets=true", "aggregate=min", "aggregate=all", "excluded=1", "expiring=true",
        ] {
            #expect(recorded.contains(needle), "\(needle)")
        }
    }

    /// Results handed over as an array score as the same results keyed by id, whether they
    /// come in the graph's evidence order (matched by position) or not (keyed, the later of two
    /// of one id counting).
    @Test func resultsAsAnArrayScoreAsTheSameResultsKeyedByID() {
        let (graph, byID) = Self.generate(seed: 0xFACE, excluding: true)
        let specs = graph.controlIDs.flatMap { graph.controls[$0]?.evidence.map(\.id) ?? [] }
        func text(_ results: [EvidenceResult]) -> String {
            Self.describe(
                Scores(graph: graph, results: results, now: Self.now, expiringWithin: .days(30)))
        }
        func keyed(_ results: [EvidenceID: EvidenceResult]) -> String {
            Self.describe(
                Scores(graph: graph, results: results, now: Self.now, expiringWithin: .days(30)))
        }
        let expected = keyed(byID)
        let inOrder = specs.compactMap { byID[$0] }
        #expect(inOrder.count < specs.count)  // some specs have no result
        #expect(text(inOrder) == expected)
        #expect(text(inOrder.reversed()) == expected)
        #expect(text(Array(byID.values)) == expected)
        // A second result of one id, later in the array: it counts.
        let later = EvidenceResult(
            evidence: inOrder[3].evidence, control: inOrder[3].control, status: .stale,
            observedAt: Self.now, message: "later")
        var replaced = byID
        replaced[later.evidence] = later
        #expect(text(inOrder + [later]) == keyed(replaced))
        // One result per spec, in the graph's order: matched by position, the same scores.
        let full = specs.map { id in
            byID[id]
                ?? EvidenceResult(
                    evidence: id, control: "c000", status: .partial(0.5), observedAt: Self.now,
                    message: "")
        }
        #expect(
            text(full) == keyed(Dictionary(uniqueKeysWithValues: full.map { ($0.evidence, $0) })))
        #expect(text(full) != expected)
    }

    // MARK: The workspace

    static func generate(
        seed: UInt64, excluding: Bool
    ) -> (ControlGraph, [EvidenceID: EvidenceResult]) {
        var random = SplitMix64(seed: seed)
        func pick(_ bound: Int) -> Int { Int(random.next(below: UInt64(bound))) }
        func chance(_ percent: Int) -> Bool { pick(100) < percent }
        let aggregates: [Aggregate?] = [nil, nil, nil, .mean, .min, .all]
        let tags = ["a", "b", "c"]
        var keys: [RequirementKey] = []
        var domains: [RequirementKey] = []
        var frameworks: [Framework] = []
        for index in 0..<5 {
            let id = FrameworkID("f\(index)")
            func requirement(_ name: String, depth: Int) -> Requirement {
                let childCount = depth < 2 && chance(depth == 0 ? 100 : 35) ? 1 + pick(5) : 0
                let children = (0..<childCount).map {
                    requirement("\(name).\($0 + 1)", depth: depth + 1)
                }
                var requirement = F.requirement(
                    RequirementID(name), children,
                    weight: [0.5, 1, 1, 2, 3][pick(5)],
                    assessable: chance(8) ? !children.isEmpty : nil,
                    tags: chance(70) ? [tags[pick(3)]] : [])
                requirement.aggregate = aggregates[pick(aggregates.count)]
                let key = RequirementKey(id, RequirementID(name))
                keys.append(key)
                if !children.isEmpty { domains.append(key) }
                return requirement
            }
            var framework = F.framework(
                id, (0..<(3 + pick(3))).map { requirement("R\($0 + 1)", depth: 0) })
            framework.aggregate = index == 4 ? nil : aggregates[pick(aggregates.count)]
            frameworks.append(framework)
        }
        var controls: [Control] = []
        var results: [EvidenceID: EvidenceResult] = [:]
        for index in 0..<90 {
            let id = ControlID(String(format: "c%03d", index))
            var control = F.control(
                id, satisfies: [], evidence: [], weight: [0.5, 1, 1, 2][pick(4)],
                notApplicable: chance(8) ? "Not offered." : nil)
            control.satisfies = (0..<(1 + pick(4))).map { _ in
                RequirementReference(
                    keys[pick(keys.count)], at: F.position(1), isKey: chance(15),
                    level: chance(25) ? .exceeds : .meets)
            }
            if chance(5) {
                control.satisfies.append(
                    RequirementReference(RequirementKey("f9", "X1"), at: F.position(2)))
            }
            control.evidence = (0..<pick(5)).map { item in
                F.evidence(
                    EvidenceID("\(id)-e\(item)"), control: id, weight: [1, 1, 2, 3][pick(4)])
            }
            for spec in control.evidence where chance(88) {
                let statuses: [EvidenceStatus] = [
                    .pass, .pass, .pass, .fail, .error, .stale, .missing,
                    .partial(Double(pick(8)) / 7),
                ]
                let expiresIn = [nil, 5, 20, 29.5, 45, -3][pick(6)].map { $0 * 86_400.0 }
                results[spec.id] = EvidenceResult(
                    evidence: spec.id, control: id, status: statuses[pick(statuses.count)],
                    observedAt: now.addingTimeInterval(-Double(pick(90)) * 86_400),
                    expiresAt: expiresIn.map { now.addingTimeInterval($0) }, message: "m")
            }
            controls.append(control)
        }
        results["unknown-evidence"] = EvidenceResult(
            evidence: "unknown-evidence", control: "c000", status: .pass, observedAt: now,
            message: "")
        let relations: [MappingRelation] = [.equivalent, .subsetOf, .supersetOf, .intersects]
        let mappings = (0..<60).map { _ in
            Mapping(
                from: keys[pick(keys.count)], to: keys[pick(keys.count)],
                relation: relations[pick(relations.count)], source: "test",
                position: F.position(1))
        }
        var exclusions: [Exclusion] = []
        if excluding {
            for key in [domains[0], domains[domains.count / 2], keys[keys.count / 3], keys[7]] {
                exclusions.append(
                    Exclusion(
                        requirement: RequirementReference(key, at: F.position(1)),
                        justification: "out of scope", position: F.position(1)))
            }
        }
        var workspace = F.workspace(
            frameworks: frameworks, controls: controls, mappings: mappings,
            selections: [
                FrameworkSelection(id: "f0", position: F.position(1)),
                FrameworkSelection(id: "f1", tags: ["a", "c"], position: F.position(1)),
                FrameworkSelection(id: "f2", position: F.position(1)),
                FrameworkSelection(id: "ghost", position: F.position(1)),
                FrameworkSelection(id: "f4", tags: ["b"], position: F.position(1)),
            ], exclusions: exclusions)
        workspace.manifest.aggregate = .min
        return (ControlGraph(workspace: workspace), results)
    }

    // MARK: The text

    static func describe(_ scores: Scores) -> String {
        let graph = scores.graph
        var lines: [String] = []
        func ids<T: CustomStringConvertible>(_ list: [T]) -> String {
            "[" + list.map(\.description).joined(separator: ",") + "]"
        }
        lines.append("controls \(scores.controls.count) leaves \(scores.leaves.count)")
        for id in graph.controlIDs {
            guard let control = scores.controls[id] else {
                lines.append("control \(id) none")
                continue
            }
            lines.append(
                "control \(id) score=\(control.score) applicable=\(control.isApplicable) "
                    + "weight=\(control.weight)")
            for item in control.evidence {
                lines.append(
                    "  evidence \(item.evidence) status=\(item.status.name)/\(item.score) "
                        + "weight=\(item.weight) expiring=\(item.isExpiring) "
                        + "result=\(item.result?.evidence.rawValue ?? "-")")
            }
        }
        func rule(_ rule: RequirementScore) -> String {
            "rule \(rule.requirement) aggregate=\(rule.aggregate.rawValue) "
                + "counted=\(ids(rule.counted)) exceeding=\(ids(rule.exceeding)) "
                + "missed=\(ids(rule.missedTargets)) asMeets=\(rule.exceedsCountAsMeets) "
                + "aggregated=\(rule.aggregated) "
                + "cap=\(rule.cap.map { "\($0.control)@\($0.score)" } ?? "-") score=\(rule.score)"
        }
        func node(_ score: NodeScore) -> String {
            "\(score.node) num=\(score.numerator) den=\(score.denominator) "
                + "inh=\(score.inheritedNumerator) leaves=\(score.leafCount) "
                + "covered=\(score.coveredCount) inherited=\(score.inheritedCount) "
                + "gaps=\(score.gapCount) excluded=\(score.excludedCount) "
                + "percent=\(score.percent)"
        }
        for framework in graph.frameworkIDs {
            lines.append("framework " + node(scores.score(of: .framework(framework))))
            let contributing = scores.contributingControls(under: .framework(framework))
            lines.append(
                "  contributing=\(ids(contributing)) carried="
                    + "\(scores.numeratorCarried(by: Set(contributing.prefix(3)), under: .framework(framework)))"
            )
            lines.append(
                "  exclusions=\(ids(scores.exclusions(under: .framework(framework)).map(\.requirement.key)))"
            )
            for key in graph.catalogOrder[framework] ?? [] {
                let requirement = ScoreNode.requirement(key)
                lines.append("  node " + node(scores.score(of: requirement)))
                lines.append(
                    "    under=\(ids(scores.leaves(under: requirement).map(\.key))) "
                        + "exclusions=\(ids(scores.exclusions(under: requirement).map(\.requirement.key))) "
                        + "missed=\(scores.missedTargets(under: requirement).map { "\($0.leaf):\($0.control)" })"
                )
                guard let leaf = scores.leaves[key] else { continue }
                let basis: String
                switch leaf.basis {
                case let .direct(controls): basis = "direct\(ids(controls))"
                case let .inherited(sources): basis = "inherited\(ids(sources))"
                case .gap: basis = "gap"
                }
                lines.append(
                    "    leaf weight=\(leaf.weight) score=\(leaf.score) basis=\(basis) "
                        + "inherited=\(leaf.isInherited)")
                for item in leaf.rules { lines.append("      " + rule(item)) }
            }
        }
        lines.append("frameworkScores " + scores.frameworkScores.map(node).joined(separator: " | "))
        lines.append(
            "evidenceScores "
                + scores.evidenceScores.map { "\($0.control)/\($0.evidence.evidence)" }.joined(
                    separator: ","))
        lines.append("unknown " + node(scores.score(of: .framework("nope"))))
        lines.append(
            "unknown " + node(scores.score(of: .requirement(RequirementKey("f0", "nope")))))
        return lines.joined(separator: "\n") + "\n"
    }
}

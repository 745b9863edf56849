import AttestTestSupport
import Foundation
import Testing

@testable import AttestCore

/// The worked example of docs/scoring.md, with values computed by hand, plus each rule and the
/// properties every score must keep.
@Suite struct ScoringTests {
    typealias F = GraphFactory

    static let now = Date(timeIntervalSince1970: 1_780_272_000)  // 2026-06-01T00:00:00Z
    static let day: TimeInterval = 86_400

    static let demo = F.framework(
        "demo",
        [
            F.requirement(
                "D1",
                [F.requirement("D1.1"), F.requirement("D1.2", weight: 2), F.requirement("D1.3")]),
            F.requirement(
                "D2", [F.requirement("D2.1"), F.requirement("D2.2"), F.requirement("D2.3")]),
        ])
    static let other = F.framework("other", [F.requirement("O1")])

    static func result(
        _ id: EvidenceID, _ status: EvidenceStatus, expiresIn days: Double? = nil
    ) -> EvidenceResult {
        EvidenceResult(
            evidence: id, control: "C", status: status, observedAt: now,
            expiresAt: days.map { now.addingTimeInterval($0 * day) }, message: "")
    }

    static func example() -> Scores {
        var c2 = F.control("C2", satisfies: ["demo/D1.2"], evidence: ["e3", "e4"])
        c2.evidence[0].weight = 3
        let workspace = F.workspace(
            frameworks: [demo, other],
            controls: [
                F.control("C1", satisfies: ["demo/D1.1", "demo/D1.2"], evidence: ["e1", "e2"]),
                c2,
                F.control("C3", satisfies: ["other/O1"], evidence: ["e5"]),
                F.control(
                    "C4", satisfies: ["demo/D2.1"], evidence: ["e7"], notApplicable: "Not offered."),
                F.control("C5", satisfies: ["demo/D2.1"], evidence: ["e6"]),
            ],
            mappings: [F.mapping("demo/D1.3", .subsetOf, "other/O1")],
            exclusions: [
                Exclusion(
                    requirement: RequirementReference(
                        RequirementKey("demo", "D2.2"), at: F.position(1)),
                    justification: "not offered", position: F.position(1))
            ])
        let results = [
            result("e1", .pass, expiresIn: 10), result("e2", .partial(0.5)), result("e3", .fail),
            result("e4", .pass, expiresIn: 40), result("e5", .pass), result("e6", .stale),
            result("e7", .pass),
        ]
        return Scores(
            graph: ControlGraph(workspace: workspace),
            results: Dictionary(uniqueKeysWithValues: results.map { ($0.evidence, $0) }),
            now: now, expiringWithin: .days(30))
    }

    @Test func workedExampleControlScores() {
        let scores = Self.example()
        #expect(scores.controls["C1"]?.score == 0.75)
        #expect(scores.controls["C2"]?.score == 0.25)
        #expect(scores.controls["C3"]?.score == 1)
        #expect(scores.controls["C4"]?.isApplicable == false)
        #expect(scores.controls["C5"]?.score == 0)
    }

    @Test func workedExampleLeafScoresAndBases() {
        let scores = Self.example()
        let leaf = { (id: RequirementID) in scores.leaves[RequirementKey("demo", id)] }
        #expect(leaf("D1.1")?.score == 0.75)
        #expect(leaf("D1.2")?.score == 0.5)
        #expect(leaf("D1.2")?.basis == .direct(["C1", "C2"]))
        #expect(leaf("D1.3")?.score == 1)
        #expect(leaf("D1.3")?.basis == .inherited([RequirementKey("other", "O1")]))
        #expect(leaf("D2.1")?.basis == .direct(["C5"]))
        #expect(leaf("D2.1")?.score == 0)
        #expect(leaf("D2.2") == nil)
        #expect(leaf("D2.3")?.basis == .gap)
    }

    @Test func workedExampleNodeScores() {
        let scores = Self.example()
        let d1 = scores.score(of: .requirement(RequirementKey("demo", "D1")))
        #expect(d1.numerator == 2.75)
        #expect(d1.denominator == 4)
        #expect(d1.percent == 68.8)
        let d2 = scores.score(of: .requirement(RequirementKey("demo", "D2")))
        #expect(d2.denominator == 2)
        #expect(d2.percent == 0)
        #expect(d2.excludedCount == 1)
        let demo = scores.score(of: .framework("demo"))
        #expect(demo.numerator == 2.75)
        #expect(demo.denominator == 6)
        #expect(demo.percent == 45.8)
        #expect(demo.coverage == 0.6)
        #expect(NodeScore.percent(demo.inferredShare) == 36.4)
        #expect(demo.gapCount == 1)
        #expect(demo.leafCount == 5)
    }

    @Test func workedExampleExpiringEvidence() {
        let scores = Self.example()
        let expiring = scores.evidenceScores.filter(\.evidence.isExpiring).map(\.evidence.evidence)
        #expect(expiring == ["e1"])
    }

    @Test func anExcludedRequirementLeavesItsParentsDenominator() {
        let scores = Self.example()
        let withExclusion = scores.score(of: .framework("demo")).denominator
        let workspace = F.workspace(frameworks: [Self.demo])
        let full = Scores(
            graph: ControlGraph(workspace: workspace), results: [:], now: Self.now,
            expiringWithin: .days(30))
        #expect(full.score(of: .framework("demo")).denominator == withExclusion + 1)
    }

    @Test func uncollectedEvidenceCountsAsMissing() {
        let workspace = F.workspace(
            frameworks: [Self.other],
            controls: [F.control("C", satisfies: ["other/O1"], evidence: ["a", "b"])])
        let scores = Scores(
            graph: ControlGraph(workspace: workspace), results: ["a": Self.result("a", .pass)],
            now: Self.now, expiringWithin: .days(30))
        #expect(scores.controls["C"]?.score == 0.5)
        #expect(scores.controls["C"]?.evidence.last?.status == .missing)
    }

    @Test func aControlWithoutEvidenceScoresZero() {
        let workspace = F.workspace(
            frameworks: [Self.other], controls: [F.control("C", satisfies: ["other/O1"])])
        let scores = Scores(
            graph: ControlGraph(workspace: workspace), results: [:], now: Self.now,
            expiringWithin: .days(30))
        #expect(scores.score(of: .framework("other")).score == 0)
        #expect(scores.leaves[RequirementKey("other", "O1")]?.basis == .direct(["C"]))
    }

    @Test func intersectsAndSupersetMappingsDoNotLendScores() {
        for relation in [MappingRelation.intersects, .supersetOf] {
            let workspace = F.workspace(
                frameworks: [Self.demo, Self.other],
                controls: [F.control("C", satisfies: ["other/O1"], evidence: ["e"])],
                mappings: [F.mapping("demo/D1.1", relation, "other/O1")])
            let scores = Scores(
                graph: ControlGraph(workspace: workspace), results: ["e": Self.result("e", .pass)],
                now: Self.now, expiringWithin: .days(30))
            #expect(scores.leaves[RequirementKey("demo", "D1.1")]?.basis == .gap, "\(relation)")
        }
    }

    @Test func equivalentMappingsLendScoresInBothDirections() {
        let workspace = F.workspace(
            frameworks: [Self.demo, Self.other],
            controls: [F.control("C", satisfies: ["demo/D1.1"], evidence: ["e"])],
            mappings: [F.mapping("other/O1", .equivalent, "demo/D1.1")])
        let scores = Scores(
            graph: ControlGraph(workspace: workspace),
            results: ["e": Self.result("e", .partial(0.4))],
            now: Self.now, expiringWithin: .days(30))
        #expect(scores.leaves[RequirementKey("other", "O1")]?.score == 0.4)
        #expect(scores.score(of: .framework("other")).inferredShare == 1)
    }

    @Test func everyScoreStaysInTheUnitInterval() {
        var generator = SplitMix64(seed: 99)
        let statuses: [EvidenceStatus] = [
            .pass, .fail, .error, .stale, .missing, .partial(0.3), .partial(7), .partial(-2),
        ]
        for _ in 0..<50 {
            let controls = (0..<8).map { index in
                F.control(
                    ControlID("C\(index)"),
                    satisfies: [
                        "demo/D1.\(Int.random(in: 1...3, using: &generator))",
                        "demo/D2.\(Int.random(in: 1...3, using: &generator))",
                    ],
                    evidence: [EvidenceID("e\(index)a"), EvidenceID("e\(index)b")])
            }
            var results: [EvidenceID: EvidenceResult] = [:]
            for control in controls {
                for spec in control.evidence {
                    results[spec.id] = Self.result(
                        spec.id, statuses.randomElement(using: &generator)!)
                }
            }
            let scores = Scores(
                graph: ControlGraph(
                    workspace: F.workspace(frameworks: [Self.demo], controls: controls)),
                results: results, now: Self.now, expiringWithin: .days(30))
            for control in scores.controls.values { #expect((0...1).contains(control.score)) }
            for leaf in scores.leaves.values { #expect((0...1).contains(leaf.score)) }
            for key in ["D1", "D2"] {
                #expect(
                    (0...1).contains(
                        scores.score(of: .requirement(RequirementKey("demo", RequirementID(key))))
                            .score))
            }
            let framework = scores.score(of: .framework("demo"))
            #expect((0...1).contains(framework.score))
            #expect((0...1).contains(framework.coverage))
            #expect((0...1).contains(framework.inferredShare))
        }
    }

    @Test(arguments: [
        (0.45834, 45.8), (0.45849, 45.8), (0.4585, 45.9), (1, 100), (0, 0), (0.0005, 0.1),
    ])
    func percentRoundsToOneDecimalHalfAwayFromZero(_ fraction: Double, _ expected: Double) {
        #expect(NodeScore.percent(fraction) == expected)
    }
}

extension ScoringTests {
    /// The coverage the graph answers from its scoring index is the one worked out from its
    /// controls and mappings, for every requirement (leaves, parents, excluded, out of scope),
    /// with each kind of coverage among them.
    @Test func coverageFromTheIndexIsTheCoverageWorkedOut() {
        let graph = Self.example().graph
        var kinds: Set<String> = []
        for key in graph.nodes.keys {
            let answered = graph.coverage(of: key)
            #expect(answered == graph.computedCoverage(of: key), "\(key)")
            switch answered {
            case .direct: kinds.insert("direct")
            case .inherited: kinds.insert("inherited")
            case .gap: kinds.insert("gap")
            }
        }
        #expect(kinds == ["direct", "inherited", "gap"])
    }
}

extension ScoringTests {
    /// Whether a requirement is in scope is the same answered from the scoring index or worked
    /// out by the rule (assessable, of a framework in scope, not excluded; the example filters
    /// no tags), for every requirement: a leaf, a parent, an excluded one.
    @Test func scopeFromTheIndexIsTheScopeWorkedOut() {
        let graph = Self.example().graph
        var answers: Set<Bool> = []
        for (key, node) in graph.nodes {
            let worked =
                node.requirement.isAssessable && graph.scopedFrameworkIDs.contains(key.framework)
                && graph.exclusion(covering: key) == nil
            #expect(graph.isInScope(node) == worked, "\(key)")
            answers.insert(worked)
        }
        #expect(answers == [true, false])
    }
}

import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Key caps, `aggregate` (mean, min, all), `meets`/`exceeds` levels, their inheritance and the
/// exact withheld share: the worked examples of docs/scoring.md, with the same hand-computed
/// values.
@Suite struct AggregationTests {
    typealias F = GraphFactory

    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    /// A control for the tests: its one evidence item (`e-<id>`) scores `score`.
    struct Item {
        var id: ControlID
        var score: Double
        var satisfies: [String] = ["demo/R"]
        var key = false
        var level = EnforcementLevel.meets
        var weight = 1.0
        var visibility = Visibility.public
    }

    static func control(_ item: Item) -> Control {
        var control = F.control(
            item.id, satisfies: [], evidence: [EvidenceID("e-\(item.id)")], weight: item.weight,
            visibility: item.visibility)
        control.satisfies = item.satisfies.compactMap { RequirementKey(parsing: $0) }.map {
            RequirementReference($0, at: F.position(1), isKey: item.key, level: item.level)
        }
        return control
    }

    static func scores(
        _ items: [Item], aggregate: Aggregate? = nil, frameworkAggregate: Aggregate? = nil,
        workspaceAggregate: Aggregate? = nil,
        requirementAggregates: [RequirementID: Aggregate] = [:],
        mappings: [Mapping] = []
    ) -> Scores {
        func requirement(_ id: RequirementID) -> Requirement {
            var requirement = F.requirement(id)
            requirement.aggregate = id == "R" ? aggregate : requirementAggregates[id]
            return requirement
        }
        var demo = F.framework("demo", ["R", "D1.1", "D1.2", "D1.3"].map(requirement))
        demo.aggregate = frameworkAggregate
        let other = F.framework("other", [F.requirement("O1")])
        var workspace = F.workspace(
            frameworks: [demo, other], controls: items.map(control), mappings: mappings)
        workspace.manifest.aggregate = workspaceAggregate
        let results = items.map { item in
            EvidenceResult(
                evidence: EvidenceID("e-\(item.id)"), control: item.id,
                status: item.score >= 1 ? .pass : item.score <= 0 ? .fail : .partial(item.score),
                observedAt: now, message: "")
        }
        return Scores(
            graph: ControlGraph(workspace: workspace),
            results: Dictionary(uniqueKeysWithValues: results.map { ($0.evidence, $0) }),
            now: now, expiringWithin: .days(30))
    }

    static let r = RequirementKey("demo", "R")

    static func close(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < 1e-12
    }

    @Test func aRequirementCannotScoreAboveItsLowestKeyControl() throws {
        let scores = Self.scores([
            Item(id: "K", score: 0.4, key: true), Item(id: "A", score: 1),
            Item(id: "B", score: 1),
        ])
        let leaf = try #require(scores.leaves[Self.r])
        #expect(leaf.score == 0.4)
        #expect(Self.close(leaf.rules.first?.aggregated, 0.8))
        #expect(leaf.rules.first?.cap == RequirementScore.KeyCap(control: "K", score: 0.4))
    }

    @Test func tenPassingControlsCannotLiftAKeyCappedRequirement() {
        let padding = (1...10).map { Item(id: ControlID("PAD-\($0)"), score: 1) }
        let base = [
            Item(id: "K", score: 0.4, key: true), Item(id: "A", score: 1), Item(id: "B", score: 1),
        ]
        let scores = Self.scores(base + padding)
        #expect(scores.leaves[Self.r]?.score == 0.4)
        #expect(Self.close(scores.leaves[Self.r]?.rules.first?.aggregated, 12.4 / 13))
        // Without the key, the same padding lifts the mean from 0.8 to 0.9538….
        let unkeyed = Self.scores(
            [Item(id: "K", score: 0.4), Item(id: "A", score: 1), Item(id: "B", score: 1)]
                + padding)
        #expect(Self.close(unkeyed.leaves[Self.r]?.score, 12.4 / 13))
    }

    @Test func aKeyControlAboveTheMeanDoesNotCapIt() {
        let scores = Self.scores([Item(id: "K", score: 1, key: true), Item(id: "A", score: 0)])
        #expect(scores.leaves[Self.r]?.score == 0.5)
        #expect(scores.leaves[Self.r]?.rules.first?.cap == nil)
    }

    @Test func minTakesTheLowestControlAndMeanTheAverage() {
        let items = [
            Item(id: "A", score: 1), Item(id: "B", score: 0.5), Item(id: "C", score: 0.75),
        ]
        #expect(Self.scores(items, aggregate: .min).leaves[Self.r]?.score == 0.5)
        #expect(Self.scores(items, aggregate: .mean).leaves[Self.r]?.score == 0.75)
        #expect(Self.scores(items).leaves[Self.r]?.score == 0.75)
    }

    @Test func allIsOneOnlyWhenEveryControlScoresOne() {
        let passing = [Item(id: "A", score: 1), Item(id: "B", score: 1), Item(id: "C", score: 1)]
        #expect(Self.scores(passing, aggregate: .all).leaves[Self.r]?.score == 1)
        let one = [Item(id: "A", score: 1), Item(id: "B", score: 1), Item(id: "C", score: 0.5)]
        #expect(Self.close(Self.scores(one, aggregate: .all).leaves[Self.r]?.score, 2.5 / 3))
    }

    @Test func allNeverPrintsOneHundredWhileAControlFallsShort() throws {
        let items = [
            Item(id: "A", score: 1, weight: 1000), Item(id: "B", score: 0.5, weight: 0.001),
        ]
        let mean = try #require(Self.scores(items).leaves[Self.r]?.score)
        #expect(NodeScore.percent(mean) == 100.0)
        let all = Self.scores(items, aggregate: .all)
        #expect(all.leaves[Self.r]?.score == 0.999)
        #expect(all.score(of: .requirement(Self.r)).percent == 99.9)
    }

    @Test func aFailingExceedsControlDoesNotLowerARequirementAMeetsControlProves() throws {
        let scores = Self.scores([
            Item(id: "M", score: 1), Item(id: "X", score: 0, level: .exceeds),
        ])
        let leaf = try #require(scores.leaves[Self.r])
        #expect(leaf.score == 1)
        #expect(leaf.rules.first?.counted == ["M"])
        #expect(leaf.rules.first?.missedTargets == ["X"])
        let missed = scores.missedTargets(under: .framework("demo"))
        #expect(missed.map(\.leaf) == [Self.r])
        #expect(missed.map(\.control) == ["X"])
    }

    @Test func aPassingExceedsControlDoesNotLiftAWeakMeetsControl() throws {
        let scores = Self.scores([
            Item(id: "M", score: 0.5), Item(id: "X", score: 1, level: .exceeds),
        ])
        let leaf = try #require(scores.leaves[Self.r])
        #expect(leaf.score == 0.5)
        #expect(leaf.rules.first?.missedTargets == [])
        #expect(leaf.rules.first?.exceeding == ["X"])
    }

    @Test func exceedsControlsCountAsMeetsWhenNothingWeakerProvesTheRequirement() {
        let failing = Self.scores([Item(id: "X", score: 0, level: .exceeds)])
        #expect(failing.leaves[Self.r]?.score == 0)
        #expect(failing.leaves[Self.r]?.rules.first?.exceedsCountAsMeets == true)
        #expect(failing.leaves[Self.r]?.rules.first?.missedTargets == [])
        let passing = Self.scores([Item(id: "X", score: 1, level: .exceeds)])
        #expect(passing.leaves[Self.r]?.score == 1)
    }

    @Test func anInheritedLeafTakesItsSourcesCappedScore() {
        let scores = Self.scores(
            [
                Item(id: "K", score: 0.4, satisfies: ["other/O1"], key: true),
                Item(id: "A", score: 1, satisfies: ["other/O1"]),
            ],
            mappings: [F.mapping("demo/D1.3", .subsetOf, "other/O1")])
        let leaf = scores.leaves[RequirementKey("demo", "D1.3")]
        #expect(leaf?.basis == .inherited([RequirementKey("other", "O1")]))
        #expect(leaf?.score == 0.4)
        #expect(leaf?.rules.first?.cap?.control == "K")
    }

    @Test func aggregateComesFromTheRequirementThenTheFrameworkThenTheWorkspace() {
        let scores = Self.scores(
            [
                Item(id: "A", score: 1, satisfies: ["demo/D1.1"]),
                Item(id: "B", score: 0.5, satisfies: ["demo/D1.1"]),
                Item(id: "C", score: 1, satisfies: ["demo/D1.2"], weight: 1000),
                Item(id: "D", score: 0.5, satisfies: ["demo/D1.2"], weight: 0.001),
                Item(id: "E", score: 1, satisfies: ["other/O1"]),
                Item(id: "G", score: 0.5, satisfies: ["other/O1"]),
            ],
            frameworkAggregate: .all, workspaceAggregate: .min,
            requirementAggregates: ["D1.1": .mean])
        #expect(scores.leaves[RequirementKey("demo", "D1.1")]?.score == 0.75)
        #expect(scores.leaves[RequirementKey("demo", "D1.2")]?.score == 0.999)
        #expect(scores.leaves[RequirementKey("other", "O1")]?.score == 0.5)
        #expect(scores.graph.aggregate(of: RequirementKey("other", "O1")) == .min)
    }

    @Test func numeratorCarriedUnderMinIsWhatRescoringWithTheControlsAtZeroLoses() {
        let scores = Self.scores(
            [Item(id: "P", score: 0.6), Item(id: "H", score: 1, visibility: .internal)],
            aggregate: .min)
        #expect(scores.leaves[Self.r]?.score == 0.6)
        #expect(scores.numeratorCarried(by: ["H"], under: .requirement(Self.r)) == 0.6)
        #expect(scores.numeratorCarried(by: ["P"], under: .requirement(Self.r)) == 0.6)
        #expect(scores.numeratorCarried(by: [], under: .requirement(Self.r)) == 0)
    }

    @Test func numeratorCarriedByAKeyControlIsTheWholeCappedScore() {
        // K caps R at 0.4; with K at 0, R falls to 0, so K carries all 0.4 (a linear share
        // would say 0.4 / 3).
        let scores = Self.scores([
            Item(id: "K", score: 0.4, key: true), Item(id: "A", score: 1),
            Item(id: "B", score: 1),
        ])
        #expect(scores.numeratorCarried(by: ["K"], under: .framework("demo")) == 0.4)
        // A and B at 0: the mean falls to 0.4 / 3, below the cap.
        #expect(
            Self.close(
                scores.numeratorCarried(by: ["A", "B"], under: .framework("demo")),
                0.4 - 0.4 / 3))
    }
}

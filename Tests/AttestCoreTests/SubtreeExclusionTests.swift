import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Excluding a requirement with children takes its whole subtree out of scope.
@Suite struct SubtreeExclusionTests {
    typealias F = GraphFactory

    @Test func excludingAnInnerNodeExcludesItsWholeSubtree() {
        let workspace = F.workspace(
            frameworks: [Correction.demo],
            controls: [F.control("C", satisfies: ["demo/D2.1", "demo/D2.2"], evidence: ["e"])],
            exclusions: [Correction.exclusion("D1")])
        let scores = Correction.scores(workspace, ["e": .pass])
        let demo = scores.score(of: .framework("demo"))
        #expect(demo.leafCount == 2)
        #expect(demo.denominator == 2)
        #expect(demo.percent == 100)
        #expect(demo.excludedCount == 2)
        #expect(!scores.graph.isInScope(RequirementKey("demo", "D1.1")))
        #expect(scores.graph.gaps["demo"] == nil)
    }

    @Test func anExcludedInnerNodeIsListedForItsSubtreeAndItsChildren() {
        let scores = Correction.scores(
            F.workspace(frameworks: [Correction.demo], exclusions: [Correction.exclusion("D1")]))
        #expect(
            scores.exclusions(under: .framework("demo")).map(\.requirement.key)
                == [RequirementKey("demo", "D1")])
        #expect(
            scores.exclusions(under: .requirement(RequirementKey("demo", "D1.2")))
                .map(\.requirement.key) == [RequirementKey("demo", "D1")])
        #expect(scores.score(of: .requirement(RequirementKey("demo", "D1"))).leafCount == 0)
    }
}

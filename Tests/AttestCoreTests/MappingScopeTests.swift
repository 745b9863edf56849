import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Only an in-scope requirement lends its score through a mapping.
@Suite struct MappingScopeTests {
    typealias F = GraphFactory

    @Test func anExcludedRequirementDoesNotLendItsScore() {
        let other = F.framework("other", [F.requirement("O1")])
        var workspace = F.workspace(
            frameworks: [Correction.demo, other],
            controls: [F.control("C", satisfies: ["demo/D1.1"], evidence: ["e"])],
            mappings: [F.mapping("other/O1", .equivalent, "demo/D1.1")],
            exclusions: [Correction.exclusion("D1.1")])
        var scores = Correction.scores(workspace, ["e": .pass])
        #expect(scores.leaves[RequirementKey("other", "O1")]?.basis == .gap)
        #expect(scores.graph.gaps["other"] == [RequirementKey("other", "O1")])
        workspace.manifest.exclusions = []
        scores = Correction.scores(workspace, ["e": .pass])
        #expect(scores.leaves[RequirementKey("other", "O1")]?.score == 1)
    }

    @Test func aRequirementOfAFrameworkOutOfScopeDoesNotLendItsScore() {
        let other = F.framework("other", [F.requirement("O1")])
        let workspace = F.workspace(
            frameworks: [Correction.demo, other],
            controls: [F.control("C", satisfies: ["demo/D1.1"], evidence: ["e"])],
            mappings: [F.mapping("other/O1", .equivalent, "demo/D1.1")],
            selections: [FrameworkSelection(id: "other", tags: nil, position: F.position(1))])
        let scores = Correction.scores(workspace, ["e": .pass])
        #expect(scores.leaves[RequirementKey("other", "O1")]?.basis == .gap)
    }
}

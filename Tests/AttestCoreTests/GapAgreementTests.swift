import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// validate and scoring list the same gaps: one function decides a leaf's basis.
@Suite struct GapAgreementTests {
    typealias F = GraphFactory

    @Test func aRequirementWhoseOnlyControlsAreNotApplicableIsAGapForValidateToo() {
        let workspace = F.workspace(
            frameworks: [Correction.demo],
            controls: [
                F.control("C", satisfies: ["demo/D1.1"], evidence: ["e"], notApplicable: "No."),
                F.control(
                    "D", satisfies: ["demo/D1.2", "demo/D2.1", "demo/D2.2"], evidence: ["f"]),
            ])
        let scores = Correction.scores(workspace, ["e": .pass, "f": .pass])
        #expect(scores.leaves[RequirementKey("demo", "D1.1")]?.basis == .gap)
        #expect(scores.graph.gaps["demo"] == [RequirementKey("demo", "D1.1")])
    }

    @Test func gapsOfValidateAndScoringAgreeOnEveryRequirement() {
        let other = F.framework("other", [F.requirement("O1"), F.requirement("O2")])
        let workspace = F.workspace(
            frameworks: [Correction.demo, other],
            controls: [
                F.control("NA", satisfies: ["other/O1"], evidence: ["e"], notApplicable: "No."),
                F.control("C", satisfies: ["other/O2"], evidence: ["f"]),
            ],
            mappings: [
                F.mapping("demo/D1.1", .equivalent, "other/O1"),
                F.mapping("demo/D1.2", .subsetOf, "other/O2"),
            ])
        let scores = Correction.scores(workspace, ["e": .pass, "f": .pass])
        let scored = Set(scores.leaves.values.filter { $0.basis == .gap }.map(\.key))
        let validated = Set(scores.graph.gaps.values.joined())
        #expect(scored == validated)
        #expect(scored.contains(RequirementKey("demo", "D1.1")))
    }
}

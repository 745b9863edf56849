import AttestCore
import AttestTestSupport
import Testing

@Suite struct ControlGraphTests {
    typealias F = GraphFactory

    static let demo = F.framework(
        "demo",
        [
            F.requirement(
                "D1", [F.requirement("D1.1"), F.requirement("D1.2"), F.requirement("D1.3")]),
            F.requirement("D2", [F.requirement("D2.1", tags: ["privacy"])]),
        ])
    static let other = F.framework("other", [F.requirement("O1"), F.requirement("O2")])

    @Test func indexesParentsChildrenDepthAndCatalogOrder() {
        let graph = ControlGraph(workspace: F.workspace(frameworks: [Self.demo]))
        #expect(
            graph.catalogOrder["demo"]?.map(\.requirement) == [
                "D1", "D1.1", "D1.2", "D1.3", "D2", "D2.1",
            ])
        #expect(graph[RequirementKey("demo", "D1.2")]?.parent == RequirementKey("demo", "D1"))
        #expect(graph[RequirementKey("demo", "D1")]?.children.count == 3)
        #expect(graph[RequirementKey("demo", "D2.1")]?.depth == 1)
        #expect(graph[RequirementKey("demo", "D1")]?.requirement.isAssessable == false)
        #expect(graph.assessableLeaves(under: RequirementKey("demo", "D1")).count == 3)
        #expect(graph.diagnostics.isEmpty)
    }

    @Test func indexesControlsByRequirementSortedAndOnce() {
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [Self.demo],
                controls: [
                    F.control("C-2", satisfies: ["demo/D1.1", "demo/D1.1"], evidence: ["e2"]),
                    F.control("C-1", satisfies: ["demo/D1.1", "demo/D2.1"], evidence: ["e1"]),
                ]))
        #expect(graph.controlsByRequirement[RequirementKey("demo", "D1.1")] == ["C-1", "C-2"])
        #expect(graph.controlIDs == ["C-1", "C-2"])
        #expect(graph.evidence["e2"]?.control == "C-2")
    }

    @Test func indexesMappingsFromBothEndsWithTheInverseRelation() {
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [Self.demo, Self.other],
                mappings: [F.mapping("other/O1", .subsetOf, "demo/D1.1")]))
        let fromOther = graph.mappingsByRequirement[RequirementKey("other", "O1")]
        let fromDemo = graph.mappingsByRequirement[RequirementKey("demo", "D1.1")]
        #expect(fromOther?.map(\.relation) == [.subsetOf])
        #expect(fromDemo?.map(\.relation) == [.supersetOf])
        #expect(fromDemo?.first?.other == RequirementKey("other", "O1"))
    }

    @Test func duplicateControlIsReportedWithANoteAtTheFirstDefinition() {
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [Self.demo],
                controls: [
                    F.control("C-1", satisfies: [], evidence: ["a"], line: 3),
                    F.control("C-1", satisfies: [], evidence: ["b"], line: 9),
                ]))
        let duplicate = graph.diagnostics.first { $0.code == .graphDuplicateControl }
        #expect(duplicate?.position?.line == 9)
        #expect(duplicate?.notes.first?.position?.line == 3)
    }

    @Test func unknownRequirementSuggestsACloseId() {
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [Self.demo],
                controls: [F.control("C-1", satisfies: ["demo/d1.1"], evidence: ["e"])]))
        let finding = graph.diagnostics.first { $0.code == .graphUnknownRequirement }
        #expect(finding?.notes.first?.message.contains("D1.1") == true)
    }

    @Test func gapsAreInScopeAssessableLeavesWithoutControlsOrInheritance() {
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [Self.demo, Self.other],
                controls: [
                    F.control("C-1", satisfies: ["demo/D1.1", "other/O1"], evidence: ["e"])
                ],
                // D1.2 ⊆ O1 (covered by C-1), so it inherits; O2 ⊇ D1.3 does not cover D1.3.
                mappings: [
                    F.mapping("demo/D1.2", .subsetOf, "other/O1"),
                    F.mapping("other/O2", .subsetOf, "demo/D1.3"),
                ],
                exclusions: [
                    Exclusion(
                        requirement: RequirementReference(
                            RequirementKey("demo", "D2.1"), at: F.position(1)),
                        justification: "No personal data.", position: F.position(1))
                ]))
        #expect(graph.gaps["demo"] == [RequirementKey("demo", "D1.3")])
        #expect(graph.gaps["other"] == [RequirementKey("other", "O2")])
        #expect(
            graph.inheritanceSources(of: RequirementKey("demo", "D1.2")) == [
                RequirementKey("other", "O1")
            ])
        #expect(graph.inheritanceSources(of: RequirementKey("demo", "D1.3")).isEmpty)
    }

    @Test func tagSelectionNarrowsTheScope() {
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [Self.demo],
                selections: [
                    FrameworkSelection(id: "demo", tags: ["privacy"], position: F.position(1))
                ]))
        #expect(graph.isInScope(RequirementKey("demo", "D2.1")))
        #expect(!graph.isInScope(RequirementKey("demo", "D1.1")))
        #expect(!graph.isInScope(RequirementKey("demo", "D1")))
        #expect(graph.gaps["demo"] == [RequirementKey("demo", "D2.1")])
    }

    @Test func verboseGapDiagnosticsListEachRequirementElseOneCountPerFramework() {
        let graph = ControlGraph(workspace: F.workspace(frameworks: [Self.demo]))
        #expect(graph.gapDiagnostics(verbose: true).count == 4)
        let summary = graph.gapDiagnostics(verbose: false)
        #expect(summary.map(\.code) == [.graphGaps])
        #expect(summary.first?.severity == .warning)
    }
}

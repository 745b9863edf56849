import AttestCatalog
import AttestCore
import AttestTestSupport
import Testing

/// `graph.hidden-majority`: a published requirement whose score mostly rests on controls its
/// reader cannot see.
@Suite struct HiddenShareChecksTests {
    typealias F = GraphFactory

    static func graph(
        _ controls: [(ControlID, Visibility)], aggregate: Aggregate? = nil,
        program: Program.Status? = .inProgress, programVisibility: Visibility = .public
    ) -> ControlGraph {
        var framework = F.framework("demo", [F.requirement("R"), F.requirement("S")])
        framework.aggregate = aggregate
        var workspace = F.workspace(
            frameworks: [framework],
            controls: controls.enumerated().map { index, item in
                F.control(
                    item.0, satisfies: ["demo/R"], evidence: [EvidenceID("e\(index)")],
                    visibility: item.1, line: index + 10)
            })
        if let program {
            workspace.manifest.programs = [
                Program(
                    id: "demo", title: "Demo", framework: "demo", status: program,
                    visibility: programVisibility, position: F.position(1))
            ]
        }
        return ControlGraph(workspace: workspace)
    }

    static func verbose(_ graph: ControlGraph) -> [Diagnostic] {
        HiddenShareChecks.diagnostics(graph, verbose: true)
    }

    @Test func withoutVerboseOneCountIsGivenPerFrameworkAtItsCatalog() throws {
        let findings = HiddenShareChecks.diagnostics(
            Self.graph([("H1", .internal), ("H2", .nda), ("P", .public)]), verbose: false)
        #expect(findings.map(\.code) == [.graphHiddenMajorities])
        #expect(findings.first?.position?.file == "demo.yaml")
    }

    @Test func twoHiddenControlsOfThreeAreWarnedAtTheFirstHiddenOne() throws {
        let findings = Self.verbose(
            Self.graph([("H1", .internal), ("H2", .nda), ("P", .public)]))
        let finding = try #require(findings.first)
        #expect(findings.map(\.code) == [.graphHiddenMajority])
        #expect(finding.severity == .warning)
        #expect(finding.position?.line == 10)
        #expect(finding.message.contains("66.7"))
    }

    @Test func oneHiddenControlOfThreeIsNotWarned() {
        let findings = Self.verbose(
            Self.graph([("H", .internal), ("P1", .public), ("P2", .public)]))
        #expect(findings.isEmpty)
    }

    @Test func exactlyHalfIsNotWarned() {
        let findings = Self.verbose(
            Self.graph([("H", .internal), ("P", .public)]))
        #expect(findings.isEmpty)
    }

    @Test func underMinOneHiddenControlCarriesTheWholeRequirement() {
        let findings = Self.verbose(
            Self.graph([("H", .internal), ("P1", .public), ("P2", .public)], aggregate: .min))
        #expect(findings.map(\.code) == [.graphHiddenMajority])
        #expect(findings.first?.message.contains("100") == true)
    }

    @Test(arguments: [
        (Program.Status?.none, Visibility.public),
        (Program.Status?.some(.planned), Visibility.public),
        (Program.Status?.some(.inProgress), Visibility.nda),
    ])
    func aFrameworkTheSiteDoesNotPublishIsNotChecked(
        _ status: Program.Status?, _ visibility: Visibility
    ) {
        let findings = Self.verbose(
            Self.graph(
                [("H1", .internal), ("H2", .internal)], program: status,
                programVisibility: visibility))
        #expect(findings.isEmpty)
    }
}

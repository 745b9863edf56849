import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// Commands run in process, with a captured console, as swift-argument-parser's own tests do.
@Suite struct ValidateCommandTests: InProcessCommands {

    @Test func aValidWorkspaceExitsZero() async {
        let result = await run([
            "validate", "--workspace", Fixtures.workspace("valid/minimal").path,
        ])
        #expect(result.status == 0)
        #expect(result.err.contains("0 errors, 0 warnings"))
    }

    @Test func findingsExitOneAndReadLikeACompiler() async {
        let folder = Fixtures.workspace("invalid/unknown-requirement").path
        let result = await run(["validate", "--workspace", folder])
        #expect(result.status == 1)
        let lines = result.err.split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        guard
            let header = lines.firstIndex(where: {
                $0.hasPrefix("controls/library/controls.yaml:5:31: error: ")
            })
        else {
            Issue.record("no diagnostic at 5:31 in:\n\(result.err)")
            return
        }
        #expect(lines[header].hasSuffix("[graph.unknown-requirement]"))
        #expect(lines[header + 1] == "        satisfies: { demo: [D1.1, D1.9] }")
        #expect(lines[header + 2] == "                                  ^")
    }

    /// The store warning shows the URL redacted, and the source line quoted under it used to
    /// carry the raw password: every quoted line is redacted like a collector's message.
    @Test func aPasswordInTheStoreURLIsShownNowhere() async throws {
        let workspace = try TemporaryWorkspace()
        let fixture = Fixtures.workspace("valid/minimal")
        try FileManager.default.copyItem(
            at: fixture.appendingPathComponent("controls"),
            to: workspace.root.appendingPathComponent("controls"))
        let manifest = try String(
            contentsOf: fixture.appendingPathComponent("attest.yaml"), encoding: .utf8)
        _ = try workspace.write(
            "attest.yaml",
            manifest + "store: postgres://attest:Tr0ub4dor-s3cret@db.internal:5432/attest\n")
        for format in [[], ["--format", "json"]] {
            let result = await run(["validate", "--workspace", workspace.root.path] + format)
            #expect(result.status == 0)
            let output = result.out + result.err
            #expect(output.contains("carries its password"))
            #expect(!output.contains("Tr0ub4dor"), "the password is shown:\n\(output)")
        }
    }

    @Test func jsonOutputCarriesTheSameFields() async throws {
        let folder = Fixtures.workspace("invalid/duplicate-control-id").path
        let result = await run(["validate", "--workspace", folder, "--format", "json"])
        #expect(result.status == 1)
        struct Report: Decodable {
            struct Position: Decodable { var file: String; var line: Int; var column: Int }
            struct Note: Decodable { var message: String; var position: Position? }
            struct Entry: Decodable {
                var severity: String; var code: String; var message: String
                var position: Position?; var notes: [Note]
            }
            var diagnostics: [Entry]; var errors: Int; var warnings: Int
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(result.out.utf8))
        #expect(report.errors == 1)
        let entry = try #require(report.diagnostics.first)
        #expect(entry.code == "graph.duplicate-control")
        #expect(entry.severity == "error")
        #expect(entry.position?.line == 10)
        #expect(entry.position?.column == 5)
        #expect(entry.notes.first?.position?.line == 3)
    }

    @Test func verboseListsEachGap() async {
        let folder = Fixtures.workspace("invalid/gap").path
        let summary = await run(["validate", "--workspace", folder])
        #expect(summary.status == 0)
        #expect(summary.err.contains("[graph.gaps]"))
        let verbose = await run(["validate", "--workspace", folder, "--verbose"])
        #expect(verbose.err.contains("'demo/D1.2' has no control [graph.gap]"))
    }

    @Test func aFolderWithoutAManifestExitsTwo() async {
        let result = await run(["validate", "--workspace", Fixtures.root.path])
        #expect(result.status == 2)
        #expect(result.err.contains("workspace.manifest-missing"))
    }

    @Test(arguments: [
        ["validate", "--format", "xml"], ["frobnicate"], ["validate", "--no-such-flag"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) async {
        let result = await run(arguments)
        #expect(result.status == 2)
        #expect(!result.err.isEmpty)
    }

    @Test func helpExitsZeroOnStandardOutput() async {
        let result = await run(["--help"])
        #expect(result.status == 0)
        #expect(result.out.contains("validate"))
    }
}

@Suite struct CatalogCommandTests {
    func run(_ arguments: [String]) async -> (status: Int32, out: String, err: String) {
        let capture = CapturedConsole()
        let status = await AttestMain.run(arguments, console: capture.console)
        return (status, capture.standardOutput, capture.standardError)
    }

    @Test func showAsJSONListsRequirementsInCatalogOrderWithTheirFields() async throws {
        let result = await run([
            "catalog", "show", "soc2", "--format", "json", "--workspace", Fixtures.root.path,
        ])
        #expect(result.status == 0)
        struct Row: Decodable {
            var id: String; var title: String; var parent: String?; var depth: Int
            var assessable: Bool; var tags: [String]
        }
        let rows = try JSONDecoder().decode([Row].self, from: Data(result.out.utf8))
        #expect(rows.first?.id == "CC1")
        #expect(rows.first?.parent == nil)
        let cc61 = try #require(rows.first { $0.id == "CC6.1" })
        #expect(cc61.parent == "CC6")
        #expect(cc61.depth == 1)
        #expect(cc61.assessable)
        #expect(cc61.tags.contains("security"))
        #expect(rows.filter(\.assessable).count == 61)
    }

    @Test func showInFrenchUsesTheFrenchTitles() async {
        let result = await run([
            "catalog", "show", "gdpr", "--locale", "fr", "--workspace", Fixtures.root.path,
        ])
        #expect(result.status == 0)
        #expect(result.out.contains("Sécurité du traitement"))
    }

    @Test func listShowsEveryFrameworkWithCounts() async throws {
        let result = await run([
            "catalog", "list", "--format", "json", "--workspace", Fixtures.root.path,
        ])
        struct Row: Decodable {
            var id: String; var requirements: Int; var assessable: Int; var mapped: Int
        }
        let rows = try JSONDecoder().decode([Row].self, from: Data(result.out.utf8))
        #expect(rows.map(\.id) == ["eu-ai-act", "gdpr", "hipaa", "iso27001", "soc2"])
        #expect(rows.first { $0.id == "soc2" }?.assessable == 61)
        #expect(rows.allSatisfy { $0.mapped > 0 })
    }

    @Test func anUnknownFrameworkIsAUsageError() async {
        let result = await run([
            "catalog", "show", "nist-800-53", "--workspace", Fixtures.root.path,
        ])
        #expect(result.status == 2)
        #expect(result.err.contains("unknown framework"))
    }
}

import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// `attest import oscal` run in process: NIST's catalog and MODERATE profile converted into
/// Attest YAML that loads as the framework an `oscal:` item gives, and what it refuses.
@Suite struct ImportCommandTests: InProcessCommands {
    static let profileUUID = "#84cbf061-eb87-4ec1-8112-1f529232e907"
    let workspace: TemporaryWorkspace

    init() throws {
        workspace = try TemporaryWorkspace()
        for (path, fixture) in [
            "oscal/catalog.json": "sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.json",
            "oscal/moderate.xml":
                "sp800-53-rev5-5.1.1/NIST_SP-800-53_rev5_MODERATE-baseline_profile.xml",
        ] {
            try workspace.write(
                path,
                try Data(contentsOf: Fixtures.root.appendingPathComponent("oscal/" + fixture)))
        }
    }

    func importOSCAL(_ extra: [String]) async -> (status: Int32, out: String, err: String) {
        await run(["import", "oscal", "--workspace", workspace.root.path] + extra)
    }

    /// Loads the workspace with `frameworks` as attest.yaml's list.
    func load(frameworks: String) throws -> LoadedWorkspace {
        try workspace.write(
            "attest.yaml", "schema: 1\norganisation: { name: X }\nframeworks:\n\(frameworks)\n")
        return try WorkspaceLoader(builtinCatalogs: nil).load(at: workspace.root)
    }

    @Test func nistsCatalogBecomesYAMLThatLoadsAsTheFrameworkTheOSCALItemGives() async throws {
        let out = workspace.root.appendingPathComponent("controls/frameworks/nist.yaml")
        let result = await importOSCAL([
            "oscal/catalog.json", "--id", "nist", "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("nist: 1209 requirements"))
        let loaded = try load(frameworks: "  - nist\n  - { oscal: oscal/catalog.json, id: direct }")
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty)
        let yaml = try #require(loaded.workspace.frameworks.first { $0.id == "nist" })
        let direct = try #require(loaded.workspace.frameworks.first { $0.id == "direct" })
        #expect(yaml.position.file == "controls/frameworks/nist.yaml")
        #expect(
            FrameworkShape.lines(yaml, summaries: true)
                == FrameworkShape.lines(direct, summaries: true))
        #expect(yaml.metadata == direct.metadata)
        #expect(yaml.name == direct.name)
        #expect(yaml.issuer == direct.issuer)
    }

    @Test func anXMLProfileIsResolvedThroughACatalogMapping() async throws {
        let out = workspace.root.appendingPathComponent("moderate.yaml")
        let result = await importOSCAL([
            "oscal/moderate.xml", "--id", "moderate", "--catalog",
            "\(Self.profileUUID)=oscal/catalog.json", "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.err)")
        // 18 families, 287 controls and enhancements.
        #expect(result.out.contains("moderate: 305 requirements"))
        let text = try workspace.text("moderate.yaml")
        #expect(text.hasPrefix("# Written by `attest import oscal` from oscal/moderate.xml"))
        #expect(text.contains("\"AC-2(1)\""))
    }

    @Test func aProfileWhoseImportLeadsNowhereFailsWithTheHintAndWritesNothing() async throws {
        let out = workspace.root.appendingPathComponent("moderate.yaml")
        let result = await importOSCAL([
            "oscal/moderate.xml", "--id", "moderate", "--out", out.path,
        ])
        #expect(result.status == 1)
        #expect(result.err.contains("oscal.unresolvable-import"))
        #expect(result.err.contains("oscal/moderate.xml:"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aFileOutsideTheWorkspaceIsNotRead() async throws {
        let outside = try TemporaryWorkspace()
        try outside.write("catalog.json", "{\"catalog\": {}}")
        let out = workspace.root.appendingPathComponent("x.yaml")
        let result = await importOSCAL([
            "../\(outside.root.lastPathComponent)/catalog.json", "--id", "x", "--out", out.path,
        ])
        #expect(result.status == 1)
        #expect(result.err.contains("workspace."))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aFileImportDidNotWriteIsNeverReplacedButAnEarlierImportIs() async throws {
        let mine = try workspace.write("mine.yaml", "schema: 1\n# my notes\n")
        let refused = await importOSCAL([
            "oscal/catalog.json", "--id", "nist", "--out", mine.path,
        ])
        #expect(refused.status == 2)
        #expect(refused.err.contains("was not written by `attest import oscal`"))
        #expect(try workspace.text("mine.yaml") == "schema: 1\n# my notes\n")

        let out = workspace.root.appendingPathComponent("nist.yaml")
        #expect(
            await importOSCAL(["oscal/catalog.json", "--id", "nist", "--out", out.path]).status == 0
        )
        let again = await importOSCAL(["oscal/catalog.json", "--id", "nist2", "--out", out.path])
        #expect(again.status == 0, "\(again.err)")
        #expect(try workspace.text("nist.yaml").contains("id: \"nist2\""))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path)
            .filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func aMalformedCatalogMappingIsAUsageError() async {
        let result = await importOSCAL([
            "oscal/catalog.json", "--id", "nist", "--catalog", "no-equals", "--out", "x.yaml",
        ])
        #expect(result.status == 2)
        #expect(result.err.contains("HREF=PATH"))
    }
}

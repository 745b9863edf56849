import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

@Suite struct WorkspaceLoaderTests {
    /// A scratch workspace folder, removed by the caller.
    func scratch(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-loader-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func aMissingManifestOrFolderIsAnOperationalError() throws {
        let empty = try scratch(["README.md": "nothing"])
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: WorkspaceError(code: .manifestMissing, path: empty.path)) {
            try WorkspaceLoader().load(at: empty)
        }
        let nowhere = empty.appendingPathComponent("nowhere")
        #expect(throws: WorkspaceError(code: .notADirectory, path: nowhere.path)) {
            try WorkspaceLoader().load(at: nowhere)
        }
    }

    @Test func aWorkspaceCatalogReplacesTheBundledOneWithTheSamePath() throws {
        let root = try scratch([
            "attest.yaml": "schema: 1\norganisation: { name: X }\nframeworks: [soc2]\n",
            "controls/frameworks/soc2.yaml": """
            schema: 1
            framework: { id: soc2, name: Our SOC 2 subset, kind: attestation, issuer: Us }
            requirements:
              - { id: CC6.1, title: Logical access }
            """,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try WorkspaceLoader().load(at: root)
        let soc2 = loaded.workspace.frameworks.filter { $0.id == "soc2" }
        #expect(soc2.count == 1)
        #expect(soc2.first?.name.english == "Our SOC 2 subset")
        #expect(loaded.sources["controls/frameworks/soc2.yaml"] != nil)
        #expect(loaded.sources["builtin:controls/frameworks/iso27001.yaml"] != nil)
        // The bundled iso27001→soc2 mapping now names criteria this subset lacks.
        let graph = ControlGraph(workspace: loaded.workspace)
        #expect(graph.diagnostics.contains { $0.code == .graphUnknownMappingEnd })
    }

    @Test func doubleStarIncludesReachNestedFoldersButNotHiddenOnes() throws {
        let control =
            "schema: 1\ncontrols:\n  - { id: %@, title: T, evidence: [{ id: e-%@, collector: file, path: x }] }\n"
        let root = try scratch([
            "attest.yaml":
                "schema: 1\norganisation: { name: X }\nframeworks: []\ninclude: ['controls/**/*.yaml']\n",
            "controls/a.yaml": String(format: control, "A", "A"),
            "controls/deep/er/b.yaml": String(format: control, "B", "B"),
            "controls/.hidden/c.yaml": String(format: control, "C", "C"),
            "controls/notes.txt": "not yaml",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try WorkspaceLoader(builtinCatalogs: nil).load(at: root)
        #expect(loaded.workspace.controls.map(\.id).sorted() == ["A", "B"])
        #expect(loaded.diagnostics.isEmpty)
    }

    /// A typo in an include's folder used to leave a workspace of zero controls that validated.
    @Test func anIncludeThatMatchesNoFileIsAnErrorAtThePattern() throws {
        let root = try scratch([
            "attest.yaml": "schema: 1\norganisation: { name: X }\ninclude: [missing/*.yaml]\n"
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try WorkspaceLoader(builtinCatalogs: nil).load(at: root)
        #expect(loaded.diagnostics.map(\.code) == [.workspaceIncludeNoMatch])
        #expect(loaded.diagnostics.first?.severity == .error)
        #expect(loaded.diagnostics.first?.position?.description == "attest.yaml:3:11")
        #expect(loaded.diagnostics.first?.hint != nil)
    }

    @Test func aSymlinkLeavingTheWorkspaceIsRefused() throws {
        let outside = try scratch(["secret.yaml": "schema: 1\ncontrols: []\n"])
        let root = try scratch([
            "attest.yaml": "schema: 1\norganisation: { name: X }\ninclude: [lib/*.yaml]\n"
        ])
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("lib/link.yaml"),
            withDestinationURL: outside.appendingPathComponent("secret.yaml"))
        let loaded = try WorkspaceLoader(builtinCatalogs: nil).load(at: root)
        #expect(loaded.diagnostics.map(\.code) == [.workspaceUnsafePath])
    }

    @Test func theDemoWorkspaceAtTheRepositoryRootHasNoError() throws {
        let validation = try WorkspaceLoader().validate(at: Fixtures.packageRoot)
        let errors = validation.diagnostics(verbose: false).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        #expect(validation.graph.controls.count >= 4)
    }
}

import AttestCLI
import AttestCatalog
import AttestCore
import AttestStore
import Foundation
import Testing
import WorkspaceGenerator

/// The `pipeline` workspace: specs of the file-reading collectors and the files they read.
@Suite struct PipelineWorkspaceTests {
    /// A small pipeline workspace: 60 controls × 10 specs over 3 frameworks.
    static let configuration = GeneratorConfiguration(
        frameworks: 3, requirementsPerFramework: 50, controls: 60, controlFiles: 3,
        evidencePerControl: 10, mappingFiles: 2, relationsPerMapping: 20, evidenceFiles: true)

    @Test func theSameSeedWritesIdenticalEvidenceFiles() throws {
        let first = try WorkspaceGenerator(Self.configuration).writeTemporary()
        let second = try WorkspaceGenerator(Self.configuration).writeTemporary()
        defer {
            try? first.remove()
            try? second.remove()
        }
        #expect(!first.evidenceFiles.isEmpty)
        #expect(first.evidenceFiles == second.evidenceFiles)
        #expect(first.evidenceBytes == second.evidenceBytes)
        for path in first.evidenceFiles + ["attest.yaml", "keys/signers/amartin.pub"] {
            let a = try Data(contentsOf: first.root.appendingPathComponent(path))
            let b = try Data(contentsOf: second.root.appendingPathComponent(path))
            #expect(a == b, "\(path) differs")
        }
        // A workspace read back from disk lists the same evidence files.
        let existing = GeneratedWorkspace(existingAt: first.root)
        #expect(existing.evidenceFiles == first.evidenceFiles)
        #expect(existing.evidenceBytes == first.evidenceBytes)
        #expect(existing.files == first.files)
    }

    @Test func everyPathASpecNamesExistsAndOnlyFileCollectorsAreUsed() throws {
        let workspace = try WorkspaceGenerator(Self.configuration).writeTemporary()
        defer { try? workspace.remove() }
        let graph = try WorkspaceLoader(builtinCatalogs: nil).validate(at: workspace.root).graph
        #expect(graph.evidence.count == 600)
        var kinds: Set<String> = []
        var paths: Set<String> = []
        for spec in graph.evidence.values {
            kinds.insert(spec.collector.rawValue)
            let path = try #require(spec.options["path"]?.scalar, "\(spec.id) names no path")
            paths.insert(path)
            #expect(
                FileManager.default.fileExists(
                    atPath: workspace.root.appendingPathComponent(path).path), "\(path)")
        }
        #expect(kinds == ["file", "json", "yaml", "junit", "sarif", "attestation"])
        // JUnit reports and SARIF logs are shared by the specs of a control: fewer files.
        #expect(paths.count < graph.evidence.count)
        #expect(Set(workspace.evidenceFiles).isSuperset(of: paths))
    }

    @Test func validateReportsNoErrorOnAPipelineWorkspace() async throws {
        let workspace = try WorkspaceGenerator(Self.configuration).writeTemporary()
        defer { try? workspace.remove() }
        let capture = CapturedConsole()
        let status = await AttestMain.run(
            [
                "validate", "--workspace", workspace.root.path, "--format", "json", "--now",
                "2026-06-01T00:00:00Z",
            ], console: capture.console)
        #expect(status == 0, "\(capture.standardOutput.prefix(2_000))")
        struct Report: Decodable { var errors: Int }
        let report = try JSONDecoder().decode(
            Report.self, from: Data(capture.standardOutput.utf8))
        #expect(report.errors == 0)
    }

    /// The files are readable by their collectors: a build at the reference day collects
    /// passes, failures and stale results, and no errors or missing files.
    @Test func aBuildCollectsPassesFailuresAndStaleResultsButNoErrors() async throws {
        let workspace = try WorkspaceGenerator(Self.configuration).writeTemporary()
        defer { try? workspace.remove() }
        let store = workspace.root.appendingPathComponent("bench.sqlite").path
        let capture = CapturedConsole()
        let status = await AttestMain.run(
            [
                "build", "--workspace", workspace.root.path, "--out",
                workspace.root.appendingPathComponent("out").path, "--store", store,
                "--build-time", "2026-06-01T00:00:00Z", "--quiet",
            ], console: capture.console)
        #expect(status == 0, "\(capture.standardError.prefix(2_000))")
        let stored = try SQLiteStore(path: store, access: .readOnly)
        let run = try #require(try stored.runs(limit: 1).first)
        let results = try stored.results(run: run.id)
        #expect(results.count == 600)
        var counts: [String: Int] = [:]
        for result in results {
            counts[result.status.name, default: 0] += 1
            #expect(
                result.status != .error && result.status != .missing,
                "\(result.evidence): \(result.message)")
            #expect(result.dateSource == .source, "\(result.evidence) is not dated by its content")
        }
        #expect(counts["pass", default: 0] > results.count / 2, "\(counts)")
        #expect(counts["fail", default: 0] > 0, "\(counts)")
        #expect(counts["stale", default: 0] > 0, "\(counts)")
    }
}

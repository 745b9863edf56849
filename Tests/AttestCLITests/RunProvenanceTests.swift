import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// `attest collect` in a git repository dates committed files by git and records the revision.
@Suite struct RunProvenanceTests: InProcessCommands {
    /// The canary workspace committed in a new repository, with an undated JSON snapshot.
    static func repository() throws -> GitRepository {
        let repository = try GitRepository()
        let workspace = repository.root.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.workspace("canary"), to: workspace)
        let controls = workspace.appendingPathComponent("controls/library/controls.yaml")
        let line = "      - { id: pub-policy, collector: file, path: evidence/policy.md }\n"
        let text = try String(contentsOf: controls, encoding: .utf8)
        try Data(
            text.replacingOccurrences(
                of: line,
                with: line
                    + "      - { id: pub-state, collector: json, path: evidence/state.json }\n"
            ).utf8
        ).write(to: controls)
        try repository.workspace.write("ws/evidence/state.json", #"{"mfa": true}"#)
        try repository.commitAll("workspace", date: "2026-11-20T10:00:00Z")
        return repository
    }

    @Test(.enabled(if: LocalService.available("git")))
    func collectDatesCommittedFilesByGitAndRecordsTheRevision() async throws {
        let repository = try Self.repository()
        let store = repository.root.appendingPathComponent("s.sqlite").path
        let result = await run([
            "collect", "--workspace", repository.root.appendingPathComponent("ws").path,
            "--store", store, "--quiet",
        ])
        #expect(result.status == 0 || result.status == 1, "\(result.err)")
        let reader = try SQLiteStore(path: store, access: .readOnly)
        let run = try #require(try reader.runs(limit: 1).first)
        let head = try repository.git("rev-parse", "HEAD").trimmingCharacters(in: .newlines)
        // The store itself is outside the workspace folder, so the workspace is clean.
        #expect(run.revision == head)
        let results = try reader.results(run: run.id)
        let state = try #require(results.first { $0.evidence == "pub-state" })
        #expect(state.dateSource == .git)
        #expect(
            state.observedAt
                == Date(timeIntervalSince1970: 1_795_168_800))  // 2026-11-20T10:00:00Z
        #expect(results.first { $0.evidence == "pub-policy" }?.dateSource == .source)
        #expect(!result.err.contains("no date"))
    }

    @Test(.enabled(if: LocalService.available("git")))
    func anUncommittedSnapshotIsUndatedAndListedAsAWarning() async throws {
        let repository = try Self.repository()
        try repository.workspace.write("ws/evidence/state.json", #"{"mfa": true, "v": 2}"#)
        let store = repository.root.appendingPathComponent("s.sqlite").path
        let result = await run([
            "collect", "--workspace", repository.root.appendingPathComponent("ws").path,
            "--store", store, "--quiet",
        ])
        #expect(result.err.contains("warning: 1 evidence item has no date"))
        #expect(result.err.contains("pub-state"))
        let reader = try SQLiteStore(path: store, access: .readOnly)
        let run = try #require(try reader.runs(limit: 1).first)
        #expect(run.revision?.hasSuffix("-dirty") == true)
        let state = try #require(
            try reader.results(run: run.id).first { $0.evidence == "pub-state" })
        #expect(state.dateSource == .assumed)
    }

    @Test(.enabled(if: LocalService.available("git")))
    func aShallowCloneWarnsOnceAndLeavesItsBoundaryFilesUndated() async throws {
        let repository = try Self.repository()
        let clone = try repository.clone(depth: 1)
        let folder = try TemporaryWorkspace()
        let store = folder.root.appendingPathComponent("shallow.sqlite")
        let result = await run([
            "collect", "--workspace", clone.root.appendingPathComponent("ws").path,
            "--store", store.path, "--quiet",
        ])
        let warnings = result.err.components(separatedBy: "shallow git clone").count - 1
        #expect(warnings == 1, "\(result.err)")
        let reader = try SQLiteStore(path: store.path, access: .readOnly)
        let run = try #require(try reader.runs(limit: 1).first)
        let state = try #require(
            try reader.results(run: run.id).first { $0.evidence == "pub-state" })
        #expect(state.dateSource == .assumed)
    }
}

import AttestTestSupport
import Foundation
import Testing

/// `attest collect --record DIR` saves recordings only in a folder of the workspace.
@Suite struct RecordFolderTests: InProcessCommands {
    /// A copy of the canary workspace and a store beside it.
    static func workspace() throws -> (folder: URL, workspace: URL, store: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.workspace("canary"), to: workspace)
        return (folder, workspace, folder.appendingPathComponent("s.sqlite").path)
    }

    @Test(arguments: ["../outside", "/tmp/recordings", ".git/recordings", ".attest/recordings"])
    func aRecordFolderOutsideTheWorkspaceOrInAPrivateFolderIsRefused(
        _ folder: String
    )
        async throws
    {
        let (scratch, workspace, store) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = await run([
            "collect", "--quiet", "--workspace", workspace.path, "--store", store, "--record",
            folder,
        ])
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.contains("--record"), "\(result.err)")
        #expect(
            !FileManager.default.fileExists(atPath: scratch.appendingPathComponent("outside").path))
    }

    @Test func aRecordFolderIsCreatedInsideTheWorkspace() async throws {
        let (scratch, workspace, store) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = await run([
            "collect", "--quiet", "--workspace", workspace.path, "--store", store, "--record",
            "evidence/recorded",
        ])
        #expect(result.status == 0, "\(result.err)")
        var isFolder: ObjCBool = false
        #expect(
            FileManager.default.fileExists(
                atPath: workspace.appendingPathComponent("evidence/recorded").path,
                isDirectory: &isFolder) && isFolder.boolValue)
        // The canary has no live evidence: nothing to record, and it says so.
        #expect(result.err.contains("recorded 0 live observations in evidence/recorded"))
    }

    @Test func httpEvidenceIsRecordedToo() async throws {
        let (scratch, workspace, store) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let server = try LoopbackHTTPServer(routes: [
            "/status": .init(
                status: 200, headers: [("Content-Type", "application/json")],
                body: Data(#"{"ok": true}"#.utf8))
        ])
        defer { server.stop() }
        let controls = workspace.appendingPathComponent("controls/library/controls.yaml")
        let text = try String(contentsOf: controls, encoding: .utf8)
        let policy = "- { id: pub-policy, collector: file, path: evidence/policy.md }"
        #expect(text.contains(policy))
        try text.replacingOccurrences(
            of: policy,
            with: policy + "\n      - { id: status-page, collector: http, url: "
                + "\(server.url("/status")), expect: { ok: true } }"
        ).write(to: controls, atomically: true, encoding: .utf8)
        let result = await run([
            "collect", "--quiet", "--workspace", workspace.path, "--store", store, "--record",
            "evidence/recorded",
        ])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("recorded 1 live observation in evidence/recorded"))
        let recording = try String(
            contentsOf: workspace.appendingPathComponent("evidence/recorded/status-page.json"),
            encoding: .utf8)
        #expect(recording.contains("\"collector\" : \"http\""))
        #expect(recording.contains("\"body_base64\" : \"eyJvayI6IHRydWV9\""))
    }
}

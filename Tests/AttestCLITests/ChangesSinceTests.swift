import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// "Changes since the previous build" as `attest build` publishes it in trust-center.json.
@Suite struct ChangesSinceTests {
    func run(_ arguments: [String]) async -> (status: Int32, out: String, err: String) {
        let capture = CapturedConsole()
        let status = await AttestMain.run(arguments, console: capture.console)
        return (status, capture.standardOutput, capture.standardError)
    }

    /// A copy of the canary workspace whose public control also reads a JSON file dated at
    /// reading time (no `observed_at`), removed by the caller.
    func scratchWorkspace() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-changes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workspace = folder.appendingPathComponent("ws")
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
        try Data(#"{"mfa": true}"#.utf8).write(
            to: workspace.appendingPathComponent("evidence/state.json"))
        return folder
    }

    func build(_ folder: URL, at time: String) async throws -> Changes? {
        let result = await run([
            "build", "--workspace", folder.appendingPathComponent("ws").path,
            "--out", folder.appendingPathComponent("out").path,
            "--store", folder.appendingPathComponent("s.sqlite").path,
            "--build-time", time, "--quiet",
        ])
        #expect(result.status == 0, "\(result.err)")
        struct Site: Decodable { var changes: Changes? }
        return try JSONDecoder().decode(
            Site.self,
            from: Data(contentsOf: folder.appendingPathComponent("out/site/trust-center.json"))
        ).changes
    }

    struct Changes: Decodable {
        var since: String
        var evidenceRenewed: Int
    }

    @Test func evidenceReReadAtALaterBuildTimeIsNotRenewedButAChangedFileIs() async throws {
        let folder = try scratchWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await build(folder, at: "2026-06-01T00:00:00Z")
        let same = try await build(folder, at: "2026-06-02T00:00:00Z")
        #expect(same?.since == "2026-06-01T00:00:00Z")
        #expect(same?.evidenceRenewed == 0)

        try Data(#"{"mfa": true, "exported": 2}"#.utf8).write(
            to: folder.appendingPathComponent("ws/evidence/state.json"))
        let changed = try await build(folder, at: "2026-06-03T00:00:00Z")
        #expect(changed?.evidenceRenewed == 1)
    }
}

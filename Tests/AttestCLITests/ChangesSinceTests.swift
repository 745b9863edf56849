import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// "Changes since the previous build" as `attest build` publishes it in trust-center.json.
@Suite struct ChangesSinceTests: InProcessCommands {

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

    @Test func aLiveObservationAtALaterBuildIsRenewedAnAssumedRereadingIsNot() async throws {
        let folder = try scratchWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let controls = folder.appendingPathComponent("ws/controls/library/controls.yaml")
        let line = "      - { id: pub-state, collector: json, path: evidence/state.json }\n"
        let text = try String(contentsOf: controls, encoding: .utf8)
        try Data(
            text.replacingOccurrences(
                of: line,
                with: line + "      - { id: pub-probe, collector: command, command: 'echo ok' }\n"
            ).utf8
        ).write(to: controls)
        _ = try await build(folder, at: "2026-06-01T00:00:00Z")
        let later = try await build(folder, at: "2026-06-02T00:00:00Z")
        // The probe observed the system again (live); the JSON was only read again (assumed).
        #expect(later?.evidenceRenewed == 1)
    }

    struct StateChanges: Decodable {
        struct Move: Decodable {
            var id: String
            var from: Double
            var to: Double
        }
        struct ControlChange: Decodable {
            var id: String
            var from: String
            var to: String
            var frameworks: [Move]
        }
        var controlsChanged: [ControlChange]
    }

    @Test func theChangesNameEachPublicControlThatChangedStateWithTheFiguresItMoved()
        async throws
    {
        let folder = try scratchWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await build(folder, at: "2026-06-01T00:00:00Z")
        // The public control's policy and the NDA control's file both disappear.
        for file in ["policy.md", "CANARY-NDA-file.md"] {
            try FileManager.default.removeItem(
                at: folder.appendingPathComponent("ws/evidence/\(file)"))
        }
        _ = try await build(folder, at: "2026-06-02T00:00:00Z")
        struct Site: Decodable { var changes: StateChanges? }
        let changes = try #require(
            try JSONDecoder().decode(
                Site.self,
                from: Data(
                    contentsOf: folder.appendingPathComponent("out/site/trust-center.json"))
            ).changes)
        #expect(changes.controlsChanged.map(\.id) == ["PUB-1"])
        let change = try #require(changes.controlsChanged.first)
        #expect(change.from == "passing")
        #expect(change.to == "attention")
        #expect(change.frameworks.map(\.id) == ["demo"])
        #expect(change.frameworks.allSatisfy { $0.to < $0.from })

        // The XML (validated against its schema by the build) and the page say the same.
        let xml = try String(
            contentsOf: folder.appendingPathComponent("out/site/trust-center.xml"),
            encoding: .utf8)
        #expect(xml.contains(#"<controlChange id="PUB-1" from="passing" to="attention">"#))
        #expect(!xml.contains(#"<controlChange id="NDA-1""#))
        let page = try String(
            contentsOf: folder.appendingPathComponent("out/site/en/index.html"), encoding: .utf8)
        let section = try #require(page.range(of: #"<section id="changes""#))
        let end = try #require(
            page.range(of: "</section>", range: section.upperBound..<page.endIndex))
        let changesHTML = page[section.lowerBound..<end.upperBound]
        #expect(changesHTML.contains("PUB-1"))
        #expect(changesHTML.contains("Needs attention"))
        #expect(!changesHTML.contains("NDA-1"))
    }
}

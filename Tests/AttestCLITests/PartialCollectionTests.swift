import AttestCLI
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// `collect --only` collects a part of the evidence: its run is recorded `partial` and never
/// stands for the workspace in `score` (unless named with `--run`), `history` or the trend.
@Suite struct PartialCollectionTests: InProcessCommands {

    struct HistoryEntry: Decodable { var run: Int64 }

    @Test func aCollectionOfSomeControlsIsRecordedPartialAndNeverUsedForScoreHistoryOrTrend()
        async throws
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-partial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.workspace("canary"), to: workspace)
        let common = [
            "--workspace", workspace.path, "--store",
            folder.appendingPathComponent("s.sqlite").path,
        ]

        #expect(await run(["collect", "--quiet"] + common).status == 0)
        let full = await run(["score", "--format", "json"] + common)
        #expect(full.status == 0, "\(full.err)")
        let only = await run(["collect", "--quiet", "--only", "INT-1"] + common)
        #expect(only.status == 0, "\(only.err)")
        #expect(only.out.contains("run 2 (partial)"), "\(only.out)")

        let store = try SQLiteStore(
            path: folder.appendingPathComponent("s.sqlite").path, access: .readOnly)
        #expect(
            try store.runs(limit: nil, states: Set(RunState.allCases)).map(\.state.rawValue) == [
                "partial", "collected",
            ])
        // `score` still reads the full collection; the partial one only when named.
        let after = await run(["score", "--format", "json"] + common)
        #expect(after.out == full.out)
        let named = await run(["score", "--format", "json", "--run", "2"] + common)
        #expect(named.status == 0, "\(named.err)")
        #expect(named.out != full.out)

        let history = await run(["history", "--format", "json"] + common)
        let entries = try JSONDecoder().decode([HistoryEntry].self, from: Data(history.out.utf8))
        #expect(entries.map(\.run) == [1])

        let build = await run(
            ["build", "--quiet", "--no-collect"] + common
                + ["--out", folder.appendingPathComponent("out").path])
        #expect(build.status == 0, "\(build.err)")
        struct Site: Decodable {
            struct Program: Decodable {
                struct Point: Decodable { var date: String }
                var id: String
                var trend: [Point]
            }
            struct Framework: Decodable {
                var id: String
                var percent: Double
            }
            var programs: [Program]
            var frameworks: [Framework]
        }
        struct Row: Decodable {
            var framework: String
            var readiness: Double

            enum CodingKeys: String, CodingKey {
                case framework
                case readiness = "readiness_percent"
            }
        }
        let site = try JSONDecoder().decode(
            Site.self,
            from: Data(
                contentsOf: folder.appendingPathComponent("out/site/trust-center.json")))
        #expect(site.programs.first { $0.id == "public-program" }?.trend.count == 1)
        // `build --no-collect` scores the full collection, not the partial one.
        let rows = try JSONDecoder().decode([Row].self, from: Data(full.out.utf8))
        #expect(
            site.frameworks.map(\.percent)
                == site.frameworks.map { framework in
                    rows.first { $0.framework == framework.id }?.readiness ?? -1
                })
    }
}

import AttestCLI
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// Only a build whose output was written counts as published: a failed render is never the
/// baseline of "changes since the previous build", the trend or the history.
@Suite struct BuildPublicationTests: InProcessCommands {

    /// A copy of the canary workspace in a scratch folder, removed by the caller.
    func scratchWorkspace() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-publication-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Fixtures.workspace("canary"), to: folder.appendingPathComponent("ws"))
        return folder
    }

    func build(_ folder: URL, at time: String) async -> (status: Int32, out: String, err: String) {
        await run([
            "build", "--workspace", folder.appendingPathComponent("ws").path,
            "--out", folder.appendingPathComponent("out").path,
            "--store", folder.appendingPathComponent("s.sqlite").path,
            "--build-time", time, "--quiet",
        ])
    }

    struct HistoryEntry: Decodable {
        var run: Int64
        var kind: String
        var startedAt: String
    }

    @Test func aBuildWhoseRenderFailsIsNotPublishedAndTheNextComparesWithTheLastPublished()
        async throws
    {
        let folder = try scratchWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = await build(folder, at: "2026-06-01T00:00:00Z")
        #expect(first.status == 0, "\(first.err)")

        // A workspace partial that is not valid Mustache: rendering fails after collection.
        let partial = folder.appendingPathComponent("ws/templates/site/partials/changes.mustache")
        try FileManager.default.createDirectory(
            at: partial.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{{#changes}} never closed".utf8).write(to: partial)
        let failed = await build(folder, at: "2026-06-02T00:00:00Z")
        #expect(failed.status == 2, "\(failed.out)\n\(failed.err)")

        let history = await run([
            "history", "--workspace", folder.appendingPathComponent("ws").path,
            "--store", folder.appendingPathComponent("s.sqlite").path, "--format", "json",
        ])
        #expect(history.status == 0, "\(history.err)")
        let entries = try JSONDecoder().decode([HistoryEntry].self, from: Data(history.out.utf8))
        #expect(entries.map(\.startedAt) == ["2026-06-01T00:00:00Z"])

        try FileManager.default.removeItem(at: partial)
        let third = await build(folder, at: "2026-06-03T00:00:00Z")
        #expect(third.status == 0, "\(third.err)")
        struct Site: Decodable {
            struct Changes: Decodable { var since: String }
            var changes: Changes?
        }
        let site = try JSONDecoder().decode(
            Site.self,
            from: Data(
                contentsOf: folder.appendingPathComponent("out/site/trust-center.json")))
        #expect(site.changes?.since == "2026-06-01T00:00:00Z")
    }

    @Test func aBuildThatFailsAfterCollectingIsRecordedFailedAndNeverBecomesTheBaselineOrTheTrend()
        async throws
    {
        let folder = try scratchWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(await build(folder, at: "2026-06-01T00:00:00Z").status == 0)
        let published = try Self.files(under: folder.appendingPathComponent("out"))
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let partial = folder.appendingPathComponent("ws/templates/site/partials/changes.mustache")
        try FileManager.default.createDirectory(
            at: partial.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{{#changes}} never closed".utf8).write(to: partial)
        #expect(await build(folder, at: "2026-06-02T00:00:00Z").status == 2)
        // The site failed while the audit was being written beside it: the published output is
        // untouched, and no staging folder is left beside it.
        #expect(try Self.files(under: folder.appendingPathComponent("out")) == published)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == beside)

        // The failed attempt is recorded as failed, and only as failed.
        let store = try SQLiteStore(
            path: folder.appendingPathComponent("s.sqlite").path, access: .readOnly)
        let all = try store.runs(limit: nil, states: Set(RunState.allCases))
        #expect(all.map(\.state) == [.failed, .published])
        #expect(
            all.map(\.startedAt) == [
                Date(timeIntervalSince1970: 1_780_358_400),
                Date(timeIntervalSince1970: 1_780_272_000),
            ])

        try FileManager.default.removeItem(at: partial)
        #expect(await build(folder, at: "2026-06-03T00:00:00Z").status == 0)
        struct Site: Decodable {
            struct Program: Decodable {
                struct Point: Decodable { var date: String }
                var id: String
                var trend: [Point]
            }
            struct Changes: Decodable { var since: String }
            var programs: [Program]
            var changes: Changes?
        }
        let site = try JSONDecoder().decode(
            Site.self,
            from: Data(
                contentsOf: folder.appendingPathComponent("out/site/trust-center.json")))
        #expect(site.changes?.since == "2026-06-01T00:00:00Z")
        let trend = site.programs.first { $0.id == "public-program" }?.trend.map(\.date)
        #expect(trend == ["2026-06-01T00:00:00Z", "2026-06-03T00:00:00Z"])
    }

    /// Every file under `folder`, by relative path, with its bytes.
    static func files(under folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let relative = enumerator?.nextObject() as? String {
            let url = folder.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                files[relative] = try Data(contentsOf: url)
            }
        }
        return files
    }
}

import AttestTestSupport
import Foundation
import Testing

/// Several `attest` processes reporting into one PostgreSQL store at once, as the pipelines of
/// a team do: every run is recorded whole and once.
@Suite struct SharedStoreEndToEndTests {
    static let buildTime = "2026-06-01T00:00:00Z"

    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-e2e-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The runs `attest history` lists (one entry per run and framework), by id: their kinds.
    func runs(
        _ workspace: String, store: String, password: String
    ) async throws -> [Int: String] {
        let history = try await AttestBinary.run(
            ["history", "--workspace", workspace, "--store", store, "--format", "json"],
            environment: ["PGPASSWORD": password])
        #expect(history.status == 0, "\(history.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8))
        var kinds: [Int: String] = [:]
        for entry in (json as? [[String: Any]]) ?? [] {
            if let run = entry["run"] as? Int { kinds[run] = entry["kind"] as? String }
        }
        return kinds
    }

    @Test(.enabled(if: LocalPostgres.available))
    func twoCollectsAndTwoIdenticalBuildsAtOnceRecordEachRunOnce() async throws {
        let server = try LocalPostgres()
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The password comes from the environment, as docs/store.md advises.
        let url = try server.createDatabase().replacingOccurrences(
            of: ":\(server.password)@", with: "@")
        let environment = ["PGPASSWORD": server.password]
        let workspace = Fixtures.workspace("canary").path
        let collect = ["collect", "--workspace", workspace, "--store", url, "--quiet"]
        async let first = AttestBinary.run(collect, environment: environment)
        async let second = AttestBinary.run(collect, environment: environment)
        let collected = [try await first, try await second]
        #expect(collected.map(\.status) == [0, 0], "\(collected.map(\.standardError))")
        let afterCollect = try await runs(workspace, store: url, password: server.password)
        #expect(afterCollect.values.sorted() == ["collect", "collect"], "\(afterCollect)")

        func build(_ name: String) async throws -> AttestBinary.Output {
            try await AttestBinary.run(
                [
                    "build", "--workspace", workspace, "--store", url, "--quiet",
                    "--out", folder.appendingPathComponent(name).path,
                    "--build-time", Self.buildTime,
                ], environment: environment)
        }
        async let one = build("one")
        async let two = build("two")
        let built = [try await one, try await two]
        #expect(built.map(\.status) == [0, 0], "\(built.map(\.standardError))")
        let afterBuild = try await runs(workspace, store: url, password: server.password)
        // Same inputs, same build time: one build id, recorded once.
        #expect(
            afterBuild.values.sorted() == ["build", "collect", "collect"], "\(afterBuild)")
        let output = (collected + built).map { $0.standardOutput + $0.standardError }.joined()
        #expect(!output.contains(server.password))
    }
}

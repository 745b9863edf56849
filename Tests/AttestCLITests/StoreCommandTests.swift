import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// The store as commands open it: anything but an Attest store is refused untouched with exit
/// 2, and the commands that only read work on a store they cannot write.
@Suite struct StoreCommandTests: InProcessCommands {

    static let workspace = Fixtures.workspace("canary").path

    /// A scratch folder with `fixture` from Tests/Fixtures/stores as `store.sqlite`.
    func scratch(copying fixture: String? = nil) throws -> (folder: URL, store: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-store-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("store.sqlite")
        if let fixture {
            try FileManager.default.copyItem(
                at: Fixtures.root.appendingPathComponent("stores/\(fixture)"), to: store)
        }
        return (folder, store.path)
    }

    static let commands: [[String]] = [
        ["collect", "--quiet"], ["build", "--quiet", "--build-time", "2026-06-01T00:00:00Z"],
        ["score"], ["history"], ["disclosures"],
    ]

    @Test(
        arguments: [
            ("foreign-wal.sqlite", "[store.foreign]"),
            ("newer-version.sqlite", "[store.incompatible]"),
        ], commands)
    func aStoreAttestDoesNotOwnIsRefusedWithExitTwoAndLeftUntouched(
        _ fixture: (name: String, code: String), _ command: [String]
    ) async throws {
        let (folder, store) = try scratch(copying: fixture.name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try FolderSnapshot(folder)
        var arguments = command + ["--workspace", Self.workspace, "--store", store]
        if command[0] == "build" {
            arguments += ["--out", folder.appendingPathComponent("out").path]
        }
        let result = await run(arguments)
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.contains(fixture.code), "\(result.err)")
        #expect(try FolderSnapshot(folder) == before)
    }

    @Test func readCommandsWorkOnAStoreInAReadOnlyFolder() async throws {
        let (folder, store) = try scratch()
        defer {
            FolderProtection.release(folder)
            try? FileManager.default.removeItem(at: folder)
        }
        let collected = await run([
            "collect", "--workspace", Self.workspace, "--store", store, "--quiet",
        ])
        #expect(collected.status == 0, "\(collected.err)")
        try FolderProtection.protect(folder)
        let before = try FolderSnapshot(folder)

        let score = await run(["score", "--workspace", Self.workspace, "--store", store])
        #expect(score.status == 0, "\(score.err)")
        #expect(score.out.contains("demo"))
        let history = await run([
            "history", "--workspace", Self.workspace, "--store", store, "--format", "json",
        ])
        #expect(history.status == 0, "\(history.err)")
        struct Entry: Decodable { var kind: String }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(history.out.utf8))
        #expect(entries.map(\.kind) == ["collect"])
        let disclosures = await run([
            "disclosures", "--workspace", Self.workspace, "--store", store,
        ])
        #expect(disclosures.status == 0, "\(disclosures.err)")
        #expect(try FolderSnapshot(folder) == before)
    }
}

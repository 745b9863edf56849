import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// Only an Attest store is opened: anything else given as a store is refused and left exactly
/// as it was, and so is a store from a newer Attest.
@Suite struct StoreIdentityTests {
    static let accesses: [SQLiteStore.Access] = [.readWrite, .readOnly]

    /// A scratch folder holding `fixture` (from Tests/Fixtures/stores) as `attest.sqlite`.
    static func scratch(copying fixture: String? = nil) throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("attest.sqlite")
        if let fixture {
            try FileManager.default.copyItem(
                at: Fixtures.root.appendingPathComponent("stores/\(fixture)"), to: path)
        }
        return (folder, path.path)
    }

    /// Opening `path` throws a store error with `code`, and leaves its folder as it was.
    static func expectRefusal(
        _ path: String, in folder: URL, access: SQLiteStore.Access, code: StoreError.Code
    ) throws {
        let before = try FolderSnapshot(folder)
        #expect {
            try SQLiteStore(path: path, access: access, busyTimeout: 2)
        } throws: { error in
            (error as? StoreError)?.code == code
        }
        let after = try FolderSnapshot(folder)
        #expect(after == before, "before: \(before)\nafter: \(after)")
    }

    @Test(
        arguments: ["foreign-wal.sqlite", "foreign-with-runs-table.sqlite"],
        accesses)
    func anotherProgramsDatabaseIsRefusedAndLeftUntouched(
        _ fixture: String, _ access: SQLiteStore.Access
    ) throws {
        let (folder, path) = try Self.scratch(copying: fixture)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.expectRefusal(path, in: folder, access: access, code: .foreign)
    }

    @Test(arguments: accesses)
    func aFileThatIsNotSQLiteIsRefusedAndLeftUntouched(_ access: SQLiteStore.Access) throws {
        let (folder, path) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("name,score\nsoc2,95\n".utf8).write(to: URL(fileURLWithPath: path))
        try Self.expectRefusal(path, in: folder, access: access, code: .foreign)
    }

    /// A FIFO would block a plain read of its header forever; a folder cannot be a store.
    @Test(arguments: ["fifo", "folder"], accesses)
    func somethingThatIsNotAFileIsRefusedAtOnce(
        _ kind: String, _ access: SQLiteStore.Access
    )
        throws
    {
        let (folder, path) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        if kind == "fifo" {
            #expect(mkfifo(path, 0o644) == 0)
        } else {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: false)
        }
        try Self.expectRefusal(path, in: folder, access: access, code: .foreign)
    }

    @Test(arguments: accesses)
    func aStoreFromANewerAttestIsRefusedAndLeftUntouched(_ access: SQLiteStore.Access) throws {
        let (folder, path) = try Self.scratch(copying: "newer-version.sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.expectRefusal(path, in: folder, access: access, code: .incompatible)
    }

    /// The application id at offset 68 of the SQLite header.
    static func applicationID(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path))[68..<72])
    }

    @Test func aNewStoreCarriesTheAttestApplicationID() throws {
        let (folder, path) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SQLiteStore(path: path)
        #expect(try Self.applicationID(path) == Array("ATST".utf8))
    }

    @Test func aStoreFromThePreviousVersionIsMigratedAndStamped() throws {
        let (folder, path) = try Self.scratch(copying: "previous-version.sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let store = try SQLiteStore(path: path)
            let runs = try store.runs(limit: nil)
            #expect(
                runs.map(\.startedAt)
                    == [1_780_358_400, 1_780_272_000].map(Date.init(timeIntervalSince1970:)))
            #expect(runs.allSatisfy { $0.kind == "build" && $0.state == .published })
            #expect(try store.results(run: runs[0].id).count == 3)
            // Runs recorded before runs kept their scope: their exclusions are unknown.
            #expect(try store.exclusions(run: runs[0].id) == nil)
        }
        #expect(try Self.applicationID(path) == Array("ATST".utf8))
        #expect(try SQLiteStore(path: path, access: .readOnly).runs(limit: nil).count == 2)
    }

    /// A store of schema 5 with a disclosure logged (made by taking "v6-access" back out of a
    /// new store with Python's sqlite3): read-only it reads without the new columns, and
    /// opened for writing it is migrated and keeps the disclosure.
    @Test func aVersion5StoreWithADisclosureIsReadThenMigrated() throws {
        let (folder, path) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SQLiteStore(path: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("DROP TABLE access_requests")
            db.execute("ALTER TABLE disclosures DROP COLUMN documents")
            db.execute("ALTER TABLE disclosures DROP COLUMN access_request_id")
            db.execute("DELETE FROM grdb_migrations WHERE identifier = 'v6-access'")
            db.execute("PRAGMA user_version = 5")
            db.execute("INSERT INTO disclosures (id, recipient, nda_reference, frameworks, sha256, created_at) VALUES ('b-1', 'Acme', 'NDA-1', '[\\"soc2\\"]', 'ab', '2026-06-01T00:00:00.000Z')")
            db.close()
            """,
            path,
        ]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let reader = try SQLiteStore(path: path, access: .readOnly)
        let read = try reader.disclosures()
        #expect(read.map(\.id) == ["b-1"])
        #expect(read.first?.documents == [])
        #expect(try reader.accessRequests(statuses: [.pending]).isEmpty)
        let store = try SQLiteStore(path: path)
        #expect(try store.disclosures().map(\.frameworks) == [["soc2"]])
        try store.record(AccessLedgerTests.request("r1"))
        #expect(try store.accessRequest(id: "r1")?.email == "zoe@buyer.example")
    }

    @Test func aStoreFromThePreviousVersionIsReadReadOnlyWithoutMigrating() throws {
        let (folder, path) = try Self.scratch(copying: "previous-version.sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let store = try SQLiteStore(path: path, access: .readOnly)
            #expect(try store.runs(limit: nil).map(\.state) == [.published, .published])
            #expect(try store.history(of: .framework("demo"), limit: nil).count == 2)
            #expect(try store.exclusions(run: 1) == nil)
            // Tables of later migrations read as empty, never as a crash.
            #expect(try store.accessRequests(statuses: Set(AccessStatus.allCases)).isEmpty)
            #expect(try store.accessRequest(id: "x") == nil)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func anEmptyFileBecomesAStore() throws {
        let (folder, path) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try SQLiteStore(path: path)
        _ = try store.record(ScoreStoreTests.run(0, percentNumerator: 1))
        #expect(try store.runs(limit: nil).count == 1)
    }

    @Test func aMissingStoreReadsAsEmptyWithoutBeingCreated() throws {
        let (folder, path) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: path, access: .readOnly)
        #expect(try store.runs(limit: nil).isEmpty)
        #expect(try store.disclosures().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}

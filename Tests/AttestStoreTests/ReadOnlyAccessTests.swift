import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// Reading a store needs no write access and never waits for a writer: `score`, `history` and
/// `disclosures` open it read-only.
@Suite struct ReadOnlyAccessTests {
    static func disclosure(run: Int64) -> Disclosure {
        Disclosure(
            id: "b-1", recipient: "Acme Corp", ndaReference: "NDA-1", frameworks: ["soc2"],
            sha256: String(repeating: "0", count: 64), createdAt: ScoreStoreTests.t0,
            expiresAt: nil, runID: run)
    }

    @Test func aStoreInAReadOnlyFolderIsReadWithoutWritingBesideIt() throws {
        let (folder, path) = try StoreIdentityTests.scratch()
        defer {
            FolderProtection.release(folder)
            try? FileManager.default.removeItem(at: folder)
        }
        do {
            let store = try SQLiteStore(path: path)
            let run = try store.record(ScoreStoreTests.run(0, percentNumerator: 6))
            try store.record(Self.disclosure(run: run))
        }
        try FolderProtection.protect(folder)
        let before = try FolderSnapshot(folder)

        let store = try SQLiteStore(path: path, access: .readOnly)
        #expect(try store.runs(limit: nil).map(\.workspaceFingerprint) == ["fp0"])
        #expect(try store.history(of: .framework("soc2"), limit: nil).map(\.score.percent) == [60])
        #expect(try store.disclosures().map(\.id) == ["b-1"])
        #expect(try FolderSnapshot(folder) == before)
    }

    @Test func aReadOnlyStoreRefusesToWrite() throws {
        let (folder, path) = try StoreIdentityTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SQLiteStore(path: path)
        let store = try SQLiteStore(path: path, access: .readOnly)
        #expect(throws: StoreError.self) {
            try store.record(ScoreStoreTests.run(0, percentNumerator: 1))
        }
        #expect(try SQLiteStore(path: path).runs(limit: nil).isEmpty)
    }

    /// A second connection (Python's sqlite3, as a person poking at the store would) that
    /// opens the store after it was closed cleanly, so its WAL is empty, and holds a write
    /// transaction until it is killed.
    @Test func aReadReturnsAtOnceWhileAnotherConnectionHoldsAWriteTransaction() throws {
        let (folder, path) = try StoreIdentityTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let store = try SQLiteStore(path: path)
            _ = try store.record(ScoreStoreTests.run(0, percentNumerator: 3))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO disclosures (id, recipient, nda_reference, frameworks, sha256, created_at) VALUES ('x', 'x', 'x', '[]', 'x', 'x')")
            print("holding", flush=True)
            time.sleep(30)
            """,
            path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer {
            // SIGKILL: a child of Foundation's Process may not see SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        #expect(output.fileHandleForReading.availableLine(timeout: 30) == "holding")

        let started = Date()
        let store = try SQLiteStore(path: path, access: .readOnly, busyTimeout: 5)
        let runs = try store.runs(limit: nil)
        let disclosures = try store.disclosures()
        let elapsed = Date().timeIntervalSince(started)
        #expect(runs.map(\.workspaceFingerprint) == ["fp0"])
        #expect(disclosures.isEmpty)
        #expect(elapsed < 0.5, "the read took \(elapsed) s")
    }

    @Test func aReadReturnsAtOnceWhileAnotherProcessHoldsAWriteTransaction() throws {
        let (folder, path) = try StoreIdentityTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let store = try SQLiteStore(path: path)
            _ = try store.record(ScoreStoreTests.run(0, percentNumerator: 3))
        }
        // The helper writes a run and waits inside its open write transaction until killed.
        let helper = try CrashHelper.start(path: path, rows: 5_000)
        defer { helper.killOutright() }
        #expect(helper.waitForLine() == "halfway")

        let started = Date()
        let store = try SQLiteStore(path: path, access: .readOnly, busyTimeout: 5)
        let runs = try store.runs(limit: nil)
        let elapsed = Date().timeIntervalSince(started)
        #expect(runs.map(\.workspaceFingerprint) == ["fp0"])
        #expect(elapsed < 0.5, "the read took \(elapsed) s")
    }
}

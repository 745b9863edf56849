import AttestCore
import AttestStore
import AttestStorePostgres
import AttestTestSupport
import Foundation
import Testing

/// The same test bodies run against the SQLite store, its in-memory twin and the PostgreSQL
/// store on a throwaway server (`LocalPostgres`).
@Suite struct ScoreStoreTests {
    enum Kind: String, CaseIterable, Sendable {
        case sqlite, memory, postgres

        /// The kinds this machine can run: PostgreSQL when its server is installed, and always
        /// under `CI=true` (where a missing server then fails). Outside CI its absence shows as
        /// the skipped `PostgresStoreTests.aThrowawayServerStartsAndStops`.
        static var available: [Kind] {
            LocalPostgres.available ? allCases : [.sqlite, .memory]
        }
    }

    /// A fresh store of `kind`; SQLite stores live in a temporary folder and PostgreSQL stores
    /// on a database of the shared server, both removed when the store is released.
    static func makeStore(_ kind: Kind) throws -> any ScoreStore {
        switch kind {
        case .memory: return InMemoryStore()
        case .sqlite: return try ScratchStore.sqlite()
        case .postgres: return try ScratchStore.postgres()
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_780_272_000.125)

    static func run(_ index: Int, percentNumerator: Double) -> RunRecord {
        let started = t0.addingTimeInterval(Double(index) * 3_600)
        return RunRecord(
            kind: "build", state: .published, startedAt: started,
            finishedAt: started.addingTimeInterval(2),
            toolVersion: "0.1.0", workspaceFingerprint: "fp\(index)",
            results: [
                EvidenceResult(
                    evidence: "b-evidence", control: "C-2", status: .partial(0.25),
                    observedAt: started,
                    expiresAt: started.addingTimeInterval(86_400 * 90),
                    sha256: String(repeating: "ab", count: 32),
                    message: "1 of 4 checks passed",
                    artifacts: [
                        Artifact(
                            path: "evidence/x.json", sha256: String(repeating: "cd", count: 32))
                    ]),
                EvidenceResult(
                    evidence: "a-evidence", control: "C-1", status: .stale, observedAt: started,
                    message: "old"),
            ],
            scores: [
                NodeScore(
                    node: .framework("soc2"), numerator: percentNumerator, denominator: 10,
                    inheritedNumerator: 1, leafCount: 10, coveredCount: 7, inheritedCount: 1,
                    gapCount: 2,
                    excludedCount: 1),
                NodeScore(
                    node: .requirement(RequirementKey("soc2", "CC6")), numerator: 2, denominator: 4,
                    inheritedNumerator: 0, leafCount: 4, coveredCount: 4, inheritedCount: 0,
                    gapCount: 0,
                    excludedCount: 0),
            ],
            controls: [
                ControlSnapshot(id: "C-2", title: "Two", visibility: .nda, score: 0.25),
                ControlSnapshot(id: "C-1", title: "One", visibility: .public, score: 0),
            ])
    }

    @Test(arguments: Kind.available)
    func aRecordedRunReadsBackExactly(_ kind: Kind) throws {
        let store = try Self.makeStore(kind)
        let id = try store.record(Self.run(0, percentNumerator: 6))
        let summary = try #require(try store.runs(limit: nil).first)
        #expect(summary.id == id)
        #expect(summary.startedAt == Self.t0)
        #expect(summary.resultCount == 2)
        #expect(summary.workspaceFingerprint == "fp0")
        let results = try store.results(run: id)
        #expect(results.map(\.evidence) == ["a-evidence", "b-evidence"])
        #expect(results[1].status == .partial(0.25))
        #expect(results[1].expiresAt == Self.t0.addingTimeInterval(86_400 * 90))
        #expect(
            results[1].artifacts == [
                Artifact(path: "evidence/x.json", sha256: String(repeating: "cd", count: 32))
            ])
        #expect(results[0].status == .stale)
        #expect(results[0].expiresAt == nil)
        let scores = try store.scores(run: id)
        #expect(scores.map(\.node.description) == ["soc2", "soc2/CC6"])
        #expect(scores[0].percent == 60)
        #expect(scores[0].gapCount == 2)
        #expect(try store.controls(run: id).map(\.id) == ["C-1", "C-2"])
    }

    @Test(arguments: Kind.available)
    func aRunKeepsItsScopeSoALaterBuildCanTellAScopeChange(_ kind: Kind) throws {
        let store = try Self.makeStore(kind)
        var run = Self.run(0, percentNumerator: 6)
        run.exclusions = [
            ExclusionSnapshot(
                requirement: RequirementKey("gdpr", "Art.27"), justification: "EU establishment",
                visibility: .public),
            ExclusionSnapshot(
                requirement: RequirementKey("soc2", "CC6.4"), justification: "cloud only",
                visibility: .internal),
        ]
        let id = try store.record(run)
        let exclusions = try #require(try store.exclusions(run: id))
        #expect(exclusions.map(\.requirement.description) == ["gdpr/Art.27", "soc2/CC6.4"])
        #expect(exclusions.map(\.visibility) == [.public, .internal])
        #expect(exclusions[0].justification == "EU establishment")
        // A run with no exclusion has an empty scope list, not an unknown one.
        let plain = try store.record(Self.run(1, percentNumerator: 6))
        #expect(try store.exclusions(run: plain) == [])
    }

    @Test(arguments: Kind.available)
    func historyListsANodeNewestFirst(_ kind: Kind) throws {
        let store = try Self.makeStore(kind)
        for (index, numerator) in [5.0, 6.5, 7.25].enumerated() {
            _ = try store.record(Self.run(index, percentNumerator: numerator))
        }
        let history = try store.history(of: .framework("soc2"), limit: nil)
        #expect(history.map(\.score.percent) == [72.5, 65, 50])
        #expect(try store.history(of: .framework("soc2"), limit: 2).count == 2)
        #expect(
            try store.history(of: .requirement(RequirementKey("soc2", "CC6")), limit: nil).count
                == 3)
        #expect(try store.history(of: .framework("hipaa"), limit: nil).isEmpty)
        #expect(try store.runs(limit: 1).map(\.workspaceFingerprint) == ["fp2"])
    }

    @Test(arguments: Kind.available)
    func disclosuresAreLoggedOnceEach(_ kind: Kind) throws {
        let store = try Self.makeStore(kind)
        let runID = try store.record(Self.run(0, percentNumerator: 1))
        let disclosure = Disclosure(
            id: "b-1", recipient: "Acme Corp", ndaReference: "NDA-2026-041",
            frameworks: ["soc2", "hipaa"],
            sha256: String(repeating: "0", count: 64), createdAt: Self.t0,
            expiresAt: Self.t0.addingTimeInterval(86_400 * 90), runID: runID)
        try store.record(disclosure)
        #expect(try store.disclosures() == [disclosure])
        #expect(throws: StoreError.self) { try store.record(disclosure) }
    }

    @Test(arguments: Kind.available)
    func aRunWithTheSameEvidenceTwiceIsRefusedWhole(_ kind: Kind) throws {
        let store = try Self.makeStore(kind)
        var run = Self.run(0, percentNumerator: 1)
        run.results.append(run.results[0])
        #expect(throws: StoreError.self) { try store.record(run) }
        #expect(try store.runs(limit: nil).isEmpty)
    }
}

@Suite struct SQLiteStoreTests {
    /// A temporary folder, removed when the test releases it.
    let folder: TemporaryWorkspace
    var path: String { folder.root.appendingPathComponent("attest.sqlite").path }

    init() throws { folder = try TemporaryWorkspace() }

    @Test func theStoreUsesWALAndSurvivesReopening() throws {
        do {
            let store = try SQLiteStore(path: path)
            _ = try store.record(ScoreStoreTests.run(0, percentNumerator: 3))
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.runs(limit: nil).count == 1)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aRunKilledMidTransactionLeavesNoPartialRun() throws {
        let store = try SQLiteStore(path: path)
        _ = try store.record(ScoreStoreTests.run(0, percentNumerator: 3))

        let helper = try CrashHelper.start(path: path, rows: 5_000)
        // Wait for the helper to be inside its transaction, then kill it outright.
        #expect(helper.waitForLine() == "halfway")
        helper.killOutright()
        #expect(helper.process.terminationReason == .uncaughtSignal)

        let reopened = try SQLiteStore(path: path)
        let runs = try reopened.runs(limit: nil)
        #expect(runs.count == 1)
        #expect(runs.first?.workspaceFingerprint == "fp0")
        // The store is still writable afterwards.
        _ = try reopened.record(ScoreStoreTests.run(1, percentNumerator: 4))
        #expect(try reopened.runs(limit: nil).count == 2)
    }
}

/// The `attest-store-crash-helper` process: it writes a run of `rows` evidence results, says
/// "halfway" from inside its write transaction, and waits there to be killed.
struct CrashHelper {
    let process: Process
    let output: Pipe

    static func start(path: String, rows: Int) throws -> CrashHelper {
        let helper = Bundle.main.bundleURL.appendingPathComponent("attest-store-crash-helper")
        let process = Process()
        process.executableURL =
            FileManager.default.isExecutableFile(atPath: helper.path)
            ? helper
            : Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(
                "attest-store-crash-helper")
        process.arguments = [path, "\(rows)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        return CrashHelper(process: process, output: output)
    }

    func waitForLine() -> String? {
        output.fileHandleForReading.availableLine(timeout: 60)
    }

    /// Kills the helper outright (SIGKILL) and waits for it to end.
    func killOutright() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

extension FileHandle {
    /// Reads one line, giving up after `timeout` seconds.
    func availableLine(timeout: TimeInterval) -> String? {
        var buffer = Data()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let chunk = availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
            if let newline = buffer.firstIndex(of: 0x0A) {
                return String(decoding: buffer[..<newline], as: UTF8.self)
            }
        }
        return nil
    }
}

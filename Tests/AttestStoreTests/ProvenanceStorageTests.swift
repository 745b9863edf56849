import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// Date sources, targets, signers, collectors, revisions and CI URLs are kept with each run.
@Suite struct ProvenanceStorageTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_272_000)

    static func record() -> RunRecord {
        RunRecord(
            kind: "collect", state: .collected, startedAt: t0, finishedAt: t0,
            toolVersion: "0.1.0", workspaceFingerprint: "fp",
            results: [
                EvidenceResult(
                    evidence: "a", control: "C-1", status: .pass, observedAt: t0,
                    dateSource: .git, target: "evidence/a b.json", signer: nil,
                    collector: .json, message: "ok"),
                EvidenceResult(
                    evidence: "b", control: "C-1", status: .pass, observedAt: t0,
                    dateSource: .source, target: "evidence/attestations/b.yaml",
                    signer: "jane", collector: .attestation, message: "signed"),
                EvidenceResult(
                    evidence: "c", control: "C-1", status: .fail, observedAt: t0,
                    dateSource: .live, target: "https://status.example/health",
                    collector: .http, message: "down"),
            ],
            scores: [], controls: [],
            revision: String(repeating: "ab", count: 20) + "-dirty",
            ciURL: "https://github.com/acme/trust/actions/runs/42")
    }

    @Test(arguments: ScoreStoreTests.Kind.available)
    func provenanceRoundTrips(_ kind: ScoreStoreTests.Kind) throws {
        let store = try ScoreStoreTests.makeStore(kind)
        let id = try store.record(Self.record())
        let results = try store.results(run: id)
        #expect(results.map(\.dateSource) == [.git, .source, .live])
        #expect(
            results.map(\.target) == [
                "evidence/a b.json", "evidence/attestations/b.yaml",
                "https://status.example/health",
            ])
        #expect(results.map(\.signer) == [nil, "jane", nil])
        #expect(results.map(\.collector) == [.json, .attestation, .http])
        let run = try #require(try store.runs(limit: 1).first)
        #expect(run.revision == String(repeating: "ab", count: 20) + "-dirty")
        #expect(run.ciURL == "https://github.com/acme/trust/actions/runs/42")
    }

    @Test func aVersion3StoreIsMigratedAndItsResultsReadBackAsAssumed() throws {
        let (folder, path) = try StoreIdentityTests.scratch(copying: "version-3.sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Read-only first: nothing is migrated, and the old rows still read as assumed.
        let reader = try SQLiteStore(path: path, access: .readOnly)
        let oldRun = try #require(try reader.runs(limit: 1).first)
        #expect(try reader.results(run: oldRun.id).allSatisfy { $0.dateSource == .assumed })
        #expect(oldRun.revision == nil)

        let store = try SQLiteStore(path: path)
        let old = try store.results(run: oldRun.id)
        #expect(!old.isEmpty)
        #expect(old.allSatisfy { $0.dateSource == .assumed && $0.target == nil })
        let id = try store.record(Self.record())
        #expect(try store.results(run: id).map(\.dateSource) == [.git, .source, .live])
        #expect(try store.runs(limit: 1).first?.revision?.hasSuffix("-dirty") == true)
    }
}

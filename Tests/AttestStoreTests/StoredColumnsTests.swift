import AttestCore
import AttestTestSupport
import Foundation
import Testing

@_spi(Benchmarks) @testable import AttestStore

/// The store's hand-written column text is the text it wrote before: `Timestamp`'s for dates,
/// `JSONEncoder`'s for the artifacts. Stored runs are compared as text (history, periods), so
/// one byte of difference would split a series.
@Suite struct StoredColumnsTests {
    /// What the artifacts column held before it was written by hand.
    static func encoderText(_ artifacts: [Artifact]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(artifacts)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    @Test func storedDatesAreTimestampsTextOnFortyThousandDatesFrom1900To2300() {
        var random = SplitMix64(seed: 7)
        var dates: [Date] = [
            Date(timeIntervalSinceReferenceDate: 0), Date(timeIntervalSinceReferenceDate: -0.001),
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0004),
            Date(timeIntervalSince1970: -0.0006), Date(timeIntervalSince1970: 0.9996),
            Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_400),  // 2100-03-01
            Date(timeIntervalSince1970: -2_208_988_800),  // 1900-01-01
            Date(timeIntervalSince1970: -2_208_988_800.0006),  // just before: Timestamp's
            Date(timeIntervalSince1970: -2_203_891_200),  // 1900-03-01 (1900 is no leap year)
            Date(timeIntervalSince1970: 253_402_300_799.999),
            Date(timeIntervalSince1970: 253_402_300_799.9996),
            Date(timeIntervalSince1970: 253_402_300_800),
            Date(timeIntervalSince1970: -62_135_596_800),  // year 1
            Date(timeIntervalSince1970: 1_780_272_000.125), .distantPast, .distantFuture,
        ]
        for _ in 0..<20_000 {  // whole milliseconds since 1970, as results are observed
            dates.append(
                Date(
                    timeIntervalSince1970: Double(
                        1_600_000_000_000 + Int64(random.next(below: 400_000_000_000))) / 1_000))
        }
        for _ in 0..<20_000 {  // anywhere in 1900–2300, with parts of a millisecond
            let seconds = Double(Int64(random.next(below: 12_623_000_000)) - 2_208_988_800)
            dates.append(
                Date(
                    timeIntervalSince1970: seconds + Double(random.next(below: 1_000_000)) / 1e6))
        }
        var differences: [String] = []
        for date in dates where StoredDate.text(date) != Timestamp.formatMilliseconds(date) {
            differences.append(
                "\(date.timeIntervalSince1970): \(StoredDate.text(date)) "
                    + "≠ \(Timestamp.formatMilliseconds(date))")
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
        #expect(
            StoredDate.text(Date(timeIntervalSince1970: 951_782_400.5))
                == "2000-02-29T00:00:00.500Z")
    }

    @Test func theArtifactsColumnIsJSONEncodersTextForEveryCharacter() {
        var texts = (0..<0x80).map { "a\(String(UnicodeScalar(UInt8($0))))b/c" }
        texts += [
            "", "é/ü", "\u{2028}\u{2029}", "😀", "\u{FEFF}", "\u{7F}\u{85}\u{A0}",
            "\\\"\n\t\r\u{8}\u{C}\u{1}\u{1F}", "e\u{301}", "日本語/パス.pdf",
        ]
        texts += ["evidence/ctl-00001/ev-00001-1.pdf", "https://status.example/ev?x=1&y=2"]
        var lists: [[Artifact]] = [[]]
        for (index, text) in texts.enumerated() {
            lists.append([Artifact(path: text, sha256: texts[(index * 7) % texts.count])])
            lists.append([
                Artifact(path: text, sha256: String(repeating: "ab", count: 32)),
                Artifact(path: "x", sha256: text), Artifact(path: text + text, sha256: ""),
            ])
        }
        for list in lists {
            #expect(ArtifactsColumn.encode(list) == Self.encoderText(list), "\(list)")
            #expect(ArtifactsColumn.decode(ArtifactsColumn.encode(list)) == list)
        }
    }

    /// Rows are bound through the C API; a row SQLite refuses in any table still fails the
    /// whole run as `store.invalid-record` and leaves nothing of it behind.
    @Test(arguments: ["evidence", "score", "control", "exclusion"])
    func aRefusedRowInAnyTableRollsTheWholeRunBack(_ table: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("attest.sqlite").path)
        var run = ScoreStoreTests.run(0, percentNumerator: 1)
        run.exclusions = [
            ExclusionSnapshot(
                requirement: RequirementKey("soc2", "CC1.1"), justification: "", visibility: .nda)
        ]
        #expect(!run.results.isEmpty && !run.scores.isEmpty && !run.controls.isEmpty)
        switch table {
        case "evidence": run.results.append(run.results[run.results.count - 1])
        case "score": run.scores.append(run.scores[run.scores.count - 1])
        case "control": run.controls.append(run.controls[run.controls.count - 1])
        default: run.exclusions.append(run.exclusions[0])
        }
        do {
            _ = try store.record(run)
            Issue.record("the duplicate \(table) row was stored")
        } catch {
            #expect(error.code == .invalidRecord, "\(error)")
            #expect(error.detail.contains("UNIQUE"), "\(error.detail)")
        }
        #expect(try store.runs(limit: nil, states: Set(RunState.allCases)).isEmpty)
        // The store still takes the run once the duplicate is gone.
        let id = try store.record(ScoreStoreTests.run(0, percentNumerator: 1))
        #expect(
            try store.results(run: id).count
                == ScoreStoreTests.run(0, percentNumerator: 1).results.count)
    }

    /// Empty text is stored as empty text, not NULL (SQLite binds a null pointer as NULL).
    @Test func emptyTextIsStoredAsEmptyText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("attest.sqlite").path)
        var run = ScoreStoreTests.run(0, percentNumerator: 1)
        run.results = [
            EvidenceResult(
                evidence: "e", control: "c", status: .pass, observedAt: ScoreStoreTests.t0,
                target: "", sha256: "", message: "",
                artifacts: [Artifact(path: "", sha256: "")])
        ]
        run.controls = [ControlSnapshot(id: "c", title: "", visibility: .public, score: 1)]
        let id = try store.record(run)
        let stored = try #require(try store.results(run: id).first)
        #expect(stored.message == "")
        #expect(stored.target == "")
        #expect(stored.sha256 == "")
        #expect(stored.artifacts == [Artifact(path: "", sha256: "")])
        #expect(try store.controls(run: id).first?.title == "")
    }
}

import AttestCore
import AttestStore
import Foundation
import GRDB
import ProposedStore
import ScoreStoreWorkloads
import Testing
import WorkspaceGenerator

/// A small scoring workload: 2 frameworks × 100 requirements, 60 controls × 10 evidence specs.
let smallConfiguration = GeneratorConfiguration(
    frameworks: 2, requirementsPerFramework: 100, controls: 60, controlFiles: 3,
    evidencePerControl: 10, mappingFiles: 1, relationsPerMapping: 20)

// Serialized: the store tests share (and remove) the fresh databases' folder.
@Suite(.serialized) struct ScoreStoreWorkloadsTests {
    @Test func synthesizesOneResultPerSpecDeterministically() throws {
        let fixture = try ScoringFixture.prepare(smallConfiguration)
        #expect(fixture.results.count == 600)
        #expect(Set(fixture.results.map(\.evidence)).count == 600)
        let again = try ScoringFixture.prepare(smallConfiguration)
        #expect(fixture.results == again.results)
        let (counts, expiring) = fixture.statusCounts
        for status in ["pass", "partial", "fail", "error", "stale", "missing"] {
            #expect((counts[status] ?? 0) > 0, "no \(status) result")
        }
        #expect(expiring > 0)
    }

    @Test func everyWriterStoresTheSameRows() throws {
        let fixture = try ScoringFixture.prepare(smallConfiguration)
        let run = ScoringWorkload.run(fixture)
        #expect(!run.scores.isEmpty)
        #expect(run.controls.count == 60)
        defer { StoreWorkloads.removeFolder() }
        let store = try StoreWorkloads.openStore()
        _ = try store.record(run)
        let raw = try StoreWorkloads.openRaw()
        _ = try raw.write(run)
        let rawPre = try StoreWorkloads.openRaw()
        _ = try rawPre.write(PrecomputedRun(run))
        var paths = [raw.path, rawPre.path]
        for level in ProposedStore.Level.allCases {
            let proposed = try ProposedStore(path: StoreWorkloads.freshPath("patch"))
            _ = try proposed.record(run, level: level)
            paths.append(proposed.path)
        }
        let counts = try StoreComparison.rowCounts(store.path)
        #expect(counts["evidence_results"] == 600)
        #expect(counts["scores"] == run.scores.count)
        for path in paths {
            #expect(try StoreComparison.differences(store.path, path).isEmpty, "\(path)")
        }
    }

    /// A row SQLite refuses (a duplicate evidence id) fails the run as it does through GRDB, and
    /// leaves nothing behind.
    @Test func directBindingReportsConstraintsAndRollsBack() throws {
        let fixture = try ScoringFixture.prepare(smallConfiguration)
        var run = ScoringWorkload.run(fixture)
        run.results.append(run.results[0])
        defer { StoreWorkloads.removeFolder() }
        let store = try StoreWorkloads.openStore()
        #expect(throws: StoreError.self) { try store.record(run) }
        for level in ProposedStore.Level.allCases {
            let proposed = try ProposedStore(path: StoreWorkloads.freshPath("patch"))
            do {
                _ = try proposed.record(run, level: level)
                Issue.record("\(level): the duplicate was stored")
            } catch let error as DatabaseError {
                #expect(error.resultCode == .SQLITE_CONSTRAINT, "\(level): \(error)")
            }
            #expect(try StoreComparison.rowCounts(proposed.path)["evidence_results"] == 0)
            #expect(try StoreComparison.rowCounts(proposed.path)["runs"] == 0)
        }
    }

    /// The patch's date text is the ISO 8601 style's, which truncates to the millisecond from
    /// the nanoseconds since 2001 (so a date made as …08.235 may print …08.234).
    @Test func fastDateTextMatchesFoundation() {
        var random = SeededRandom(seed: 7)
        var dates: [Date] = [
            Date(timeIntervalSinceReferenceDate: 0), Date(timeIntervalSinceReferenceDate: -0.001),
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_400),  // 2100-03-01
            Date(timeIntervalSince1970: 253_402_300_799.999),
            Date(timeIntervalSince1970: 253_402_300_800),
            ScoringFixture.fixedNow, Date(),
        ]
        for _ in 0..<20_000 {  // milliseconds since 1970, as the synthesized results
            dates.append(
                Date(
                    timeIntervalSince1970: Double(
                        1_600_000_000_000 + Int64(random.index(400_000_000_000))) / 1000))
        }
        for _ in 0..<20_000 {  // anywhere in 1900–2300, with sub-millisecond parts
            dates.append(
                Date(
                    timeIntervalSince1970: Double(
                        Int64(random.index(13_000_000_000)) - 2_208_988_800) + Double(
                            random.index(1_000_000)) / 1e6))
        }
        for date in dates {
            #expect(
                FastStoredText.date(date) == FastStoredText.foundationDate(date),
                "\(date.timeIntervalSince1970)")
            #expect(FastStoredText.foundationDate(date) == StoredText.date(date))
        }
    }

    @Test func fastArtifactsJSONMatchesJSONEncoder() {
        var texts = (0..<0x80).map { "a\(String(UnicodeScalar(UInt8($0))))b/c" }
        texts += [
            "", "é/ü", "\u{2028}\u{2029}", "😀", "\u{FEFF}", "\u{7F}\u{85}\u{A0}",
            "\\\"\n\t\r\u{8}\u{C}\u{1}\u{1F}",
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
            #expect(FastStoredText.artifacts(list) == StoredText.artifacts(list), "\(list)")
        }
    }
}

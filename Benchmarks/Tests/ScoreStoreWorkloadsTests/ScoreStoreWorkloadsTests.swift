import AttestCore
import AttestStore
import Foundation
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
        let paths = [raw.path, rawPre.path]
        let counts = try StoreComparison.rowCounts(store.path)
        #expect(counts["evidence_results"] == 600)
        #expect(counts["scores"] == run.scores.count)
        for path in paths {
            #expect(try StoreComparison.differences(store.path, path).isEmpty, "\(path)")
        }
    }
}

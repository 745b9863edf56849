import AttestCore
import AttestStore
import Foundation
import Testing

/// `observations(of:)` reads what a period needs, the same from SQLite and its in-memory twin.
@Suite struct PeriodObservationTests {
    typealias Kind = ScoreStoreTests.Kind

    func time(_ text: String) throws -> Date {
        try #require(Timestamp.instant(text, zoneRequired: true))
    }

    func record(
        _ store: any ScoreStore, _ at: String, _ score: Double, state: RunState = .collected
    ) throws -> Int64 {
        let time = try time(at)
        return try store.record(
            RunRecord(
                kind: "collect", state: state, startedAt: time, finishedAt: time,
                toolVersion: "test", workspaceFingerprint: "fp", results: [],
                scores: [
                    NodeScore(
                        node: .framework("soc2"), numerator: score, denominator: 1,
                        inheritedNumerator: 0, leafCount: 1, coveredCount: 1, inheritedCount: 0,
                        gapCount: 0, excludedCount: 0)
                ],
                controls: [ControlSnapshot(id: "C-1", title: "One", visibility: .nda, score: score)]
            ))
    }

    @Test(arguments: Kind.available)
    func thePeriodsRunsAndTheLatestBeforeItAreReadOldestFirst(_ kind: Kind) throws {
        let store = try ScoreStoreTests.makeStore(kind)
        _ = try record(store, "2026-02-20T06:00:00Z", 0.1)
        let before = try record(store, "2026-02-28T23:59:59.999Z", 0.2)
        let first = try record(store, "2026-03-01T00:00:00Z", 1)
        _ = try record(store, "2026-03-02T06:00:00Z", 0.5, state: .partial)
        _ = try record(store, "2026-03-02T07:00:00Z", 0.5, state: .attempted)
        let last = try record(store, "2026-03-03T23:59:59.999Z", 0)
        _ = try record(store, "2026-03-04T00:00:00Z", 1)
        let period = try OperatingPeriod(parsing: "2026-03-01..2026-03-03", today: .distantPast)
        let observations = try store.observations(of: period)
        #expect(observations.map(\.run) == [before, first, last])
        #expect(
            observations.map(\.time) == [
                try time("2026-02-28T23:59:59.999Z"), try time("2026-03-01T00:00:00Z"),
                try time("2026-03-03T23:59:59.999Z"),
            ])
        #expect(
            observations[0].controls[ControlID("C-1")]
                == .init(score: 0.2, title: "One", visibility: .nda))
        #expect(observations[1].nodes[.framework("soc2")]?.numerator == 1)
    }

    @Test(arguments: Kind.available)
    func anEmptyStoreHasNoObservation(_ kind: Kind) throws {
        let store = try ScoreStoreTests.makeStore(kind)
        let period = try OperatingPeriod(parsing: "2026-03-01..2026-03-03", today: .distantPast)
        #expect(try store.observations(of: period).isEmpty)
    }
}

// Scoring 100,000 evidence results over the large generated workspace, and writing that run to
// a fresh SQLite store through SQLiteStore.record, against the raw SQLite C API writing the same
// rows.
// Run from Benchmarks/: `swift package benchmark --target ScoreStoreBenchmarks`.
import AttestCore
import AttestStore
import Benchmark
import Foundation
import ScoreStoreWorkloads

/// The graph, the results and the run, made once per process (at the first setup); the fresh
/// databases' folder is removed when the process exits.
final class SharedFixture: Sendable {
    let fixture: ScoringFixture
    let run: RunRecord
    let precomputed: PrecomputedRun

    private init() throws {
        fixture = try ScoringFixture.prepare(.scoring)
        run = ScoringWorkload.run(fixture)
        precomputed = PrecomputedRun(run)
    }

    nonisolated(unsafe) private static var shared: SharedFixture?
    private static let lock = NSLock()

    static func get() throws -> SharedFixture {
        lock.lock()
        defer { lock.unlock() }
        if let shared { return shared }
        let made = try SharedFixture()
        shared = made
        _ = StoreWorkloads.schema
        atexit { StoreWorkloads.removeFolder() }
        return made
    }
}

/// Items handled per second by the measured part (package-benchmark's throughput is in runs/s).
let resultsPerSecond = BenchmarkMetric.custom(
    "results/s", polarity: .prefersLarger, useScalingFactor: false)
let rowsPerSecond = BenchmarkMetric.custom(
    "rows/s", polarity: .prefersLarger, useScalingFactor: false)

/// Runs `body` between explicit start and stop marks and records `count / seconds` as `metric`;
/// the result is released after the measurement has stopped.
func measured<T>(
    _ benchmark: Benchmark, count: Int, as metric: BenchmarkMetric, _ body: () throws -> T
) rethrows {
    let clock = ContinuousClock()
    benchmark.startMeasurement()
    let start = clock.now
    let result = try body()
    let elapsed = clock.now - start
    benchmark.stopMeasurement()
    blackHole(result)
    benchmark.measurement(metric, Int((Double(count) / seconds(elapsed)).rounded()))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 10)

    // Scores(...) + every scoped framework's and domain's score (storedNodeScores).
    Benchmark(
        "scores + node scores (100k results)",
        configuration: .init(
            metrics: [.wallClock, .throughput, .cpuTotal, .mallocCountTotal, resultsPerSecond],
            maxIterations: 20)
    ) { benchmark, shared in
        let fixture = shared.fixture
        measured(benchmark, count: fixture.results.count, as: resultsPerSecond) {
            ScoringWorkload.score(fixture)
        }
    } setup: {
        try SharedFixture.get()
    }

    let storeMetrics: [BenchmarkMetric] = [
        .wallClock, .throughput, .cpuTotal, .mallocCountTotal, .peakMemoryResident, rowsPerSecond,
    ]

    // A fresh store per iteration, opened and migrated before the measurement starts.
    Benchmark(
        "store write: SQLiteStore.record (100k results)",
        configuration: .init(metrics: storeMetrics)
    ) { benchmark, shared in
        guard let store = try? StoreWorkloads.openStore() else {
            benchmark.error("cannot open a store")
            return
        }
        defer { StoreWorkloads.remove(store.path) }
        let run = shared.run
        let rows = shared.precomputed.rowCount
        do {
            try measured(benchmark, count: rows, as: rowsPerSecond) { try store.record(run) }
        } catch {
            benchmark.error("record failed: \(error)")
        }
    } setup: {
        try SharedFixture.get()
    }

    // The same rows through the C API, formatting each row's text with the same calls.
    Benchmark(
        "store write: raw C API, same per-row formatting",
        configuration: .init(metrics: storeMetrics)
    ) { benchmark, shared in
        guard let writer = try? StoreWorkloads.openRaw() else {
            benchmark.error("cannot open a raw database")
            return
        }
        defer { StoreWorkloads.remove(writer.path) }
        let run = shared.run
        let rows = shared.precomputed.rowCount
        do {
            try measured(benchmark, count: rows, as: rowsPerSecond) { try writer.write(run) }
        } catch {
            benchmark.error("raw write failed: \(error)")
        }
    } setup: {
        try SharedFixture.get()
    }

    // The same rows through the C API, their text formatted ahead: binding and stepping only.
    Benchmark(
        "store write: raw C API, text formatted ahead",
        configuration: .init(metrics: storeMetrics)
    ) { benchmark, shared in
        guard let writer = try? StoreWorkloads.openRaw() else {
            benchmark.error("cannot open a raw database")
            return
        }
        defer { StoreWorkloads.remove(writer.path) }
        let rows = shared.precomputed
        do {
            try measured(benchmark, count: rows.rowCount, as: rowsPerSecond) {
                try writer.write(rows)
            }
        } catch {
            benchmark.error("raw write failed: \(error)")
        }
    } setup: {
        try SharedFixture.get()
    }
}

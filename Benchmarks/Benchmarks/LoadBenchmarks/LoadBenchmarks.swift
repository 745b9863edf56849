// Load + graph of a large generated workspace, against libyaml's bare event loop over the same
// files. Run from Benchmarks/: `swift package benchmark --target LoadBenchmarks`.
import Benchmark
import Foundation
import LoadWorkloads
import WorkspaceGenerator

/// The generated workspace, made once per process (at the first benchmark's setup) and removed
/// when the process exits.
enum SharedWorkspace {
    nonisolated(unsafe) private static var workspace: GeneratedWorkspace?
    private static let lock = NSLock()

    static func get() throws -> GeneratedWorkspace {
        lock.lock()
        defer { lock.unlock() }
        if let workspace { return workspace }
        let made = try Workloads.prepare(.default)
        workspace = made
        atexit { SharedWorkspace.removeAtExit() }
        return made
    }

    private static func removeAtExit() {
        if let workspace { try? workspace.remove() }
    }
}

/// Input size, so MB/s can be read off the table (package-benchmark's throughput is in runs/s).
let inputBytes = BenchmarkMetric.custom(
    "input size (bytes)", polarity: .prefersSmaller, useScalingFactor: false)
/// Input bytes per second of the measured run, in MB/s (10^6 bytes).
let inputThroughput = BenchmarkMetric.custom(
    "input MB/s", polarity: .prefersLarger, useScalingFactor: false)

/// Runs `body` between explicit start and stop marks, records input size and MB/s, and keeps
/// the result alive until the measurement has stopped (its deallocation is not measured).
@discardableResult
func measured<T>(_ benchmark: Benchmark, bytes: Int, _ body: () throws -> T) rethrows -> T {
    let clock = ContinuousClock()
    benchmark.startMeasurement()
    let start = clock.now
    let result = try body()
    let elapsed = clock.now - start
    benchmark.stopMeasurement()
    blackHole(result)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    benchmark.measurement(inputBytes, bytes)
    benchmark.measurement(inputThroughput, Int((Double(bytes) / 1e6 / seconds).rounded()))
    return result
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [
            .wallClock, .throughput, .cpuTotal, .peakMemoryResident, .mallocCountTotal, inputBytes,
            inputThroughput,
        ],
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 10)

    Benchmark("load+graph (large workspace)") { benchmark, workspace in
        let validation = measured(benchmark, bytes: workspace.totalBytes) {
            try? Workloads.loadAndGraph(at: workspace.root)
        }
        if validation == nil {
            benchmark.error("the workspace at \(workspace.root.path) did not load")
        }
    } setup: {
        try SharedWorkspace.get()
    }

    Benchmark("raw libyaml events (same files)") { benchmark, workspace in
        let files = workspace.fileURLs
        measured(benchmark, bytes: workspace.totalBytes) { Workloads.rawEvents(files) }
    } setup: {
        try SharedWorkspace.get()
    }

    // The loader parses files on every core (concurrentPerform); this is the like-for-like floor.
    Benchmark("raw libyaml events, all cores (same files)") { benchmark, workspace in
        let files = workspace.fileURLs
        measured(benchmark, bytes: workspace.totalBytes) { Workloads.rawEventsConcurrently(files) }
    } setup: {
        try SharedWorkspace.get()
    }
}

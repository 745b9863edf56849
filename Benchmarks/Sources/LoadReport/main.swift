// A plain report of load + graph throughput against the raw libyaml baseline, and of peak
// memory against the input size: `swift run -c release LoadReport [options]`.
//
//   --runs N          runs of each timing (default 5)
//   --scale F         the default workload scaled by F (frameworks, controls, files, relations)
//   --small           the small test workload
//   --workspace DIR   generate into DIR and keep it (default: a temporary folder, removed after)
//   --existing DIR    measure an existing workspace (no generation)
//   --only KIND       run one kind only and print its time and memory: load, raw, raw2, or
//                     phases (one load timed phase by phase); used for the memory figures
//                     and the phases, and under valgrind --tool=callgrind
//
// Peak memory is measured in a fresh child process per kind (`--only`), so memory that the
// allocator keeps from earlier runs does not count.
import AttestCatalog
import AttestCore
import Foundation
import LoadWorkloads
import WorkspaceGenerator

let residentAtStart = ProcessStats.residentBytes ?? 0

struct Options {
    var runs = 5
    var configuration = GeneratorConfiguration.default
    var workspace: String?
    var existing: String?
    var only: String?

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--runs": runs = iterator.next().flatMap(Int.init) ?? runs
            case "--scale": configuration = .scaled(iterator.next().flatMap(Double.init) ?? 1)
            case "--small": configuration = .small
            case "--workspace": workspace = iterator.next()
            case "--existing": existing = iterator.next()
            case "--only": only = iterator.next()
            default:
                FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
                exit(2)
            }
        }
    }
}

struct Sample {
    var wall: Double
    var cpu: Double
}

/// Runs `body` `runs` times; the result is released after the clock stops.
func measure<T>(_ runs: Int, _ body: () throws -> T) rethrows -> [Sample] {
    var samples: [Sample] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let cpuStart = ProcessStats.cpuSeconds
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        let cpu = ProcessStats.cpuSeconds - cpuStart
        withExtendedLifetime(result) {}
        samples.append(Sample(wall: seconds(elapsed), cpu: cpu))
    }
    return samples
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
func megabytes(_ bytes: Int) -> String { format(Double(bytes) / 1e6, 1) + " MB" }
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))

// MARK: The workload

let generated: GeneratedWorkspace
let keep = options.workspace != nil || options.existing != nil
do {
    if let existing = options.existing {
        generated = GeneratedWorkspace(existingAt: URL(fileURLWithPath: existing))
    } else {
        let clock = ContinuousClock()
        let start = clock.now
        if let folder = options.workspace {
            generated = try WorkspaceGenerator(options.configuration).write(
                to: URL(fileURLWithPath: folder))
        } else {
            generated = try WorkspaceGenerator(options.configuration).writeTemporary()
        }
        print("generated in \(format(seconds(clock.now - start))) s: \(options.configuration)")
        try Workloads.check(generated)
        print("validated: no error")
    }
} catch {
    print("error: \(error)")
    exit(1)
}

/// Removes a temporary workspace and exits.
func finish(_ status: Int32 = 0) -> Never {
    if !keep { try? generated.remove() }
    exit(status)
}

let files = generated.fileURLs
let bytes = generated.totalBytes

/// One kind of measurement.
func run(_ kind: String) -> Any? {
    switch kind {
    case "load": return try? Workloads.loadAndGraph(at: generated.root)
    case "raw": return Workloads.rawEvents(files)
    case "raw2": return Workloads.rawEventsConcurrently(files)
    default: return nil
    }
}

/// Times the phases of one load through the public API: reading and decoding every file,
/// building the control graph, and computing the diagnostics (gaps) that `validate` prints.
func phases() -> (load: Double, graph: Double, diagnostics: Double, errors: Int, warnings: Int)? {
    let clock = ContinuousClock()
    var start = clock.now
    guard let loaded = try? WorkspaceLoader(builtinCatalogs: nil).load(at: generated.root) else {
        return nil
    }
    let load = seconds(clock.now - start)
    start = clock.now
    let validation = Validation(loaded: loaded)
    let graph = seconds(clock.now - start)
    start = clock.now
    let diagnostics = validation.diagnostics(verbose: false)
    let diagnosticsTime = seconds(clock.now - start)
    return (
        load, graph, diagnosticsTime, diagnostics.filter { $0.severity == .error }.count,
        diagnostics.filter { $0.severity == .warning }.count
    )
}

if options.only == "phases" {
    guard let times = phases() else {
        print("error: the workspace did not load")
        finish(1)
    }
    print(
        "phases: load=\(times.load) graph=\(times.graph) diagnostics=\(times.diagnostics) "
            + "errors=\(times.errors) warnings=\(times.warnings)")
    finish()
}

if let only = options.only {
    // One kind only: times, then the memory line the parent process reads.
    guard ["load", "raw", "raw2"].contains(only) else {
        print("--only takes load, raw, raw2 or phases")
        finish(2)
    }
    let before = ProcessStats.residentBytes ?? 0
    var retained = 0
    var runNumber = 0
    let samples = measure(options.runs) { () -> Any? in
        let result = run(only)
        retained = max(retained, ProcessStats.residentBytes ?? 0)
        runNumber += 1
        if options.runs > 1 {
            // Memory across repeated runs of one process: RSS with the result alive, heap in use.
            print(
                "run \(runNumber): RSS \(megabytes(ProcessStats.residentBytes ?? 0)), "
                    + "heap in use \(megabytes(ProcessStats.heapInUseBytes ?? 0))")
        }
        return result
    }
    if options.runs > 1 {
        print(
            "after the last result is released: heap in use "
                + "\(megabytes(ProcessStats.heapInUseBytes ?? 0)), "
                + "RSS \(megabytes(ProcessStats.residentBytes ?? 0))"
        )
        ProcessStats.trimHeap()
        print("after malloc_trim(0): RSS \(megabytes(ProcessStats.residentBytes ?? 0))")
    }
    print("\(only): \(bytes) bytes, median \(format(median(samples.map(\.wall)), 4)) s")
    if options.runs > 1 {
        print("wall per run (s): " + samples.map { format($0.wall, 3) }.joined(separator: " "))
        print("CPU per run (s): " + samples.map { format($0.cpu, 3) }.joined(separator: " "))
    }
    print(
        "memory: start=\(residentAtStart) before=\(before) retained=\(retained) "
            + "peak=\(ProcessStats.peakResidentBytes ?? 0)")
    finish()
}

/// The `key=value` fields of the line starting with `prefix` that a fresh process running
/// `--only kind` prints.
func child(_ kind: String, _ prefix: String) -> [String: Double] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = ["--existing", generated.root.path, "--only", kind, "--runs", "1"]
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
        try process.run()
    } catch {
        return [:]
    }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else {
        return [:]
    }
    var values: [String: Double] = [:]
    for field in line.dropFirst(prefix.count).split(separator: " ") {
        let parts = field.split(separator: "=")
        if parts.count == 2, let value = Double(parts[1]) { values[String(parts[0])] = value }
    }
    return values
}

// MARK: Timings

print("input: \(files.count) YAML files, \(bytes) bytes (\(megabytes(bytes)))")
if generated.requirements > 0 {
    print(
        "       \(generated.requirements) requirements, \(generated.controls) controls, "
            + "\(generated.evidence) evidence specs, "
            + "\(generated.mappingRelations) mapping relations"
    )
}
print(
    "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; runs: \(options.runs); "
        + "MB = 10^6 bytes\n"
)

// Warm-up: one pass of each, so every file is in the page cache and the allocator is warm.
let events = Workloads.rawEvents(files)
_ = run("raw2")
_ = run("load")

let rawSamples = measure(options.runs) { Workloads.rawEvents(files) }
let raw2Samples = measure(options.runs) { Workloads.rawEventsConcurrently(files) }
let loadSamples = measure(options.runs) { try? Workloads.loadAndGraph(at: generated.root) }

func memoryInChild(_ kind: String) -> [String: Int] {
    child(kind, "memory: ").mapValues { Int($0) }
}
let memory = [
    "raw": memoryInChild("raw"), "raw2": memoryInChild("raw2"), "load": memoryInChild("load"),
]
let phaseTimes = child("phases", "phases: ")

func row(_ name: String, _ kind: String, _ samples: [Sample]) -> (mbps: Double, cpuMBps: Double) {
    let wall = median(samples.map(\.wall))
    let cpu = median(samples.map(\.cpu))
    let best = samples.map(\.wall).min() ?? .nan
    let mbps = Double(bytes) / 1e6 / wall
    let cpuMBps = Double(bytes) / 1e6 / cpu
    print(
        pad(name, 24) + pad(format(wall, 3) + " s", 10) + pad(format(best, 3) + " s", 10)
            + pad(format(mbps, 1), 8) + pad(format(cpu, 3) + " s", 10) + pad(format(cpuMBps, 1), 10)
            + megabytes(memory[kind]?["peak"] ?? 0))
    return (mbps, cpuMBps)
}

print(
    pad("", 24) + pad("median", 10) + pad("best", 10) + pad("MB/s", 8) + pad("CPU", 10)
        + pad("MB/CPU-s", 10) + "peak RSS (own process)")
let raw = row("raw libyaml, 1 thread", "raw", rawSamples)
let raw2 = row("raw libyaml, all cores", "raw2", raw2Samples)
let load = row("load + graph", "load", loadSamples)
print(
    "(raw: \(events) events discarded; load: \(Int(phaseTimes["errors"] ?? -1)) errors, "
        + "\(Int(phaseTimes["warnings"] ?? -1)) warnings)")

print(
    "\nratio load / raw, MB/s (raw on 1 thread):   " + format(load.mbps / raw.mbps)
        + "   target ≥ 0.50")
print("ratio load / raw, MB/s (raw on all cores):  " + format(load.mbps / raw2.mbps))
print("ratio load / raw, MB per CPU-second:        " + format(load.cpuMBps / raw.cpuMBps))

if let loadMemory = memory["load"], let peak = loadMemory["peak"], let start = loadMemory["start"] {
    let retained = loadMemory["retained"] ?? 0
    print(
        "\npeak RSS of a process that loads once: \(megabytes(peak)) = "
            + "\(format(Double(peak) / Double(bytes)))× the input   target ≤ 5×"
    )
    print(
        "  of which the process before loading: \(megabytes(start)); growth "
            + "\(megabytes(peak - start)) = \(format(Double(peak - start) / Double(bytes)))× the input"
    )
    print(
        "  RSS with the result alive: \(megabytes(retained)) "
            + "(\(format(Double(retained - start) / Double(bytes)))× the input above the start)"
    )
} else {
    print("\npeak RSS: not measured (no /proc or the child process failed)")
}

if let loadTime = phaseTimes["load"], let graphTime = phaseTimes["graph"] {
    let once = loadTime + graphTime
    print(
        "\none load + graph in a fresh process (as `attest validate` runs): \(format(once, 3)) s = "
            + format(Double(bytes) / 1e6 / once, 1) + " MB/s, ratio "
            + format(Double(bytes) / 1e6 / once / raw.mbps) + " of raw on 1 thread")
}
print(
    "phases of that load: WorkspaceLoader.load "
        + format(phaseTimes["load"] ?? .nan, 3) + " s, Validation (ControlGraph) "
        + format(phaseTimes["graph"] ?? .nan, 3) + " s; then diagnostics(verbose: false) "
        + format(phaseTimes["diagnostics"] ?? .nan, 3) + " s")
finish()

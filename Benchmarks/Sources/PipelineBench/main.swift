// The whole-pipeline benchmark: the release `attest` binary validates and builds a generated
// workspace whose evidence files are real, and each phase of the build (from its `--timings`
// file) is set beside the raw floor of the same work measured in the same run.
//
//   swift run -c release PipelineBench [--scale F] [--existing DIR] [--attest PATH] [--runs N]
//       [--scale-check] [--dense] [--memory-bound BYTES] [--work DIR] [--keep]
//       [--evidence-cache] [--generate DIR [--plain | --dense]]
//
// With --evidence-cache, each run also builds twice more with `--evidence-cache` (a folder in
// the work folder, emptied first): the first fills the cache, the second, a repeat build of
// unchanged evidence, is reported beside the same floors (docs/evidence-cache.md).
//
// docs/benchmarks.md ("Whole pipeline") says what each floor is and how to read the table.
import Foundation
import WorkspaceGenerator

/// The build time every run uses: the generated dates lie before it.
let buildTime = "2026-06-01T00:00:00Z"

struct Options {
    var scale = 1.0
    var existing: String?
    var attest = "../.build/release/attest"
    var runs = 1
    var scaleCheck = false
    var dense = false
    var memoryBound = 3 << 30
    var work: String?
    var keep = false
    /// Also measure a repeat build from the evidence cache.
    var evidenceCache = false
    /// Only write the workspace (at `--scale`) into this folder and stop.
    var generate: String?
    /// With `--generate`: the workspace of `LoadReport` (`GeneratorConfiguration.scaled`),
    /// without evidence files.
    var plain = false

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError("\(flag) needs a value") }
            return next
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--scale":
                guard let number = Double(try value(flag)), number > 0 else {
                    throw UsageError("--scale needs a positive number")
                }
                scale = number
            case "--existing": existing = try value(flag)
            case "--attest": attest = try value(flag)
            case "--runs":
                guard let number = Int(try value(flag)), number >= 1 else {
                    throw UsageError("--runs needs a whole number ≥ 1")
                }
                runs = number
            case "--scale-check": scaleCheck = true
            case "--dense": dense = true
            case "--memory-bound":
                guard let number = Int(try value(flag)), number > 0 else {
                    throw UsageError("--memory-bound needs a number of bytes")
                }
                memoryBound = number
            case "--work": work = try value(flag)
            case "--keep": keep = true
            case "--evidence-cache": evidenceCache = true
            case "--generate": generate = try value(flag)
            case "--plain": plain = true
            default: throw UsageError("unknown option \(flag)")
            }
        }
    }
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Progress, on standard error so the table on standard output stays clean.
func progress(_ text: String) {
    FileHandle.standardError.write(Data("· \(text)\n".utf8))
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
        .map { $0.split(separator: " ").prefix(3).joined(separator: " ") } ?? "?"
}

func mib(_ bytes: Int) -> String { String(format: "%.0f MiB", Double(bytes) / 1_048_576) }
func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
func ratio(_ value: Double, _ floor: Double) -> String {
    floor > 0 ? String(format: "%.1f×", value / floor) : "—"
}

/// The timings file of a build or validate, as numbers by phase.
func readTimings(_ url: URL) -> [String: Double] {
    guard let data = try? Data(contentsOf: url),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return object.compactMapValues { ($0 as? NSNumber)?.doubleValue }
}

/// One build of the workspace and the floors measured right after it.
struct Measurement {
    var validate: ChildRun
    var validateTimings: [String: Double]
    var build: ChildRun
    var phases: [String: Double]
    var yaml: (seconds: Double, events: Int)
    var hash: (seconds: Double, bytes: Int)
    /// Not in the sum of floors: read, hash, parse and verify (``RawFloors/collectWork``).
    var collectWork: (seconds: Double, parsed: Int, verified: Int, byKind: [String: Double])
    /// The same work on every core (``RawFloors/collectWorkOnEveryCore``), wall seconds.
    var collectWorkEveryCore: Double
    var store: (seconds: Double, rows: Int)
    var write: (seconds: Double, bytes: Int)
    var results: Int
    /// CPU seconds of this process over the four floors (one thread each).
    var floorsCPU: Double
    /// With `--evidence-cache`: the build that filled the cache, and the repeat build from it.
    var cached:
        (
            filling: ChildRun, fillingPhases: [String: Double], repeat: ChildRun,
            phases: [String: Double], validate: ChildRun
        )?
}

/// CPU seconds this process has used so far.
func processCPU() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

struct Bench {
    var options: Options
    var attest: String
    var work: URL
    /// Whether the binary has `--timings` (an attest from before it has only totals).
    var hasTimings: Bool

    /// `--timings FILE`, when the binary has it.
    func timingsArguments(_ file: URL) -> [String] {
        hasTimings ? ["--timings", file.path] : []
    }

    func validate(
        _ workspace: URL, tag: String, extra: [String] = []
    ) throws -> (ChildRun, [String: Double]) {
        let timings = work.appendingPathComponent("validate-\(tag).json")
        let run = try ChildProcess.run(
            attest,
            [
                "validate", "--workspace", workspace.path, "--now", buildTime, "--format", "json",
            ] + extra + timingsArguments(timings), logs: work, name: "validate-\(tag)")
        if run.status != 0 {
            progress("validate exited \(run.status.map(String.init) ?? "by a signal"):")
            progress(run.standardError)
        }
        let phases = readTimings(timings)
        return (run.measuringItsOwnMemory(phases), phases)
    }

    func build(
        _ workspace: URL, tag: String, memoryBound: Int? = nil, extra: [String] = []
    ) throws -> (ChildRun, [String: Double], out: URL, store: URL) {
        let out = work.appendingPathComponent("out-\(tag)")
        let store = work.appendingPathComponent("store-\(tag).sqlite")
        let timings = work.appendingPathComponent("build-\(tag).json")
        try? FileManager.default.removeItem(at: out)
        for suffix in ["", "-wal", "-shm"] { unlink(store.path + suffix) }
        let run = try ChildProcess.run(
            attest,
            [
                "build", "--workspace", workspace.path, "--out", out.path, "--store", store.path,
                "--build-time", buildTime, "--quiet",
            ] + extra + timingsArguments(timings), logs: work, name: "build-\(tag)",
            memoryBound: memoryBound)
        let phases = readTimings(timings)
        return (run.measuringItsOwnMemory(phases), phases, out, store)
    }

    /// Validate, build, then every floor over the same inputs and outputs.
    func measure(_ workspace: GeneratedWorkspace, tag: String) throws -> Measurement {
        progress("attest validate (\(tag)) …")
        let (validate, validateTimings) = try validate(workspace.root, tag: tag)
        progress("attest build (\(tag)) …")
        let (build, phases, out, store) = try build(workspace.root, tag: tag)
        guard build.status == 0 || build.status == 1 else {
            throw UsageError(
                "attest build failed (\(build.status.map { "exit \($0)" } ?? "signal")):\n"
                    + build.standardError)
        }
        let cpuBefore = processCPU()
        progress("floor: libyaml over \(workspace.files.count) YAML files …")
        let yaml = RawFloors.yaml(workspace.fileURLs)
        var floorsCPU = processCPU() - cpuBefore
        progress("floor: read + SHA-256 of \(workspace.evidenceFiles.count) evidence files …")
        let hashCPU = processCPU()
        let hash = RawFloors.hash(
            workspace.evidenceFiles.map { workspace.root.appendingPathComponent($0) })
        floorsCPU += processCPU() - hashCPU
        progress("reference: read, hash, parse and verify the evidence files …")
        let attestations = workspace.evidenceFiles.filter { $0.contains("/attestations/") }.count
        let collectWork = RawFloors.collectWork(
            workspace.evidenceFiles.map { workspace.root.appendingPathComponent($0) },
            attestations: attestations)
        progress("reference: the same on every core …")
        let collectWorkEveryCore = RawFloors.collectWorkOnEveryCore(
            workspace.evidenceFiles.map { workspace.root.appendingPathComponent($0) },
            attestations: attestations)
        progress("floor: raw SQLite insert of the stored rows …")
        let copy = try RawStoreCopy(readingStoreAt: store.path)
        let storeCPU = processCPU()
        let storeSeconds = try copy.insert(
            into: work.appendingPathComponent("raw-\(tag).sqlite").path)
        floorsCPU += processCPU() - storeCPU
        let results =
            copy.tables.first { $0.name == "evidence_results" }?.rows ?? workspace.evidence
        progress("floor: writing the \(out.lastPathComponent) bytes again …")
        let write = try RawFloors.write(
            output: out, to: work.appendingPathComponent("raw-out-\(tag)"),
            cpu: &floorsCPU)
        try? FileManager.default.removeItem(at: work.appendingPathComponent("raw-out-\(tag)"))
        var cached: (ChildRun, [String: Double], ChildRun, [String: Double], ChildRun)?
        if options.evidenceCache {
            let folder = work.appendingPathComponent("evidence-cache")
            try? FileManager.default.removeItem(at: folder)
            let extra = ["--evidence-cache", folder.path]
            progress("attest build --evidence-cache (\(tag)), filling …")
            let (filling, fillingPhases, _, _) = try self.build(
                workspace.root, tag: "\(tag)-filling", extra: extra)
            progress("attest build --evidence-cache (\(tag)), repeated …")
            let (again, againPhases, againOut, _) = try self.build(
                workspace.root, tag: "\(tag)-cached", extra: extra)
            if !RawFloors.sameFiles(out, againOut) {
                throw UsageError(
                    "the build from the evidence cache wrote other bytes than \(out.path)")
            }
            progress("attest validate --evidence-cache (\(tag)) …")
            let (cachedValidate, _) = try self.validate(
                workspace.root, tag: "\(tag)-cached", extra: extra)
            let findings = { (name: String) in
                FileManager.default.contents(
                    atPath: self.work.appendingPathComponent("validate-\(name).out").path)
            }
            if findings(tag) != findings("\(tag)-cached") {
                throw UsageError("validate with the evidence cache reported other findings")
            }
            cached = (filling, fillingPhases, again, againPhases, cachedValidate)
        }
        return Measurement(
            validate: validate, validateTimings: validateTimings, build: build, phases: phases,
            yaml: yaml, hash: hash, collectWork: collectWork,
            collectWorkEveryCore: collectWorkEveryCore, store: (storeSeconds, copy.rowCount),
            write: write,
            results: results, floorsCPU: floorsCPU, cached: cached)
    }
}

/// The smallest of each figure over the runs (the least disturbed by other processes).
func best(_ runs: [Measurement]) -> Measurement {
    var best = runs[0]
    for run in runs.dropFirst() {
        if run.build.wall < best.build.wall {
            best.build = run.build
            best.phases = run.phases
        }
        if run.validate.wall < best.validate.wall {
            best.validate = run.validate
            best.validateTimings = run.validateTimings
        }
        if run.yaml.seconds < best.yaml.seconds { best.yaml = run.yaml }
        if run.hash.seconds < best.hash.seconds { best.hash = run.hash }
        if run.collectWork.seconds < best.collectWork.seconds { best.collectWork = run.collectWork }
        best.collectWorkEveryCore = min(best.collectWorkEveryCore, run.collectWorkEveryCore)
        if run.store.seconds < best.store.seconds { best.store = run.store }
        if run.write.seconds < best.write.seconds { best.write = run.write }
    }
    return best
}

func range(_ values: [Double]) -> String {
    guard let low = values.min(), let high = values.max(), values.count > 1 else { return "" }
    return String(format: " (%.2f–%.2f)", low, high)
}

func report(_ runs: [Measurement], workspace: GeneratedWorkspace) {
    let m = best(runs)
    let floors = m.yaml.seconds + m.hash.seconds + m.store.seconds + m.write.seconds
    var lines: [[String]] = [["phase", "attest", "raw floor", "ratio", "floor is"]]
    /// A phase's row: its time from `--timings` ("—" without it), the floor, the ratio.
    func row(_ name: String, _ floor: Double, _ what: String) -> [String] {
        guard let time = m.phases[name] else { return [name, "—", seconds(floor), "—", what] }
        return [name, seconds(time), seconds(floor), ratio(time, floor), what]
    }
    lines.append(
        row(
            "load", m.yaml.seconds,
            "libyaml events, \(workspace.files.count) files, \(mib(workspace.totalBytes))"))
    lines.append(
        row(
            "collect", m.hash.seconds,
            "read + SHA-256, \(workspace.evidenceFiles.count) files, \(mib(m.hash.bytes))"))
    if let collect = m.phases["collect"] {
        lines.append([
            "(collect)", seconds(collect), seconds(m.collectWork.seconds),
            ratio(collect, m.collectWork.seconds),
            "not a floor: read + SHA-256 + parse \(m.collectWork.parsed) files (libyaml, "
                + "JSONSerialization, XMLParser) + \(m.collectWork.verified) Ed25519 verifies",
        ])
        lines.append([
            "(collect)", seconds(collect), seconds(m.collectWorkEveryCore),
            ratio(collect, m.collectWorkEveryCore),
            "not a floor: the same work on \(ProcessInfo.processInfo.activeProcessorCount) cores",
        ])
    }
    let rate = m.phases["score"].map { $0 > 0 ? Double(m.results) / $0 / 1e6 : 0 }
    lines.append([
        "score", m.phases["score"].map(seconds) ?? "—", "—", "—",
        (rate.map { String(format: "%.2f", $0) } ?? "—") + " M results/s (target ≥ 1 M/s)",
    ])
    lines.append(
        row("store", m.store.seconds, "SQLite C API insert, \(m.store.rows) rows"))
    lines.append(
        row("render", m.write.seconds, "write the output, \(mib(m.write.bytes))"))
    lines.append([
        "total", seconds(m.build.wall) + range(runs.map(\.build.wall)), seconds(floors),
        ratio(m.build.wall, floors), "process wall vs sum of floors (target ≤ 2×)",
    ])
    // What a cold build cannot go under while it parses: the parsing reference on every core
    // in place of the collect floor.
    let parsingBound = floors - m.hash.seconds + m.collectWorkEveryCore
    lines.append([
        "(total)", seconds(m.build.wall), seconds(parsingBound), ratio(m.build.wall, parsingBound),
        "not a floor: the sum with the collect reference on every core for read + SHA-256 ("
            + ratio(parsingBound, floors) + " the sum of floors)",
    ])
    lines.append([
        "validate", seconds(m.validate.wall) + range(runs.map(\.validate.wall)),
        seconds(m.yaml.seconds), ratio(m.validate.wall, m.yaml.seconds),
        "process wall vs libyaml (rate ≥ 0.5 of it: ratio ≤ 2×)",
    ])
    let widths = (0..<5).map { column in lines.map { $0[column].count }.max() ?? 0 }
    for line in lines {
        print(
            zip(line, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  "))
    }
    if let total = m.phases["total"] {
        print(
            "phases inside the build (--timings): total \(seconds(total)); process wall "
                + seconds(m.build.wall))
    }
    print(
        "collect reference by part: "
            + m.collectWork.byKind.sorted { $0.value > $1.value }
            .map { "\($0.key) \(seconds($0.value))" }.joined(separator: ", "))
    print(
        "CPU (user + system): build \(seconds(m.build.cpu)), floors \(seconds(m.floorsCPU)) = "
            + ratio(m.build.cpu, m.floorsCPU) + "; validate \(seconds(m.validate.cpu))")
    print(
        "peak RSS: build \(mib(m.build.peakRSSBytes)) (target ≤ 500 MiB), validate "
            + "\(mib(m.validate.peakRSSBytes))")
    print(
        "build exit status: \(m.build.status.map(String.init) ?? "signal") · results \(m.results)")
    let cached = runs.compactMap(\.cached)
    if let fastest = cached.min(by: { $0.repeat.wall < $1.repeat.wall }) {
        let phases = ["load", "collect", "score", "store", "render"].map { name in
            "\(name) " + (fastest.phases[name].map(seconds) ?? "—")
        }
        print(
            "evidence cache, filling build: \(seconds(fastest.filling.wall)) (collect "
                + (fastest.fillingPhases["collect"].map(seconds) ?? "—") + ")")
        let total: String =
            "total \(seconds(fastest.repeat.wall))" + range(cached.map(\.repeat.wall))
        let ratioText: String = ratio(fastest.repeat.wall, floors)
        let collect: String =
            fastest.phases["collect"].map { ratio($0, m.hash.seconds) + " its floor" } ?? "—"
        let rss: String = mib(fastest.repeat.peakRSSBytes)
        print(
            "evidence cache, repeat build: \(total) = \(ratioText) the sum of floors (target "
                + "≤ 2×); collect \(collect); \(phases.joined(separator: ", ")); peak RSS "
                + "\(rss); same output bytes as the plain build")
        if let quickest = cached.min(by: { $0.validate.wall < $1.validate.wall }) {
            print(
                "evidence cache, validate: \(seconds(quickest.validate.wall))"
                    + range(cached.map(\.validate.wall)) + " = "
                    + ratio(quickest.validate.wall, m.yaml.seconds)
                    + " libyaml (ratio ≤ 2× wanted); the same findings as without the cache")
        }
    }
}

func run() throws {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    if let folder = options.generate, options.dense {
        let written = try DenseWorkspace().write(to: URL(fileURLWithPath: folder))
        print(
            "\(folder): the dense workspace, \(mib(written.inputBytes)) of input, "
                + "\(written.traceabilityRows) traceability rows")
        return
    }
    if let folder = options.generate {
        let configuration =
            options.plain
            ? GeneratorConfiguration.scaled(options.scale)
            : GeneratorConfiguration.pipelineScaled(options.scale)
        progress("generating \(configuration) …")
        var written: GeneratedWorkspace?
        let elapsed = try RawFloors.time {
            written = try WorkspaceGenerator(configuration).write(
                to: URL(fileURLWithPath: folder))
        }
        if let written {
            print(
                String(
                    format: "%@: %d YAML files (%@), %d evidence files (%@) in %.1f s", folder,
                    written.files.count, mib(written.totalBytes), written.evidenceFiles.count,
                    mib(written.evidenceBytes), elapsed))
        }
        return
    }
    let attest = URL(fileURLWithPath: options.attest).standardizedFileURL.path
    guard FileManager.default.isExecutableFile(atPath: attest) else {
        throw UsageError(
            "no attest binary at \(attest): run `swift build -c release --product attest` at "
                + "the repository root, or pass --attest PATH")
    }
    let repository = URL(fileURLWithPath: attest).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    let revision =
        ChildProcess.output(
            "/usr/bin/env", ["git", "-C", repository, "rev-parse", "--short", "HEAD"])
        ?? "unknown"
    let dirty =
        (ChildProcess.output("/usr/bin/env", ["git", "-C", repository, "status", "--porcelain"])
            ?? "").isEmpty ? "" : " (with uncommitted changes)"
    let work = URL(
        fileURLWithPath: options.work
            ?? NSTemporaryDirectory()
            + "pipeline-bench-\(ProcessInfo.processInfo.processIdentifier)"
    )
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer {
        if !options.keep { try? FileManager.default.removeItem(at: work) }
    }
    print("attest: \(attest) at \(revision)\(dirty)")
    print(
        "load average at start: \(loadAverage()) · \(ProcessInfo.processInfo.activeProcessorCount) cores"
    )
    let help = ChildProcess.output(attest, ["build", "--help"]) ?? ""
    let bench = Bench(
        options: options, attest: attest, work: work, hasTimings: help.contains("--timings"))
    if !bench.hasTimings {
        print("this attest has no --timings: only whole-process figures")
    }

    if options.dense {
        try dense(bench)
        print("load average at end: \(loadAverage())")
        return
    }

    func workspace(_ scale: Double, _ name: String) throws -> GeneratedWorkspace {
        if let existing = options.existing, name == "ws" {
            progress("using the workspace at \(existing)")
            return GeneratedWorkspace(existingAt: URL(fileURLWithPath: existing))
        }
        let configuration = GeneratorConfiguration.pipelineScaled(scale)
        progress("generating \(configuration) …")
        var written: GeneratedWorkspace?
        let elapsed = try RawFloors.time {
            written = try WorkspaceGenerator(configuration).write(
                to: work.appendingPathComponent(name))
        }
        guard let written else { throw UsageError("generation failed") }
        progress(
            String(
                format: "generated in %.1f s: %d YAML files (%@), %d evidence files (%@)", elapsed,
                written.files.count, mib(written.totalBytes), written.evidenceFiles.count,
                mib(written.evidenceBytes)))
        return written
    }

    let first = try workspace(options.scale, "ws")
    print(
        "workload: \(options.existing ?? "scale \(options.scale)"): \(first.files.count) YAML files (\(mib(first.totalBytes))), "
            + "\(first.evidenceFiles.count) evidence files (\(mib(first.evidenceBytes)))")
    var runs: [Measurement] = []
    for index in 1...options.runs {
        runs.append(try bench.measure(first, tag: "\(index)"))
    }
    print("")
    report(runs, workspace: first)

    if options.scaleCheck {
        let doubled = try workspace(options.scale * 2, "ws2x")
        let twice = try bench.measure(doubled, tag: "2x")
        let base = best(runs)
        print("")
        print("2× input (scale \(options.scale * 2)):")
        report([twice], workspace: doubled)
        print(
            String(
                format: "scale check: build %.2f s → %.2f s = %.2f× for 2× input (target ≤ 2.2×)",
                base.build.wall, twice.build.wall, twice.build.wall / base.build.wall))
        try? FileManager.default.removeItem(at: doubled.root)
    }
    print("load average at end: \(loadAverage())")
}

/// The dense workspace, built under a memory watchdog.
func dense(_ bench: Bench) throws {
    let layout = DenseWorkspace()
    progress(
        "generating the dense workspace: \(layout.copies) copies of NIST SP 800-53, "
            + "\(layout.controls) controls …")
    let root = bench.work.appendingPathComponent("dense")
    let written = try layout.write(to: root)
    print(
        "dense workload: \(layout.copies) × \(written.requirementsPerCopy) assessable requirements, "
            + "\(layout.controls) controls × \(layout.requirementsPerCopy) requirements a copy × "
            + "\(layout.evidencePerControl) evidence; \(mib(written.inputBytes)) of input; "
            + "traceability rows: \(written.traceabilityRows)")
    progress(
        "attest build of the dense workspace (watchdog at \(mib(bench.options.memoryBound))) …")
    let (run, phases, out, _) = try bench.build(
        root, tag: "dense", memoryBound: bench.options.memoryBound)
    let outcome: String
    if let bound = run.killedAbove {
        outcome = "killed by the watchdog above \(mib(bound))"
    } else if run.status == 0 || run.status == 1 {
        outcome = "built (exit \(run.status ?? 0))"
    } else {
        let message = run.standardError.split(separator: "\n").filter { $0.contains("error") }
            .suffix(3).joined(separator: " / ")
        outcome =
            "refused or failed (\(run.status.map { "exit \($0)" } ?? "signal \(run.signal ?? 0)")): "
            + message
    }
    print("dense build: \(outcome)")
    print("dense build: wall \(seconds(run.wall)), peak RSS \(mib(run.peakRSSBytes))")
    if !phases.isEmpty {
        let order = ["load", "collect", "score", "store", "render", "total"]
        print(
            "dense phases: "
                + order.compactMap { name in phases[name].map { "\(name) \(seconds($0))" } }
                .joined(separator: ", "))
    }
    try? FileManager.default.removeItem(at: out)
    if !bench.options.keep { try? FileManager.default.removeItem(at: root) }
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}

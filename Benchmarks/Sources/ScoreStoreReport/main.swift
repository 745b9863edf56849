// A plain report of scoring throughput and of the store write against the raw SQLite C API:
// `swift run -c release ScoreStoreReport [options]`.
//
//   --runs N          timed runs of each measurement (default 5), after one warm-up
//   --scale F         the scoring workload (50 frameworks × 1,000 requirements, 10,000 controls)
//                     scaled by F; 0.1 gives 5 frameworks, 1,000 controls, 10,000 results
//   --evidence N      evidence specs (and results) per control (default 10)
//   --only KIND       one measurement only, for valgrind --tool=callgrind: score, attest (the
//                     store write through SQLiteStore.record), raw (the C-API loop with the
//                     same per-row formatting) or raw-pre (the C-API loop, text formatted ahead)
//   --no-verify       skip the check that every writer stores identical rows
import AttestCore
import AttestStore
import Foundation
import LoadWorkloads
import ScoreStoreWorkloads
import WorkspaceGenerator

struct Options {
    var runs = 5
    var configuration = GeneratorConfiguration.scoring
    var only: String?
    var verify = true

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        var scale = 1.0
        var evidence = 10
        while let argument = iterator.next() {
            switch argument {
            case "--runs": runs = max(1, iterator.next().flatMap(Int.init) ?? runs)
            case "--scale": scale = iterator.next().flatMap(Double.init) ?? 1
            case "--evidence": evidence = iterator.next().flatMap(Int.init) ?? evidence
            case "--only": only = iterator.next()
            case "--no-verify": verify = false
            default:
                FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
                exit(2)
            }
        }
        configuration = scale == 1 ? .default : .scaled(scale)
        configuration.evidencePerControl = evidence
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
func grouped(_ value: Double) -> String {
    let number = NumberFormatter()
    number.numberStyle = .decimal
    number.maximumFractionDigits = 0
    number.locale = Locale(identifier: "en_US")
    return number.string(from: NSNumber(value: value.rounded())) ?? format(value, 0)
}
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// Wall seconds of `body`; its result is released after the clock stops.
func timed<T>(_ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    return (seconds(clock.now - start), result)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
// The fresh databases' folder goes when the process does, whichever way it exits.
atexit { StoreWorkloads.removeFolder() }

// MARK: The workload

let fixture: ScoringFixture
do {
    fixture = try ScoringFixture.prepare(options.configuration)
} catch {
    print("error: \(error)")
    exit(1)
}
let resultCount = fixture.results.count
let (statusCounts, expiringCount) = fixture.statusCounts

// MARK: --only (profiling)

if let only = options.only {
    // Nothing else is computed in this mode, so callgrind's totals are the measurement's.
    let run = only == "score" ? nil : ScoringWorkload.run(fixture)
    let precomputed = only == "raw-pre" ? PrecomputedRun(run!) : nil
    let rowCount = run.map { 1 + $0.results.count + $0.scores.count + $0.controls.count } ?? 0
    var times: [Double] = []
    for _ in 0..<options.runs {
        switch only {
        case "score":
            times.append(timed { ScoringWorkload.score(fixture) }.seconds)
        case "attest":
            let store = try StoreWorkloads.openStore()
            times.append(try timed { try store.record(run!) }.seconds)
            StoreWorkloads.remove(store.path)
        case "raw":
            let writer = try StoreWorkloads.openRaw()
            times.append(try timed { try writer.write(run!) }.seconds)
            StoreWorkloads.remove(writer.path)
        case "raw-pre":
            let writer = try StoreWorkloads.openRaw()
            times.append(try timed { try writer.write(precomputed!) }.seconds)
            StoreWorkloads.remove(writer.path)
        default:
            print("--only takes score, attest, raw or raw-pre")
            exit(2)
        }
    }
    let count = only == "score" ? resultCount : rowCount
    print(
        "\(only): \(count) \(only == "score" ? "results" : "rows"), median "
            + "\(format(median(times), 4)) s = \(grouped(Double(count) / median(times)))/s; runs: "
            + times.map { format($0, 4) }.joined(separator: " "))
    exit(0)
}

let scopedLeaves = Scores(
    graph: fixture.graph, results: [:], now: fixture.now, expiringWithin: fixture.expiringWithin
).leaves.count

print("workload: \(options.configuration)")
print(
    "  generated \(grouped(Double(fixture.yamlBytes))) bytes of YAML in "
        + "\(format(fixture.generationSeconds)) s, loaded with its graph in "
        + "\(format(fixture.loadSeconds)) s (neither measured below)")
print(
    "  graph: \(fixture.graph.scopedFrameworkIDs.count) scoped frameworks, "
        + "\(grouped(Double(fixture.graph.nodes.count))) requirements "
        + "(\(grouped(Double(scopedLeaves))) in-scope leaves), "
        + "\(grouped(Double(fixture.graph.controls.count))) controls, "
        + "\(grouped(Double(fixture.graph.evidence.count))) evidence specs")
print(
    "  results: \(grouped(Double(resultCount))) synthesized — "
        + ["pass", "partial", "fail", "error", "stale", "missing"].map {
            "\(statusCounts[$0] ?? 0) \($0)"
        }.joined(separator: ", ")
        + "; \(expiringCount) count and expire within \(fixture.expiringWithin)")
print(
    "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; runs: \(options.runs) "
        + "(median, best); one thread\n")

let run = ScoringWorkload.run(fixture)
let precomputed = PrecomputedRun(run)
let rowCount = precomputed.rowCount

// MARK: Scoring

var scoreTimes: [Double] = []
var scoresInitTimes: [Double] = []
var nodeTimes: [Double] = []
var nodeCount = 0
for iteration in 0...options.runs {
    let clock = ContinuousClock()
    let start = clock.now
    let scores = Scores(
        graph: fixture.graph, results: fixture.results, now: fixture.now,
        expiringWithin: fixture.expiringWithin)
    let middle = clock.now
    let nodes = ScoringWorkload.storedNodeScores(scores)
    let end = clock.now
    withExtendedLifetime((scores, nodes)) {}
    nodeCount = nodes.count
    guard iteration > 0 else { continue }  // warm-up
    scoresInitTimes.append(seconds(middle - start))
    nodeTimes.append(seconds(end - middle))
    scoreTimes.append(seconds(end - start))
}
// The same scores from the results keyed by id (the other initializer): what the keying costs.
let byIDTime = median(
    (0..<options.runs).map { _ in
        timed {
            Scores(
                graph: fixture.graph, results: fixture.resultsByID, now: fixture.now,
                expiringWithin: fixture.expiringWithin)
        }.seconds
    })
let dictionaryTime = median(
    (0..<options.runs).map { _ in
        timed { Dictionary(uniqueKeysWithValues: fixture.results.map { ($0.evidence, $0) }) }
            .seconds
    })
let snapshotTime = median(
    (0..<options.runs).map { _ in
        let scores = Scores(
            graph: fixture.graph, results: fixture.resultsByID, now: fixture.now,
            expiringWithin: fixture.expiringWithin)
        return timed { ScoringWorkload.controlSnapshots(scores) }.seconds
    })
// Pieces of Scores.init, timed apart to explain its cost: the 100,000 `results[spec.id]`
// lookups alone, and Scores.init over no results (its requirement and leaf part, and the control
// loop without copying results).
let specIDs = fixture.graph.controlIDs.flatMap {
    fixture.graph.controls[$0]?.evidence.map(\.id) ?? []
}
let lookupTime = median(
    (0..<options.runs).map { _ in
        timed { specIDs.reduce(0) { $0 + (fixture.resultsByID[$1] == nil ? 0 : 1) } }.seconds
    })
let emptyScoresTime = median(
    (0..<options.runs).map { _ in
        timed {
            Scores(
                graph: fixture.graph, results: [:], now: fixture.now,
                expiringWithin: fixture.expiringWithin)
        }.seconds
    })
let scoreRate = Double(resultCount) / median(scoreTimes)
print(
    "scoring: Scores(graph:results:now:expiringWithin:) from the results array + "
        + "\(nodeCount) node scores")
print(
    "  total      median \(format(median(scoreTimes) * 1000, 1)) ms, best "
        + "\(format((scoreTimes.min() ?? .nan) * 1000, 1)) ms = "
        + "\(grouped(scoreRate)) results/s (best \(grouped(Double(resultCount) / (scoreTimes.min() ?? .nan))))   "
        + "target ≥ 1,000,000: \(scoreRate >= 1_000_000 ? "met" : "missed")")
print(
    "  phases     Scores.init \(format(median(scoresInitTimes) * 1000, 1)) ms, "
        + "framework + domain scores \(format(median(nodeTimes) * 1000, 1)) ms")
print(
    "  parts      \(grouped(Double(specIDs.count))) results[spec.id] lookups alone "
        + "\(format(lookupTime * 1000, 1)) ms; Scores.init over no results "
        + "\(format(emptyScoresTime * 1000, 1)) ms; Scores.init from the results keyed by id "
        + "\(format(byIDTime * 1000, 1)) ms")
print(
    "  not in it  results → dictionary \(format(dictionaryTime * 1000, 1)) ms, "
        + "control snapshots \(format(snapshotTime * 1000, 1)) ms\n")

// MARK: Store write

print(
    "store write: one run = 1 run + \(grouped(Double(run.results.count))) evidence results + "
        + "\(grouped(Double(run.scores.count))) node scores + "
        + "\(grouped(Double(run.controls.count))) control snapshots = \(grouped(Double(rowCount))) rows, "
        + "a fresh file each time")

/// One way of writing the run: opens a fresh database (not timed) and returns a closure that
/// writes the run into it (timed), and the database's path.
struct Writer {
    var name: String
    var open: () throws -> (path: String, write: () throws -> Int64)
}

let writers = [
    Writer(name: "SQLiteStore.record (GRDB)") {
        let store = try StoreWorkloads.openStore()
        return (store.path, { try store.record(run) })
    },
    Writer(name: "raw C API, same per-row formatting") {
        let writer = try StoreWorkloads.openRaw()
        return (writer.path, { try writer.write(run) })
    },
    Writer(name: "raw C API, text formatted ahead") {
        let writer = try StoreWorkloads.openRaw()
        return (writer.path, { try writer.write(precomputed) })
    },
]
if options.verify {
    do {
        let written = try writers.map { writer -> String in
            let opened = try writer.open()
            _ = try opened.write()
            return opened.path
        }
        if let raw = try? RawStoreWriter(
            path: StoreWorkloads.freshPath("settings"), schema: StoreWorkloads.schema)
        {
            print("  raw connection: \(raw.settings), as GRDB sets up the store (see docs)")
            StoreWorkloads.remove(raw.path)
        }
        let counts = try StoreComparison.rowCounts(written[0])
        var differences: [String] = []
        for path in written.dropFirst() {
            differences += try StoreComparison.differences(written[0], path)
        }
        print(
            "  rows stored: "
                + ["runs", "evidence_results", "scores", "run_controls"].map {
                    "\($0) \(counts[$0] ?? 0)"
                }.joined(separator: ", ")
                + "; every other writer's rows identical to SQLiteStore's: "
                + (differences.isEmpty ? "yes" : "NO"))
        for difference in differences.prefix(10) { print("    " + difference) }
        written.forEach(StoreWorkloads.remove)
    } catch {
        print("error: \(error)")
        exit(1)
    }
}

struct WriteSamples {
    var write: [Double] = []
    var open: [Double] = []
    var size = 0
}
var samples = Array(repeating: WriteSamples(), count: writers.count)
do {
    for iteration in 0...options.runs {
        // Interleaved, so a busy moment of the machine hits every writer alike.
        for (index, writer) in writers.enumerated() {
            let opened = try timed { try writer.open() }
            let seconds = try timed { try opened.result.write() }.seconds
            if iteration > 0 {  // the first round is a warm-up
                samples[index].write.append(seconds)
                samples[index].open.append(opened.seconds)
                samples[index].size = StoreWorkloads.size(opened.result.path)
            }
            StoreWorkloads.remove(opened.result.path)
        }
    }
} catch {
    print("error: \(error)")
    exit(1)
}

func rate(_ samples: WriteSamples) -> Double { Double(rowCount) / median(samples.write) }
print(
    "  " + pad("", 40) + pad("median", 11) + pad("best", 11) + pad("rows/s", 11)
        + pad("results/s", 12) + pad("vs raw", 8) + pad("vs raw-pre", 12) + "open (not counted)")
for (writer, sample) in zip(writers, samples) {
    let wall = median(sample.write)
    let best = sample.write.min() ?? .nan
    print(
        "  " + pad(writer.name, 40) + pad(format(wall * 1000, 1) + " ms", 11)
            + pad(format(best * 1000, 1) + " ms", 11)
            + pad(grouped(Double(rowCount) / wall), 11)
            + pad(grouped(Double(run.results.count) / wall), 12)
            + pad(format(rate(sample) / rate(samples[1])), 8)
            + pad(format(rate(sample) / rate(samples[2])), 12)
            + format(median(sample.open) * 1000, 1) + " ms")
}
let attest = samples[0]
print(
    "  database + WAL after the write: \(grouped(Double(attest.size))) bytes "
        + "(raw: \(grouped(Double(samples[2].size))); the store also holds grdb_migrations)")
let ratio = rate(attest) / rate(samples[1])
let ratioPre = rate(attest) / rate(samples[2])
print(
    "\n  ratio attest / raw (same per-row formatting): \(format(ratio))   target ≥ 0.50: "
        + (ratio >= 0.5 ? "met" : "missed"))
print(
    "  ratio attest / raw (text formatted ahead):    \(format(ratioPre))   target ≥ 0.50: "
        + (ratioPre >= 0.5 ? "met" : "missed"))

// MARK: What the per-row formatting costs

let dates = fixture.results.map(\.observedAt) + fixture.results.compactMap(\.expiresAt)
func formatting(_ date: (Date) -> String, _ artifacts: ([Artifact]) -> String) -> (Double, Double) {
    let dateTime = median((0..<options.runs).map { _ in timed { dates.map(date) }.seconds })
    let artifactTime = median(
        (0..<options.runs).map { _ in
            timed { fixture.results.map { artifacts($0.artifacts) } }.seconds
        })
    return (dateTime, artifactTime)
}
let (dateTime, artifactTime) = formatting(StoredText.date, StoredText.artifacts)
let (formerDateTime, formerArtifactTime) = formatting(
    StoredText.formerDate, StoredText.formerArtifacts)
print("\nper-row formatting (the calls SQLiteStore.record makes), alone:")
print(
    "  StoredDate.text: \(grouped(Double(dates.count))) dates in "
        + "\(format(dateTime * 1000, 1)) ms = \(format(dateTime / Double(dates.count) * 1e6, 3)) µs "
        + "each (Timestamp.formatMilliseconds, the same text: "
        + "\(format(formerDateTime / Double(dates.count) * 1e6, 3)) µs)")
print(
    "  ArtifactsColumn.encode: \(grouped(Double(resultCount))) in "
        + "\(format(artifactTime * 1000, 1)) ms = "
        + "\(format(artifactTime / Double(resultCount) * 1e6, 3)) µs each (a JSONEncoder per row, "
        + "the same text: \(format(formerArtifactTime / Double(resultCount) * 1e6, 3)) µs)")
print(
    "  together \(format((dateTime + artifactTime) * 1000, 1)) ms of the "
        + "\(format(median(attest.write) * 1000, 1)) ms store write")

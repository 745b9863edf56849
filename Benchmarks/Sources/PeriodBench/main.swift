// The period benchmark: `swift run -c release PeriodBench [options]` from Benchmarks/.
//
// Writes a year of daily runs of the demo workspace (the repository root) into a temporary
// store (never the repository's), then times what `attest score --period` does after loading
// the workspace — open the store read-only, read the period's rows (`observations(of:)`),
// judge every day (`PeriodReport`) — against a raw SQLite C-API scan of the same rows.
//
//   --runs N        timed runs (default 7), after one warm-up
//   --days N        days of history, one run a day (default 365)
//   --workspace DIR the workspace (default: the repository root)
import AttestCore
import Foundation
import PeriodWorkloads

var runs = 7
var days = 365
var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--runs": runs = max(1, arguments.next().flatMap(Int.init) ?? runs)
    case "--days": days = max(1, arguments.next().flatMap(Int.init) ?? days)
    case "--workspace": root = URL(fileURLWithPath: arguments.next() ?? root.path)
    default:
        FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
        exit(2)
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1_000) }

do {
    // A fixed last day, so every run of the benchmark judges the same history.
    let lastDay = OperatingPeriod.day(of: Timestamp.day("2026-06-30") ?? Date())
    let fixture = try PeriodFixture.make(root: root, days: days, lastDay: lastDay)
    defer { fixture.remove() }
    print("workspace \(root.path)")
    print(
        "history: \(fixture.runs) runs over \(days) days (\(fixture.period)), "
            + "\(fixture.controlRows) control rows, \(fixture.scoreRows) score rows "
            + "(written in \(String(format: "%.1f", fixture.setupSeconds)) s, not measured)")
    _ = try fixture.attest()
    _ = try fixture.raw()
    var reads: [Double] = []
    var judges: [Double] = []
    var totals: [Double] = []
    var raws: [Double] = []
    var report: PeriodReport?
    var rawRows = 0
    for _ in 0..<runs {
        let measured = try fixture.attest()
        reads.append(measured.read)
        judges.append(measured.judge)
        totals.append(measured.read + measured.judge)
        report = measured.report
        let floor = try fixture.raw()
        raws.append(floor.seconds)
        rawRows = floor.rows
    }
    let failures = report?.controls.reduce(0) { $0 + $1.failures.count } ?? 0
    print(
        "judged: \(report?.controls.count ?? 0) controls, \(report?.nodes.count ?? 0) "
            + "frameworks and domains, \(failures) failure intervals; raw scan read \(rawRows) rows"
    )
    print("median of \(runs) runs:")
    print("  store read (observations)  \(ms(median(reads)))")
    print("  judge (PeriodReport)       \(ms(median(judges)))")
    print("  attest total               \(ms(median(totals)))")
    print("  raw SQLite scan (floor)    \(ms(median(raws)))")
    print(String(format: "  attest / raw               %.2f×", median(totals) / median(raws)))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

// Generates days of history for a workspace into a scratch store, for the period view:
// `swift run -c release DemoHistory --store PATH [--workspace DIR] [--days 90] [--last-day D]`.
// scripts/demo-history.sh runs it; see docs/audit.md.
//
// The history starts from the latest run in the store (run `attest collect --store PATH`
// first): each generated day copies its results, with the demo plan's failures injected (five
// controls fail for a while), every 11th day left without a run and day 20 run twice. The
// store must not be the workspace's own: a path inside the workspace is refused.
import AttestCore
import AttestStore
import Foundation
import PeriodWorkloads

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(2)
}

var storePath: String?
var root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
var days = 90
var lastDayText: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--store": storePath = arguments.next()
    case "--workspace": root = URL(fileURLWithPath: arguments.next() ?? root.path)
    case "--days": days = arguments.next().flatMap(Int.init) ?? 0
    case "--last-day": lastDayText = arguments.next()
    default: fail("unknown option \(argument)")
    }
}
guard let storePath else { fail("--store PATH is required (a scratch store)") }
guard days >= 1, days <= OperatingPeriod.longestDays else { fail("--days must be 1–3660") }
let store = URL(fileURLWithPath: storePath).standardizedFileURL
if store.path.hasPrefix(root.standardizedFileURL.path + "/") {
    fail("\(store.path) is inside the workspace; give a scratch store outside it")
}
// Today by the build clock: SOURCE_DATE_EPOCH when set, else now.
var today = Date()
if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
    guard let seconds = Double(epoch) else { fail("SOURCE_DATE_EPOCH is not a number") }
    today = Date(timeIntervalSince1970: seconds)
}
var lastDay = OperatingPeriod.day(of: today)
if let lastDayText {
    guard let day = Timestamp.day(lastDayText) else { fail("--last-day is not YYYY-MM-DD") }
    lastDay = OperatingPeriod.day(of: day)
}

do {
    let graph = try HistoryGenerator.graph(at: root)
    let database = try SQLiteStore(path: store.path)
    guard let latest = try database.runs(limit: 1).first else {
        fail("\(store.path) has no run; run `attest collect --store \(store.path)` first")
    }
    let base = Dictionary(
        try database.results(run: latest.id).map { ($0.evidence, $0) },
        uniquingKeysWith: { first, _ in first })
    let generator = HistoryGenerator(
        graph: graph, base: base, expiringWithin: graph.manifest.expiringWithin)
    let plan = HistoryGenerator.demoPlan(controls: graph.controlIDs, days: days)
    // The generated days end the day before `lastDay`: the build of `lastDay` is the last run.
    let runs = generator.runs(
        days: days - 1, lastDay: lastDay - 1, failures: plan.failures, skipped: plan.skipped,
        doubled: plan.doubled)
    for run in runs { _ = try database.record(run) }
    print(
        "wrote \(runs.count) runs from \(OperatingPeriod.dayText(lastDay - days + 1)) to "
            + "\(OperatingPeriod.dayText(lastDay - 1)) into \(store.path)")
    for failure in plan.failures {
        let first = lastDay - days + 1 + failure.firstOffset
        print(
            "  \(failure.control) fails \(OperatingPeriod.dayText(first)) → "
                + "\(OperatingPeriod.dayText(first + failure.days - 1)) (\(failure.days) days)")
    }
} catch {
    fail("\(error)")
}

import AttestCore
import AttestStore
import CSQLiteBench
import Foundation

/// The period benchmark: a year of daily runs of a workspace written to a temporary store,
/// then judged by `PeriodReport`, against a raw SQLite scan of the same rows.
public struct PeriodFixture: Sendable {
    public var storePath: String
    public var period: OperatingPeriod
    public var runs: Int
    public var controlRows: Int
    public var scoreRows: Int
    /// Seconds spent generating and writing the history (not measured).
    public var setupSeconds: Double

    /// Writes `days` daily runs of the workspace at `root`, ending with `lastDay`, into a new
    /// store in a temporary folder, one run a day, with the demo plan's failures.
    public static func make(root: URL, days: Int, lastDay: Int) throws -> PeriodFixture {
        let started = Date()
        let graph = try HistoryGenerator.graph(at: root)
        let generator = HistoryGenerator(
            graph: graph,
            base: HistoryGenerator.passing(graph, at: OperatingPeriod.midnight(lastDay - days)),
            expiringWithin: graph.manifest.expiringWithin)
        let plan = HistoryGenerator.demoPlan(controls: graph.controlIDs, days: days)
        // One run every day (a year: 365 runs), with the demo plan's failure intervals.
        let runs = generator.runs(days: days, lastDay: lastDay, failures: plan.failures)
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("attest-period-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("attest.sqlite").path
        let store = try SQLiteStore(path: path)
        for run in runs { _ = try store.record(run) }
        return PeriodFixture(
            storePath: path,
            period: try OperatingPeriod(firstDay: lastDay - days + 1, lastDay: lastDay),
            runs: runs.count, controlRows: runs.reduce(0) { $0 + $1.controls.count },
            scoreRows: runs.reduce(0) { $0 + $1.scores.count },
            setupSeconds: Date().timeIntervalSince(started))
    }

    /// Removes the temporary store.
    public func remove() {
        try? FileManager.default.removeItem(
            at: URL(fileURLWithPath: storePath).deletingLastPathComponent())
    }

    /// What `attest score --period` does after loading the workspace: open the store read-only,
    /// read the period's rows, judge them. Returns the seconds of each part and the report.
    public func attest() throws -> (read: Double, judge: Double, report: PeriodReport) {
        let started = DispatchTime.now().uptimeNanoseconds
        let store = try SQLiteStore(path: storePath, access: .readOnly)
        let observations = try store.observations(of: period)
        let read = DispatchTime.now().uptimeNanoseconds
        let report = PeriodReport(period: period, observations: observations)
        let judged = DispatchTime.now().uptimeNanoseconds
        return (Double(read - started) / 1e9, Double(judged - read) / 1e9, report)
    }

    /// The floor: the same three queries through the SQLite C API, every column read (text
    /// as bytes, numbers as doubles) and nothing built. Returns the seconds and the rows read.
    public func raw() throws -> (seconds: Double, rows: Int) {
        let started = DispatchTime.now().uptimeNanoseconds
        var connection: OpaquePointer?
        guard sqlite3_open_v2(storePath, &connection, SQLITE_OPEN_READONLY, nil) == SQLITE_OK,
            let connection
        else { throw GeneratorError(description: "cannot open \(storePath)") }
        defer { sqlite3_close_v2(connection) }
        let from = Timestamp.formatMilliseconds(period.start)
        let until = Timestamp.formatMilliseconds(period.end)
        let within =
            "runs.state IN ('collected', 'published') AND runs.started_at >= ? AND runs.started_at < ?"
        let queries = [
            "SELECT id, started_at FROM runs WHERE \(within)",
            """
            SELECT run_controls.run_id, control_id, title, visibility, score
            FROM run_controls JOIN runs ON runs.id = run_controls.run_id WHERE \(within)
            """,
            """
            SELECT scores.* FROM scores JOIN runs ON runs.id = scores.run_id WHERE \(within)
            """,
        ]
        var rows = 0
        var checksum = 0.0
        for sql in queries {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK,
                let statement
            else { throw GeneratorError(description: "cannot prepare \(sql)") }
            defer { sqlite3_finalize(statement) }
            sqlite3_bind_text(
                statement, 1, from, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            sqlite3_bind_text(
                statement, 2, until, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            let columns = sqlite3_column_count(statement)
            while sqlite3_step(statement) == SQLITE_ROW {
                rows += 1
                for column in 0..<columns {
                    switch sqlite3_column_type(statement, column) {
                    case SQLITE_TEXT:
                        _ = sqlite3_column_text(statement, column)
                        checksum += Double(sqlite3_column_bytes(statement, column))
                    default: checksum += sqlite3_column_double(statement, column)
                    }
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return (seconds, checksum.isNaN ? -rows : rows)
    }
}

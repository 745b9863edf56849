import AttestCore
import AttestStore
import Foundation
import GRDB

#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// A preview of /tmp/attest-store-perf.patch: `SQLiteStore.record(_:)` copied line for line,
/// with the patch's changes, on a store opened as `SQLiteStore` opens it (same `Configuration`,
/// same file, migrated by `SQLiteStore` itself). Measured next to the real one, so the patch's
/// gain is known before anyone applies it.
public final class ProposedStore {
    public enum Level: String, Sendable, CaseIterable {
        /// Dates and the artifacts column formatted by hand (`FastStoredText`); GRDB's
        /// `execute(arguments:)` as today.
        case formatting
        /// `formatting`, with GRDB's `setUncheckedArguments(_:)` then `execute()` per row (no
        /// argument validation; GRDB then binds text with `SQLITE_TRANSIENT`, a copy). Measured
        /// to compare, not in the patch.
        case uncheckedArguments
        /// `formatting`, and the three INSERT loops bind and step their GRDB statements through
        /// the C API (`Statement.sqliteStatement`), without a `StatementArguments` per row.
        case directBinding
    }

    private let database: DatabaseQueue
    public let path: String

    /// Creates and migrates the store with `SQLiteStore(path:)`, closes it, and opens it again
    /// with the configuration `SQLiteStore.init` uses.
    public init(path: String, busyTimeout: TimeInterval = 15) throws {
        self.path = path
        _ = try SQLiteStore(path: path, busyTimeout: busyTimeout)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "attest.store"
        configuration.journalMode = .wal
        database = try DatabaseQueue(path: path, configuration: configuration)
    }

    public func record(_ run: RunRecord, level: Level) throws -> Int64 {
        switch level {
        case .formatting: try recordFormatting(run, unchecked: false)
        case .uncheckedArguments: try recordFormatting(run, unchecked: true)
        case .directBinding: try recordDirect(run)
        }
    }

    // MARK: Level 1: formatting only

    private func recordFormatting(_ run: RunRecord, unchecked: Bool) throws -> Int64 {
        // `execute(arguments:)`, or `setUncheckedArguments(_:)` and `execute()`.
        func execute(_ statement: Statement, _ arguments: StatementArguments) throws {
            if unchecked {
                statement.setUncheckedArguments(arguments)
                try statement.execute()
            } else {
                try statement.execute(arguments: arguments)
            }
        }
        return try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (kind, started_at, finished_at, tool_version, workspace_fingerprint, build_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.kind, FastStoredText.date(run.startedAt),
                    FastStoredText.date(run.finishedAt), run.toolVersion,
                    run.workspaceFingerprint, run.buildID,
                ])
            let runID = db.lastInsertedRowID
            let insertResult = try db.makeStatement(
                sql: """
                    INSERT INTO evidence_results (run_id, evidence_id, control_id, status, score,
                        observed_at, expires_at, sha256, message, artifacts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for result in run.results {
                try execute(
                    insertResult,
                    [
                        runID, result.evidence.rawValue, result.control.rawValue,
                        result.status.name,
                        result.status.score, FastStoredText.date(result.observedAt),
                        result.expiresAt.map(FastStoredText.date), result.sha256, result.message,
                        FastStoredText.artifacts(result.artifacts),
                    ])
            }
            let insertScore = try db.makeStatement(
                sql: """
                    INSERT INTO scores (run_id, node, numerator, denominator, inherited_numerator,
                        leaves, covered, inherited, gaps, excluded)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for score in run.scores {
                try execute(
                    insertScore,
                    [
                        runID, score.node.description, score.numerator, score.denominator,
                        score.inheritedNumerator, score.leafCount, score.coveredCount,
                        score.inheritedCount, score.gapCount, score.excludedCount,
                    ])
            }
            let insertControl = try db.makeStatement(
                sql:
                    "INSERT INTO run_controls (run_id, control_id, title, visibility, score) VALUES (?, ?, ?, ?, ?)"
            )
            for control in run.controls {
                try execute(
                    insertControl,
                    [
                        runID, control.id.rawValue, control.title, control.visibility.rawValue,
                        control.score,
                    ])
            }
            return runID
        }
    }

    // MARK: Level 2: formatting, and binding through the C API

    private func recordDirect(_ run: RunRecord) throws -> Int64 {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (kind, started_at, finished_at, tool_version, workspace_fingerprint, build_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.kind, FastStoredText.date(run.startedAt),
                    FastStoredText.date(run.finishedAt), run.toolVersion,
                    run.workspaceFingerprint, run.buildID,
                ])
            let runID = db.lastInsertedRowID
            let insertResult = try db.makeStatement(
                sql: """
                    INSERT INTO evidence_results (run_id, evidence_id, control_id, status, score,
                        observed_at, expires_at, sha256, message, artifacts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            var row = RowWriter(db, insertResult)
            for result in run.results {
                row.add(runID)
                row.add(result.evidence.rawValue)
                row.add(result.control.rawValue)
                row.add(result.status.name)
                row.add(result.status.score)
                row.add(FastStoredText.date(result.observedAt))
                row.add(result.expiresAt.map(FastStoredText.date))
                row.add(result.sha256)
                row.add(result.message)
                row.add(FastStoredText.artifacts(result.artifacts))
                try row.step()
            }
            let insertScore = try db.makeStatement(
                sql: """
                    INSERT INTO scores (run_id, node, numerator, denominator, inherited_numerator,
                        leaves, covered, inherited, gaps, excluded)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            var scoreRow = RowWriter(db, insertScore)
            for score in run.scores {
                scoreRow.add(runID)
                scoreRow.add(score.node.description)
                scoreRow.add(score.numerator)
                scoreRow.add(score.denominator)
                scoreRow.add(score.inheritedNumerator)
                scoreRow.add(score.leafCount)
                scoreRow.add(score.coveredCount)
                scoreRow.add(score.inheritedCount)
                scoreRow.add(score.gapCount)
                scoreRow.add(score.excludedCount)
                try scoreRow.step()
            }
            let insertControl = try db.makeStatement(
                sql:
                    "INSERT INTO run_controls (run_id, control_id, title, visibility, score) VALUES (?, ?, ?, ?, ?)"
            )
            var controlRow = RowWriter(db, insertControl)
            for control in run.controls {
                controlRow.add(runID)
                controlRow.add(control.id.rawValue)
                controlRow.add(control.title)
                controlRow.add(control.visibility.rawValue)
                controlRow.add(control.score)
                try controlRow.step()
            }
            return runID
        }
    }
}

/// One row of a GRDB statement, bound through the C API and stepped: what the patch adds to
/// AttestStore (RowWriter.swift). The row's text is gathered in one buffer and bound without a
/// copy (`SQLITE_STATIC`) while that buffer is pinned, as GRDB's own `execute(arguments:)` binds
/// strings; the bindings are cleared before the buffer can move.
struct RowWriter {
    private enum Value {
        case integer(Int64)
        case double(Double)
        case text(start: Int, count: Int)
        case null
    }

    let db: Database
    let statement: Statement
    private var values: [Value] = []
    private var text: [UInt8] = []

    init(_ db: Database, _ statement: Statement) {
        self.db = db
        self.statement = statement
        values.reserveCapacity(Int(sqlite3_bind_parameter_count(statement.sqliteStatement)))
        text.reserveCapacity(1_024)
    }

    mutating func add(_ value: Int64) { values.append(.integer(value)) }
    mutating func add(_ value: Int) { values.append(.integer(Int64(value))) }
    mutating func add(_ value: Double) { values.append(.double(value)) }

    mutating func add(_ value: String?) {
        guard let value else {
            values.append(.null)
            return
        }
        let start = text.count
        text.append(contentsOf: value.utf8)
        values.append(.text(start: start, count: text.count - start))
    }

    private static let empty: StaticString = ""

    /// Binds the values added since the last step, in order from parameter 1, and steps.
    mutating func step() throws {
        defer {
            values.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
        }
        let handle = statement.sqliteStatement
        let (code, message) = text.withUnsafeBufferPointer { bytes -> (CInt, String?) in
            for (offset, value) in values.enumerated() {
                let index = CInt(offset + 1)
                switch value {
                case let .integer(number): sqlite3_bind_int64(handle, index, number)
                case let .double(number): sqlite3_bind_double(handle, index, number)
                case .null: sqlite3_bind_null(handle, index)
                case let .text(start, count):
                    // A zero-length text still needs a pointer, or SQLite binds NULL.
                    let pointer = count == 0 ? Self.empty.utf8Start : bytes.baseAddress! + start
                    let characters = UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)
                    sqlite3_bind_text(handle, index, characters, CInt(count), nil)  // SQLITE_STATIC
                }
            }
            let code = sqlite3_step(handle)
            let message = code == SQLITE_DONE ? nil : db.lastErrorMessage
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            return (code, message)
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}

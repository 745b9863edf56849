import AttestCore
import AttestStore
import CSQLiteBench
import Foundation

/// Where a text column's bytes are in a `TextArena`; a negative count binds NULL.
struct Span {
    var start: Int
    var count: Int

    static let null = Span(start: 0, count: -1)
}

/// The UTF-8 of a row's (or a whole run's) text columns, one after the other, so they can be
/// bound with `SQLITE_STATIC` (no copy by SQLite, as GRDB binds them) from one stable buffer.
struct TextArena {
    var bytes: [UInt8] = []

    init(capacity: Int = 4_096) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    mutating func add(_ text: String) -> Span {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        return Span(start: start, count: bytes.count - start)
    }

    @inline(__always)
    mutating func add(_ text: String?) -> Span {
        guard let text else { return .null }
        return add(text)
    }

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }
}

@inline(__always)
func bind(
    _ statement: OpaquePointer, _ index: Int32, _ span: Span, _ base: UnsafeBufferPointer<UInt8>
) {
    if span.count < 0 {
        sqlite3_bind_null(statement, index)
    } else {
        // A zero-length text still needs a non-null pointer, or SQLite binds NULL.
        let pointer =
            span.count == 0
            ? UnsafeRawPointer(bitPattern: 1)! : UnsafeRawPointer(base.baseAddress! + span.start)
        sqlite3_bind_text(
            statement, index, pointer.assumingMemoryBound(to: CChar.self), Int32(span.count), nil)
    }
}

/// Every column value of a run, formatted ahead of time: the pure SQLite floor (binding and
/// stepping only), with text identical to what `SQLiteStore.record` writes.
public struct PrecomputedRun: Sendable {
    var arena: [UInt8]
    /// kind, started_at, finished_at, tool_version, workspace_fingerprint, build_id.
    var runTexts: [Span]
    /// 8 spans per result: evidence_id, control_id, status, observed_at, expires_at, sha256,
    /// message, artifacts; and its score.
    var resultTexts: [Span]
    var resultScores: [Double]
    var scoreNodes: [Span]
    var scores: [NodeScore]
    /// 3 spans per control: control_id, title, visibility; and its score.
    var controlTexts: [Span]
    var controlScores: [Double]

    public var rowCount: Int { 1 + resultScores.count + scores.count + controlScores.count }

    public init(_ run: RunRecord) {
        var arena = TextArena(capacity: run.results.count * 320)
        runTexts = [
            arena.add(run.kind), arena.add(StoredText.date(run.startedAt)),
            arena.add(StoredText.date(run.finishedAt)), arena.add(run.toolVersion),
            arena.add(run.workspaceFingerprint), arena.add(run.buildID),
        ]
        resultTexts = []
        resultTexts.reserveCapacity(run.results.count * 8)
        resultScores = []
        resultScores.reserveCapacity(run.results.count)
        for result in run.results {
            resultTexts += [
                arena.add(result.evidence.rawValue), arena.add(result.control.rawValue),
                arena.add(result.status.name), arena.add(StoredText.date(result.observedAt)),
                arena.add(result.expiresAt.map(StoredText.date)), arena.add(result.sha256),
                arena.add(result.message), arena.add(StoredText.artifacts(result.artifacts)),
            ]
            resultScores.append(result.status.score)
        }
        scores = run.scores
        scoreNodes = run.scores.map { arena.add($0.node.description) }
        controlTexts = []
        controlScores = []
        for control in run.controls {
            controlTexts += [
                arena.add(control.id.rawValue), arena.add(control.title),
                arena.add(control.visibility.rawValue),
            ]
            controlScores.append(control.score)
        }
        self.arena = arena.bytes
    }
}

/// The raw baseline: the rows `SQLiteStore.record` writes, through the SQLite C API with
/// prepared INSERTs (`sqlite3_bind_*`, `sqlite3_step`, `sqlite3_reset`) in one transaction, on a
/// connection set up as GRDB sets up the store's: WAL (`synchronous = NORMAL`, which GRDB sets
/// with WAL), foreign keys on, a busy timeout, the same open flags, and the same schema.
public final class RawStoreWriter {
    private let connection: RawConnection
    public let path: String

    /// The store's schema as SQLiteStore's migration creates it, read from a store it made
    /// (every table and index but GRDB's own `grdb_migrations`).
    public static func schema(ofStoreAt path: String) throws -> [String] {
        let connection = try RawConnection(path: path)
        let statement = try connection.prepare(
            """
            SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
                AND name <> 'grdb_migrations' ORDER BY rowid
            """)
        defer { sqlite3_finalize(statement) }
        var result: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            result.append(String(cString: sqlite3_column_text(statement, 0)))
        }
        return result
    }

    /// Opens (creating) the database at `path`, sets it up like the store and creates `schema`.
    public init(path: String, schema: [String], busyTimeout: Double = 15) throws {
        self.path = path
        connection = try RawConnection(path: path)
        sqlite3_busy_timeout(connection.handle, Int32(busyTimeout * 1000))
        try connection.execute("PRAGMA foreign_keys = ON")
        guard try connection.text("PRAGMA journal_mode = WAL") == "wal" else {
            throw RawSQLiteError(code: 0, message: "WAL refused", sql: "PRAGMA journal_mode")
        }
        try connection.execute("PRAGMA synchronous = NORMAL")
        try connection.execute("BEGIN")
        for statement in schema { try connection.execute(statement) }
        try connection.execute("COMMIT")
    }

    /// The connection's settings, to show they match the store's.
    public var settings: String {
        let journal = (try? connection.text("PRAGMA journal_mode")) ?? "?"
        let synchronous = (try? connection.text("PRAGMA synchronous")) ?? "?"
        let foreignKeys = (try? connection.text("PRAGMA foreign_keys")) ?? "?"
        return "journal_mode=\(journal) synchronous=\(synchronous) foreign_keys=\(foreignKeys)"
    }

    private static let insertRun = """
        INSERT INTO runs (kind, started_at, finished_at, tool_version, workspace_fingerprint, build_id)
        VALUES (?, ?, ?, ?, ?, ?)
        """
    private static let insertResult = """
        INSERT INTO evidence_results (run_id, evidence_id, control_id, status, score,
            observed_at, expires_at, sha256, message, artifacts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let insertScore = """
        INSERT INTO scores (run_id, node, numerator, denominator, inherited_numerator,
            leaves, covered, inherited, gaps, excluded)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let insertControl =
        "INSERT INTO run_controls (run_id, control_id, title, visibility, score) VALUES (?, ?, ?, ?, ?)"

    /// Runs `body` between BEGIN and COMMIT (ROLLBACK on error), with the four statements.
    private func transaction(
        _ body: (
            _ run: OpaquePointer, _ result: OpaquePointer, _ score: OpaquePointer,
            _ control: OpaquePointer
        ) throws -> Int64
    ) throws -> Int64 {
        try connection.execute("BEGIN")
        do {
            let statements = try [
                Self.insertRun, Self.insertResult, Self.insertScore, Self.insertControl,
            ].map(connection.prepare)
            defer { statements.forEach { sqlite3_finalize($0) } }
            let id = try body(statements[0], statements[1], statements[2], statements[3])
            try connection.execute("COMMIT")
            return id
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Writes `run`, formatting every row's text as `SQLiteStore.record` does (with the same
    /// `StoredDate.text` and `ArtifactsColumn.encode`): the like-for-like baseline.
    public func write(_ run: RunRecord) throws -> Int64 {
        try transaction { insertRun, insertResult, insertScore, insertControl in
            var arena = TextArena()
            let runTexts = [
                arena.add(run.kind), arena.add(StoredText.date(run.startedAt)),
                arena.add(StoredText.date(run.finishedAt)), arena.add(run.toolVersion),
                arena.add(run.workspaceFingerprint), arena.add(run.buildID),
            ]
            try arena.bytes.withUnsafeBufferPointer { base in
                for (offset, span) in runTexts.enumerated() {
                    bind(insertRun, Int32(offset + 1), span, base)
                }
                try connection.stepInsert(insertRun)
            }
            let runID = sqlite3_last_insert_rowid(connection.handle)

            for result in run.results {
                arena.reset()
                let evidence = arena.add(result.evidence.rawValue)
                let control = arena.add(result.control.rawValue)
                let status = arena.add(result.status.name)
                let observed = arena.add(StoredText.date(result.observedAt))
                let expires = arena.add(result.expiresAt.map(StoredText.date))
                let sha = arena.add(result.sha256)
                let message = arena.add(result.message)
                let artifacts = arena.add(StoredText.artifacts(result.artifacts))
                try arena.bytes.withUnsafeBufferPointer { base in
                    sqlite3_bind_int64(insertResult, 1, runID)
                    bind(insertResult, 2, evidence, base)
                    bind(insertResult, 3, control, base)
                    bind(insertResult, 4, status, base)
                    sqlite3_bind_double(insertResult, 5, result.status.score)
                    bind(insertResult, 6, observed, base)
                    bind(insertResult, 7, expires, base)
                    bind(insertResult, 8, sha, base)
                    bind(insertResult, 9, message, base)
                    bind(insertResult, 10, artifacts, base)
                    try connection.stepInsert(insertResult)
                }
            }
            for score in run.scores {
                arena.reset()
                let node = arena.add(score.node.description)
                try arena.bytes.withUnsafeBufferPointer { base in
                    try insert(score, node: node, base: base, runID: runID, into: insertScore)
                }
            }
            for control in run.controls {
                arena.reset()
                let id = arena.add(control.id.rawValue)
                let title = arena.add(control.title)
                let visibility = arena.add(control.visibility.rawValue)
                try arena.bytes.withUnsafeBufferPointer { base in
                    sqlite3_bind_int64(insertControl, 1, runID)
                    bind(insertControl, 2, id, base)
                    bind(insertControl, 3, title, base)
                    bind(insertControl, 4, visibility, base)
                    sqlite3_bind_double(insertControl, 5, control.score)
                    try connection.stepInsert(insertControl)
                }
            }
            return runID
        }
    }

    @inline(__always)
    private func insert(
        _ score: NodeScore, node: Span, base: UnsafeBufferPointer<UInt8>, runID: Int64,
        into statement: OpaquePointer
    ) throws {
        sqlite3_bind_int64(statement, 1, runID)
        bind(statement, 2, node, base)
        sqlite3_bind_double(statement, 3, score.numerator)
        sqlite3_bind_double(statement, 4, score.denominator)
        sqlite3_bind_double(statement, 5, score.inheritedNumerator)
        sqlite3_bind_int64(statement, 6, Int64(score.leafCount))
        sqlite3_bind_int64(statement, 7, Int64(score.coveredCount))
        sqlite3_bind_int64(statement, 8, Int64(score.inheritedCount))
        sqlite3_bind_int64(statement, 9, Int64(score.gapCount))
        sqlite3_bind_int64(statement, 10, Int64(score.excludedCount))
        try connection.stepInsert(statement)
    }

    /// Writes rows whose text was formatted ahead of time: binding and stepping only.
    public func write(_ rows: PrecomputedRun) throws -> Int64 {
        try transaction { insertRun, insertResult, insertScore, insertControl in
            try rows.arena.withUnsafeBufferPointer { base in
                for (offset, span) in rows.runTexts.enumerated() {
                    bind(insertRun, Int32(offset + 1), span, base)
                }
                try connection.stepInsert(insertRun)
                let runID = sqlite3_last_insert_rowid(connection.handle)
                try rows.resultTexts.withUnsafeBufferPointer { texts in
                    for (row, score) in rows.resultScores.enumerated() {
                        let first = row * 8
                        sqlite3_bind_int64(insertResult, 1, runID)
                        bind(insertResult, 2, texts[first], base)
                        bind(insertResult, 3, texts[first + 1], base)
                        bind(insertResult, 4, texts[first + 2], base)
                        sqlite3_bind_double(insertResult, 5, score)
                        bind(insertResult, 6, texts[first + 3], base)
                        bind(insertResult, 7, texts[first + 4], base)
                        bind(insertResult, 8, texts[first + 5], base)
                        bind(insertResult, 9, texts[first + 6], base)
                        bind(insertResult, 10, texts[first + 7], base)
                        try connection.stepInsert(insertResult)
                    }
                }
                for (score, node) in zip(rows.scores, rows.scoreNodes) {
                    try insert(score, node: node, base: base, runID: runID, into: insertScore)
                }
                for (row, score) in rows.controlScores.enumerated() {
                    let first = row * 3
                    sqlite3_bind_int64(insertControl, 1, runID)
                    bind(insertControl, 2, rows.controlTexts[first], base)
                    bind(insertControl, 3, rows.controlTexts[first + 1], base)
                    bind(insertControl, 4, rows.controlTexts[first + 2], base)
                    sqlite3_bind_double(insertControl, 5, score)
                    try connection.stepInsert(insertControl)
                }
                return runID
            }
        }
    }
}

import AttestCore
import Foundation
import GRDB

/// The SQLite store (through GRDB): WAL mode, foreign keys, a busy timeout, one transaction
/// per run.
///
/// Only an Attest store is opened (`identify`): another program's database, a file that is not
/// SQLite and a store from a newer Attest are refused and left exactly as they were.
public final class SQLiteStore: ScoreStore, Sendable {
    /// How a store is opened.
    public enum Access: Sendable {
        /// Created if absent, migrated, written: `collect`, `build`, `bundle`.
        case readWrite
        /// Read only: no lock file, no migration, no write, so it never waits for a writer
        /// and works in a read-only folder: `score`, `history`, `disclosures`.
        case readOnly
    }

    /// Nil when a store opened read-only does not exist yet: it reads as empty.
    private let database: DatabaseQueue?
    /// The SQL expression of a run's state (`runs.state`, or what migration v2 would give a
    /// run of a store of the first schema opened read-only).
    private let runState: String
    public let path: String
    public let access: Access

    /// Opens the store at `path`: read-write creates it if needed and migrates it; read-only
    /// writes nothing.
    ///
    /// - Parameter busyTimeout: how long to wait for another process's write before reporting
    ///   `store.busy`.
    /// - Throws: `store.foreign` for a file that is not an Attest store, `store.incompatible`
    ///   for a store from a newer Attest (both left untouched), `store.busy`, `store.io`.
    public init(
        path: String, access: Access = .readWrite, busyTimeout: TimeInterval = 15
    ) throws(StoreError) {
        self.path = path
        self.access = access
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "attest.store"
        do {
            switch access {
            case .readWrite:
                // WAL lets readers go on while a run is written. GRDB sets it up under the
                // busy handler, so two processes opening a new store at once both succeed.
                configuration.journalMode = .wal
                database = try Self.openForWriting(
                    path, configuration: configuration, busyTimeout: busyTimeout)
                runState = "runs.state"
            case .readOnly:
                let opened = try Self.openForReading(path, configuration: configuration)
                database = opened?.database
                runState = opened?.runState ?? "runs.state"
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    static func storeError(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(code: .busy, path: path, detail: error.message ?? "busy")
            case .SQLITE_NOTADB:
                return SQLiteStore.foreign(path, error.message ?? "not a database")
            case .SQLITE_CORRUPT:
                return StoreError(
                    code: .io, path: path, detail: "the store is damaged: \(error.message ?? "")")
            case .SQLITE_CONSTRAINT:
                return StoreError(
                    code: .invalidRecord, path: path, detail: error.message ?? "constraint failed")
            default:
                return StoreError(code: .io, path: path, detail: error.description)
            }
        }
        return StoreError(code: .io, path: path, detail: String(describing: error))
    }

    private func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        guard access == .readWrite, let database else {
            throw StoreError(code: .io, path: path, detail: "the store was opened read-only")
        }
        do {
            return try database.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// Reads with `body`, or gives `empty` when there is no store yet.
    private func read<T>(
        orEmpty empty: T, _ body: (Database) throws -> T
    ) throws(StoreError) -> T {
        guard let database else { return empty }
        do {
            return try database.read(body)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    // MARK: Runs

    public func record(_ run: RunRecord) throws(StoreError) -> Int64 {
        try record(run, progress: nil)
    }

    /// Records a run in one transaction. `progress` is told how many evidence rows are written
    /// so far (every 1,000 rows); a process killed meanwhile leaves no trace of the run.
    ///
    /// The look-up of the build id and the insert share that transaction (an `IMMEDIATE` one,
    /// so two processes take turns): of two builds of the same inputs at the same moment, one
    /// records the run and the other gets its id.
    public func record(_ run: RunRecord, progress: ((Int) -> Void)?) throws(StoreError) -> Int64 {
        try write { db in
            if let buildID = run.buildID,
                let existing = try Int64.fetchOne(
                    db, sql: "SELECT id FROM runs WHERE build_id = ?", arguments: [buildID])
            {
                return existing
            }
            try db.execute(
                sql: """
                    INSERT INTO runs (kind, state, started_at, finished_at, tool_version,
                        workspace_fingerprint, build_id, revision, ci_url, scope_recorded)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [
                    run.kind, run.state.rawValue, StoredDate.text(run.startedAt),
                    StoredDate.text(run.finishedAt),
                    run.toolVersion, run.workspaceFingerprint, run.buildID, run.revision,
                    run.ciURL,
                ])
            let runID = db.lastInsertedRowID
            let insertResult = try db.makeStatement(
                sql: """
                    INSERT INTO evidence_results (run_id, evidence_id, control_id, status, score,
                        observed_at, expires_at, sha256, message, artifacts, date_source, target,
                        signer, collector)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            // The rows are bound through the C API (`RowWriter`): the same values, without a
            // `StatementArguments` per row.
            var resultRow = RowWriter(db, insertResult)
            for (index, result) in run.results.enumerated() {
                resultRow.add(runID)
                resultRow.add(result.evidence.rawValue)
                resultRow.add(result.control.rawValue)
                resultRow.add(result.status.name)
                resultRow.add(result.status.score)
                resultRow.add(StoredDate.text(result.observedAt))
                resultRow.add(result.expiresAt.map(StoredDate.text))
                resultRow.add(result.sha256)
                resultRow.add(result.message)
                resultRow.add(ArtifactsColumn.encode(result.artifacts))
                resultRow.add(result.dateSource.rawValue)
                resultRow.add(result.target)
                resultRow.add(result.signer)
                resultRow.add(result.collector?.rawValue)
                try resultRow.step()
                if (index + 1) % 1_000 == 0 { progress?(index + 1) }
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
            let insertExclusion = try db.makeStatement(
                sql: """
                    INSERT INTO run_exclusions (run_id, requirement, justification, visibility)
                    VALUES (?, ?, ?, ?)
                    """)
            var exclusionRow = RowWriter(db, insertExclusion)
            for exclusion in run.exclusions {
                exclusionRow.add(runID)
                exclusionRow.add(exclusion.requirement.description)
                exclusionRow.add(exclusion.justification)
                exclusionRow.add(exclusion.visibility.rawValue)
                try exclusionRow.step()
            }
            return runID
        }
    }

    public func mark(_ run: Int64, as state: RunState) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE runs SET state = ? WHERE id = ? AND state <> ?",
                arguments: [state.rawValue, run, RunState.published.rawValue])
        }
    }

    public func runs(limit: Int?, states: Set<RunState>) throws(StoreError) -> [RunSummary] {
        try read(orEmpty: []) { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT runs.*, \(runState) AS run_state,
                        (SELECT COUNT(*) FROM evidence_results WHERE run_id = runs.id) AS result_count
                    FROM runs WHERE \(stateFilter(states)) ORDER BY id DESC LIMIT ?
                    """,
                arguments: StatementArguments(Self.stateNames(states)) + [limit ?? -1]
            ).map(Self.summary)
        }
    }

    /// `<state> IN (?, …)` for `states`, bound with `stateNames`, in a fixed order.
    private func stateFilter(_ states: Set<RunState>) -> String {
        guard !states.isEmpty else { return "0" }
        return "\(runState) IN ("
            + Array(repeating: "?", count: states.count).joined(
                separator: ", ") + ")"
    }

    private static func stateNames(_ states: Set<RunState>) -> [String] {
        states.map(\.rawValue).sorted()
    }

    private static func summary(_ row: Row) -> RunSummary {
        RunSummary(
            id: row["id"], kind: row["kind"],
            // A state this Attest does not know never counts.
            state: RunState(rawValue: row["run_state"]) ?? .attempted,
            startedAt: StoredDate.date(row["started_at"]),
            finishedAt: StoredDate.date(row["finished_at"]), toolVersion: row["tool_version"],
            workspaceFingerprint: row["workspace_fingerprint"], buildID: row["build_id"],
            resultCount: row["result_count"], revision: row["revision"], ciURL: row["ci_url"])
    }

    public func results(run: Int64) throws(StoreError) -> [EvidenceResult] {
        try read(orEmpty: []) { db in
            let statement = try db.makeStatement(
                sql: "SELECT * FROM evidence_results WHERE run_id = ? ORDER BY evidence_id")
            let column = try ResultColumns(statement.columnNames)
            var results: [EvidenceResult] = []
            // Row by row, each read by position: a run holds 100,000 results, and a name
            // looked up per cell cost more than the read (docs/benchmarks.md, "Memory").
            let rows = try Row.fetchCursor(statement, arguments: [run])
            while let row = try rows.next() {
                guard
                    let status = EvidenceStatus(name: row[column.status], score: row[column.score])
                else { continue }
                func text(_ index: Int?) -> String? { index.flatMap { row[$0] } }
                results.append(
                    EvidenceResult(
                        evidence: EvidenceID(row[column.evidence] as String),
                        control: ControlID(row[column.control] as String), status: status,
                        observedAt: StoredDate.date(row[column.observedAt]),
                        // Absent before v4 (a store opened read-only is not migrated): assumed.
                        dateSource: text(column.dateSource).flatMap(DateSource.init) ?? .assumed,
                        target: text(column.target), signer: text(column.signer),
                        collector: text(column.collector).flatMap(CollectorKind.init),
                        expiresAt: text(column.expiresAt).map(StoredDate.date),
                        sha256: text(column.sha256), message: row[column.message],
                        artifacts: ArtifactsColumn.decode(row[column.artifacts])))
            }
            return results
        }
    }

    /// Where each column of `evidence_results` is in a `SELECT *`; the columns v4 added are
    /// optional, since a store opened read-only is read as it was written.
    private struct ResultColumns {
        let evidence, control, status, score, observedAt, message, artifacts: Int
        let expiresAt, sha256, dateSource, target, signer, collector: Int?

        init(_ names: [String]) throws {
            var positions: [String: Int] = [:]
            for (position, name) in names.enumerated() where positions[name] == nil {
                positions[name] = position
            }
            func required(_ name: String) throws -> Int {
                guard let position = positions[name] else {
                    throw DatabaseError(message: "evidence_results has no column \(name)")
                }
                return position
            }
            evidence = try required("evidence_id")
            control = try required("control_id")
            status = try required("status")
            score = try required("score")
            observedAt = try required("observed_at")
            message = try required("message")
            artifacts = try required("artifacts")
            expiresAt = positions["expires_at"]
            sha256 = positions["sha256"]
            dateSource = positions["date_source"]
            target = positions["target"]
            signer = positions["signer"]
            collector = positions["collector"]
        }
    }

    public func scores(run: Int64) throws(StoreError) -> [NodeScore] {
        try read(orEmpty: []) { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM scores WHERE run_id = ? ORDER BY node", arguments: [run]
            )
            .map(Self.nodeScore)
        }
    }

    private static func nodeScore(_ row: Row) -> NodeScore {
        NodeScore(
            node: ScoreNode(parsing: row["node"]), numerator: row["numerator"],
            denominator: row["denominator"], inheritedNumerator: row["inherited_numerator"],
            leafCount: row["leaves"], coveredCount: row["covered"],
            inheritedCount: row["inherited"],
            gapCount: row["gaps"], excludedCount: row["excluded"])
    }

    public func controls(run: Int64) throws(StoreError) -> [ControlSnapshot] {
        try read(orEmpty: []) { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM run_controls WHERE run_id = ? ORDER BY control_id",
                arguments: [run]
            ).map { row in
                ControlSnapshot(
                    id: ControlID(row["control_id"] as String), title: row["title"],
                    visibility: Visibility(rawValue: row["visibility"]) ?? .internal,
                    score: row["score"])
            }
        }
    }

    public func exclusions(run: Int64) throws(StoreError) -> [ExclusionSnapshot]? {
        try read(orEmpty: nil) { db in
            // A store of an older schema opened read-only has no scope: unknown.
            guard try db.tableExists("run_exclusions"),
                try Bool.fetchOne(
                    db, sql: "SELECT scope_recorded FROM runs WHERE id = ?", arguments: [run])
                    == true
            else { return nil }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM run_exclusions WHERE run_id = ? ORDER BY requirement",
                arguments: [run]
            ).compactMap { row in
                guard let key = RequirementKey(parsing: row["requirement"]) else { return nil }
                return ExclusionSnapshot(
                    requirement: key, justification: row["justification"],
                    visibility: Visibility(rawValue: row["visibility"]) ?? .internal)
            }
        }
    }

    public func history(
        of node: ScoreNode, limit: Int?, states: Set<RunState>
    ) throws(StoreError) -> [(run: RunSummary, score: NodeScore)] {
        try read(orEmpty: []) { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT runs.*, scores.*, \(runState) AS run_state,
                        (SELECT COUNT(*) FROM evidence_results WHERE run_id = runs.id) AS result_count
                    FROM scores JOIN runs ON runs.id = scores.run_id
                    WHERE scores.node = ? AND \(stateFilter(states))
                    ORDER BY runs.id DESC LIMIT ?
                    """,
                arguments: [node.description] + StatementArguments(Self.stateNames(states))
                    + [limit ?? -1]
            ).map { (Self.summary($0), Self.nodeScore($0)) }
        }
    }

    public func observations(
        from: Date, until: Date, states: Set<RunState>
    ) throws(StoreError) -> [PeriodObservation] {
        try read(orEmpty: []) { db in
            let filter = stateFilter(states)
            let names = StatementArguments(Self.stateNames(states))
            let fromText = StoredDate.text(from)
            // The latest run before the period decides its first days; runs of that same instant
            // come along, and the latest of them wins as in every day.
            let lower =
                try String.fetchOne(
                    db,
                    sql: "SELECT max(started_at) FROM runs WHERE \(filter) AND started_at < ?",
                    arguments: names + [fromText]) ?? fromText
            let window = names + [lower, StoredDate.text(until)]
            let within = "\(filter) AND runs.started_at >= ? AND runs.started_at < ?"
            var runs: [Int64: PeriodObservation] = [:]
            let runRows = try Row.fetchCursor(
                db, sql: "SELECT id, started_at FROM runs WHERE \(within)", arguments: window)
            while let row = try runRows.next() {
                let id: Int64 = row[0]
                runs[id] = PeriodObservation(
                    run: id, time: StoredDate.date(row[1]), controls: [:], nodes: [:])
            }
            let controlRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT run_controls.run_id, control_id, title, visibility, score
                    FROM run_controls JOIN runs ON runs.id = run_controls.run_id WHERE \(within)
                    """, arguments: window)
            while let row = try controlRows.next() {
                let id: Int64 = row[0]
                runs[id]?.controls[ControlID(row[1] as String)] = PeriodObservation.ObservedControl(
                    score: row[4], title: row[2],
                    visibility: Visibility(rawValue: row[3]) ?? .internal)
            }
            // Columns by position: a name look-up per value would cost more than the read.
            let scoreRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT scores.run_id, node, numerator, denominator, inherited_numerator,
                        leaves, covered, inherited, gaps, excluded
                    FROM scores JOIN runs ON runs.id = scores.run_id WHERE \(within)
                    """, arguments: window)
            while let row = try scoreRows.next() {
                let node = ScoreNode(parsing: row[1])
                runs[row[0]]?.nodes[node] = NodeScore(
                    node: node, numerator: row[2], denominator: row[3],
                    inheritedNumerator: row[4], leafCount: row[5], coveredCount: row[6],
                    inheritedCount: row[7], gapCount: row[8], excludedCount: row[9])
            }
            return runs.values.sorted { ($0.time, $0.run) < ($1.time, $1.run) }
        }
    }

    // MARK: Disclosures

    public func record(_ disclosure: Disclosure) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO disclosures (id, recipient, nda_reference, frameworks, sha256,
                        created_at, expires_at, run_id, documents, access_request_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    disclosure.id, disclosure.recipient, disclosure.ndaReference,
                    FrameworksColumn.encode(disclosure.frameworks), disclosure.sha256,
                    StoredDate.text(disclosure.createdAt),
                    disclosure.expiresAt.map(StoredDate.text),
                    disclosure.runID, StringListColumn.encode(disclosure.documents),
                    disclosure.accessRequestID,
                ])
        }
    }

    public func disclosures() throws(StoreError) -> [Disclosure] {
        try read(orEmpty: []) { db in
            try Row.fetchAll(db, sql: "SELECT * FROM disclosures ORDER BY created_at, id").map {
                row in
                Disclosure(
                    id: row["id"], recipient: row["recipient"], ndaReference: row["nda_reference"],
                    frameworks: FrameworksColumn.decode(row["frameworks"]), sha256: row["sha256"],
                    createdAt: StoredDate.date(row["created_at"]),
                    expiresAt: (row["expires_at"] as String?).map(StoredDate.date),
                    // A store opened read-only before "v6-access" has neither column.
                    runID: row["run_id"],
                    documents: StringListColumn.decode((row["documents"] as String?) ?? "[]"),
                    accessRequestID: row["access_request_id"])
            }
        }
    }

    // MARK: Access requests

    public func record(_ request: AccessRequest) throws(StoreError) {
        try write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM access_requests WHERE id = ?",
                    arguments: [request.id]) == nil
            else {
                throw StoreError(
                    code: .invalidRecord, path: path,
                    detail: "access request \(request.id) is already recorded")
            }
            try db.execute(
                sql: """
                    INSERT INTO access_requests (id, created_at, name, email, company, reason,
                        locale, documents, nda_sha256, ip_address, user_agent, status,
                        decided_at, decided_by, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    request.id, StoredDate.text(request.createdAt), request.name, request.email,
                    request.company, request.reason, request.locale,
                    StringListColumn.encode(request.documents), request.ndaSHA256,
                    request.ipAddress, request.userAgent, request.status.rawValue,
                    request.decidedAt.map(StoredDate.text), request.decidedBy,
                    request.expiresAt.map(StoredDate.text),
                ])
        }
    }

    public func accessRequest(id: String) throws(StoreError) -> AccessRequest? {
        try read(orEmpty: nil) { db in
            // A store opened read-only before "v6-access" has no requests.
            guard try db.tableExists("access_requests") else { return nil }
            return try Row.fetchOne(
                db, sql: "SELECT * FROM access_requests WHERE id = ?", arguments: [id]
            ).map(Self.accessRequest)
        }
    }

    public func accessRequests(
        statuses: Set<AccessStatus>
    ) throws(StoreError) -> [AccessRequest] {
        let names = statuses.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        guard !names.isEmpty else { return [] }
        return try read(orEmpty: []) { db in
            guard try db.tableExists("access_requests") else { return [] }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM access_requests WHERE status IN (\(names))
                    ORDER BY created_at DESC, id DESC
                    """
            ).map(Self.accessRequest)
        }
    }

    public func decide(
        _ id: String, _ decision: AccessDecision
    ) throws(StoreError) -> AccessRequest? {
        let from = decision.allowedFrom.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        guard !from.isEmpty else { return nil }
        return try write { db in
            // One statement: of two processes deciding at once, the second finds the status
            // already changed and updates nothing.
            try db.execute(
                sql: """
                    UPDATE access_requests SET status = ?, decided_at = ?, decided_by = ?,
                        expires_at = COALESCE(?, expires_at)
                    WHERE id = ? AND status IN (\(from))
                    """,
                arguments: [
                    decision.status.rawValue, StoredDate.text(decision.at), decision.by,
                    decision.expiresAt.map(StoredDate.text), id,
                ])
            guard db.changesCount == 1 else { return nil }
            return try Row.fetchOne(
                db, sql: "SELECT * FROM access_requests WHERE id = ?", arguments: [id]
            ).map(Self.accessRequest)
        }
    }

    private static func accessRequest(_ row: Row) -> AccessRequest {
        let created: String = row["created_at"]
        let documents: String = row["documents"]
        let status: String = row["status"]
        let decidedAt: String? = row["decided_at"]
        let expiresAt: String? = row["expires_at"]
        return AccessRequest(
            id: row["id"], createdAt: StoredDate.date(created), name: row["name"],
            email: row["email"], company: row["company"], reason: row["reason"],
            locale: row["locale"], documents: StringListColumn.decode(documents),
            ndaSHA256: row["nda_sha256"], ipAddress: row["ip_address"],
            userAgent: row["user_agent"], status: AccessStatus(rawValue: status) ?? .denied,
            decidedAt: decidedAt.map(StoredDate.date), decidedBy: row["decided_by"],
            expiresAt: expiresAt.map(StoredDate.date))
    }
}

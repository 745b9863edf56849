import AttestCore
@_spi(Benchmarks) import AttestStore
import Foundation
import PostgresNIO

/// The store on a PostgreSQL server, for a team whose pipelines or portal replicas report into
/// one program: the same `ScoreStore` semantics as `SQLiteStore`.
///
/// - A run is recorded in one transaction: every row or none.
/// - A build id is recorded once: `runs.build_id` is unique and the insert is
///   `ON CONFLICT (build_id) DO NOTHING`, so of two processes recording the same build at
///   once, the second waits for the first's transaction and then reads its id.
/// - The schema is versioned (`attest_migrations`); a database from a newer Attest is refused
///   (`store.incompatible`) and left as it is.
/// - Orderings are SQLite's: text columns compare bytewise (`COLLATE "C"`).
///
/// Errors name the URL without its password (`PostgresLocation.redacted`).
public final class PostgresStore: ScoreStore, Sendable {
    private let connection: BlockingConnection
    /// False for a store opened read-only on a database not migrated yet: it reads as empty.
    private let hasSchema: Bool
    public let location: PostgresLocation
    public let access: SQLiteStore.Access

    /// Connects to the database of `location`; read-write migrates it, read-only writes
    /// nothing (and reads a database with no Attest schema yet as empty).
    ///
    /// - Parameters:
    ///   - connectTimeout: how long to try reaching the server before `store.io`.
    ///   - operationTimeout: how long any one call may wait for the server (a whole run's
    ///     rows included) before the connection is closed and `store.io` reported.
    /// - Throws: `store.io` (unreachable, authentication, timeout), `store.incompatible`,
    ///   `store.foreign`.
    public init(
        location: PostgresLocation, access: SQLiteStore.Access = .readWrite,
        connectTimeout: TimeInterval = 10, operationTimeout: TimeInterval = 120
    ) throws(StoreError) {
        self.location = location
        self.access = access
        connection = try BlockingConnection(
            location, connectTimeout: .milliseconds(Int64(connectTimeout * 1_000)),
            operationTimeout: .milliseconds(Int64(operationTimeout * 1_000)))
        let shown = location.redacted
        switch access {
        case .readWrite:
            _ = try connection.exclusively { session throws(StoreError) in
                try Self.migrate(session, location: shown)
            }
            hasSchema = true
        case .readOnly:
            hasSchema = try connection.exclusively { session throws(StoreError) in
                try Self.currentVersion(session, location: shown) != nil
            }
        }
    }

    /// Opens `url` (`postgres://user[:password]@host:port/database`).
    public convenience init(
        url: String, access: SQLiteStore.Access = .readWrite,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) {
        try self.init(
            location: PostgresLocation(parsing: url, environment: environment), access: access)
    }

    /// The migrations this opening applied is not kept; `appliedMigrations` asks the database.
    public func appliedMigrations() throws(StoreError) -> [Int64] {
        try read(orEmpty: []) { session throws(StoreError) in
            try session.query("SELECT version FROM attest_migrations ORDER BY version").map {
                row throws(StoreError) in try decode(Int64.self, row, 0)
            }
        }
    }

    /// Runs the migrations again, as a second opening would; returns those applied.
    public func migrate() throws(StoreError) -> [Int64] {
        try connection.exclusively { session throws(StoreError) in
            try Self.migrate(session, location: location.redacted)
        }
    }

    // MARK: Access

    private func write<T>(
        _ body: (BlockingConnection.Session) throws(StoreError) -> T
    ) throws(StoreError) -> T {
        guard access == .readWrite else {
            throw StoreError(
                code: .io, path: location.redacted, detail: "the store was opened read-only")
        }
        return try connection.exclusively { session throws(StoreError) in
            try session.execute("BEGIN")
            do throws(StoreError) {
                let value = try body(session)
                try session.execute("COMMIT")
                return value
            } catch {
                try? session.execute("ROLLBACK")
                throw error
            }
        }
    }

    private func read<T>(
        orEmpty empty: T, _ body: (BlockingConnection.Session) throws(StoreError) -> T
    ) throws(StoreError) -> T {
        guard hasSchema else { return empty }
        return try connection.exclusively(body)
    }

    private func decode<T: PostgresDecodable>(
        _ type: T.Type, _ row: PostgresRow, _ column: Int
    ) throws(StoreError) -> T {
        try Self.decode(type, row.makeRandomAccess()[column], location: location.redacted)
    }

    static func decode<T: PostgresDecodable>(
        _ type: T.Type, _ cell: PostgresCell, location: String
    ) throws(StoreError) -> T {
        do {
            return try cell.decode(type)
        } catch {
            throw StoreError(
                code: .io, path: location,
                detail: "column \(cell.columnName) does not hold a \(type): the database does "
                    + "not have Attest's schema")
        }
    }

    // MARK: Runs

    public func record(_ run: RunRecord) throws(StoreError) -> Int64 {
        try write { session throws(StoreError) -> Int64 in
            var binds = PostgresBindings()
            binds.append(run.kind)
            binds.append(run.state.rawValue)
            binds.append(StoredDate.text(run.startedAt))
            binds.append(StoredDate.text(run.finishedAt))
            binds.append(run.toolVersion)
            binds.append(run.workspaceFingerprint)
            binds.append(run.buildID)
            binds.append(run.revision)
            binds.append(run.ciURL)
            // A build id already recorded, also by a transaction that commits while this one
            // waits on the unique index, gives no row; the recorded run's id is then read.
            let inserted = try session.query(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO runs (kind, state, started_at, finished_at, tool_version,
                            workspace_fingerprint, build_id, revision, ci_url, scope_recorded)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, TRUE)
                        ON CONFLICT (build_id) DO NOTHING RETURNING id
                        """, binds: binds))
            guard let row = inserted.first else {
                var lookup = PostgresBindings()
                lookup.append(run.buildID)
                let existing = try session.query(
                    PostgresQuery(
                        unsafeSQL: "SELECT id FROM runs WHERE build_id = $1", binds: lookup))
                guard let found = existing.first else {
                    throw StoreError(
                        code: .io, path: location.redacted,
                        detail: "build \(run.buildID ?? "") was neither recorded nor found")
                }
                return try decode(Int64.self, found, 0)
            }
            let runID = try decode(Int64.self, row, 0)
            try session.pipeline(Self.rowInserts(run, runID: runID))
            return runID
        }
    }

    /// One INSERT per row of the run's tables, sent pipelined in the run's transaction.
    private static func rowInserts(_ run: RunRecord, runID: Int64) -> [PostgresQuery] {
        var queries: [PostgresQuery] = []
        queries.reserveCapacity(
            run.results.count + run.scores.count + run.controls.count + run.exclusions.count)
        for result in run.results {
            var binds = PostgresBindings(capacity: 14)
            binds.append(runID)
            binds.append(result.evidence.rawValue)
            binds.append(result.control.rawValue)
            binds.append(result.status.name)
            binds.append(result.status.score)
            binds.append(StoredDate.text(result.observedAt))
            binds.append(result.expiresAt.map(StoredDate.text))
            binds.append(result.sha256)
            binds.append(result.message)
            binds.append(ArtifactsColumn.encode(result.artifacts))
            binds.append(result.dateSource.rawValue)
            binds.append(result.target)
            binds.append(result.signer)
            binds.append(result.collector?.rawValue)
            queries.append(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO evidence_results (run_id, evidence_id, control_id, status,
                            score, observed_at, expires_at, sha256, message, artifacts,
                            date_source, target, signer, collector)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                        """, binds: binds))
        }
        for score in run.scores {
            var binds = PostgresBindings(capacity: 10)
            binds.append(runID)
            binds.append(score.node.description)
            binds.append(score.numerator)
            binds.append(score.denominator)
            binds.append(score.inheritedNumerator)
            binds.append(Int64(score.leafCount))
            binds.append(Int64(score.coveredCount))
            binds.append(Int64(score.inheritedCount))
            binds.append(Int64(score.gapCount))
            binds.append(Int64(score.excludedCount))
            queries.append(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO scores (run_id, node, numerator, denominator,
                            inherited_numerator, leaves, covered, inherited, gaps, excluded)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        """, binds: binds))
        }
        for control in run.controls {
            var binds = PostgresBindings(capacity: 5)
            binds.append(runID)
            binds.append(control.id.rawValue)
            binds.append(control.title)
            binds.append(control.visibility.rawValue)
            binds.append(control.score)
            queries.append(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO run_controls (run_id, control_id, title, visibility, score)
                        VALUES ($1, $2, $3, $4, $5)
                        """, binds: binds))
        }
        for exclusion in run.exclusions {
            var binds = PostgresBindings(capacity: 4)
            binds.append(runID)
            binds.append(exclusion.requirement.description)
            binds.append(exclusion.justification)
            binds.append(exclusion.visibility.rawValue)
            queries.append(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO run_exclusions (run_id, requirement, justification,
                            visibility)
                        VALUES ($1, $2, $3, $4)
                        """, binds: binds))
        }
        return queries
    }

    public func mark(_ run: Int64, as state: RunState) throws(StoreError) {
        try write { session throws(StoreError) in
            var binds = PostgresBindings()
            binds.append(state.rawValue)
            binds.append(run)
            binds.append(RunState.published.rawValue)
            _ = try session.query(
                PostgresQuery(
                    unsafeSQL: "UPDATE runs SET state = $1 WHERE id = $2 AND state <> $3",
                    binds: binds))
        }
    }

    /// The columns of `summary`, after `runs.*`-free selects.
    private static let summaryColumns = """
        runs.id, runs.kind, runs.state, runs.started_at, runs.finished_at, runs.tool_version,
        runs.workspace_fingerprint, runs.build_id,
        (SELECT COUNT(*) FROM evidence_results WHERE run_id = runs.id) AS result_count,
        runs.revision, runs.ci_url
        """

    private func summary(_ row: PostgresRow) throws(StoreError) -> RunSummary {
        RunSummary(
            id: try decode(Int64.self, row, 0), kind: try decode(String.self, row, 1),
            // A state this Attest does not know never counts.
            state: RunState(rawValue: try decode(String.self, row, 2)) ?? .attempted,
            startedAt: StoredDate.date(try decode(String.self, row, 3)),
            finishedAt: StoredDate.date(try decode(String.self, row, 4)),
            toolVersion: try decode(String.self, row, 5),
            workspaceFingerprint: try decode(String.self, row, 6),
            buildID: try decode(String?.self, row, 7),
            resultCount: Int(try decode(Int64.self, row, 8)),
            revision: try decode(String?.self, row, 9), ciURL: try decode(String?.self, row, 10))
    }

    private static func stateNames(_ states: Set<RunState>) -> [String] {
        states.map(\.rawValue).sorted()
    }

    public func runs(limit: Int?, states: Set<RunState>) throws(StoreError) -> [RunSummary] {
        try read(orEmpty: []) { session throws(StoreError) in
            var binds = PostgresBindings()
            binds.append(Self.stateNames(states))
            binds.append(limit.map(Int64.init))
            return try session.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.summaryColumns) FROM runs WHERE state = ANY($1)
                        ORDER BY id DESC LIMIT $2
                        """, binds: binds)
            ).map { row throws(StoreError) in try summary(row) }
        }
    }

    private func rows(
        _ sql: String, _ run: Int64
    ) throws(StoreError) -> [PostgresRow] {
        try read(orEmpty: []) { session throws(StoreError) in
            var binds = PostgresBindings()
            binds.append(run)
            return try session.query(PostgresQuery(unsafeSQL: sql, binds: binds))
        }
    }

    public func results(run: Int64) throws(StoreError) -> [EvidenceResult] {
        let rows = try rows(
            """
            SELECT evidence_id, control_id, status, score, observed_at, date_source, target,
                signer, collector, expires_at, sha256, message, artifacts
            FROM evidence_results WHERE run_id = $1 ORDER BY evidence_id
            """, run)
        var results: [EvidenceResult] = []
        for row in rows {
            guard
                let status = EvidenceStatus(
                    name: try decode(String.self, row, 2), score: try decode(Double.self, row, 3))
            else { continue }
            results.append(
                EvidenceResult(
                    evidence: EvidenceID(try decode(String.self, row, 0)),
                    control: ControlID(try decode(String.self, row, 1)), status: status,
                    observedAt: StoredDate.date(try decode(String.self, row, 4)),
                    dateSource: DateSource(rawValue: try decode(String.self, row, 5)) ?? .assumed,
                    target: try decode(String?.self, row, 6),
                    signer: try decode(String?.self, row, 7),
                    collector: try decode(String?.self, row, 8).flatMap(CollectorKind.init),
                    expiresAt: try decode(String?.self, row, 9).map(StoredDate.date),
                    sha256: try decode(String?.self, row, 10),
                    message: try decode(String.self, row, 11),
                    artifacts: ArtifactsColumn.decode(try decode(String.self, row, 12))))
        }
        return results
    }

    /// The columns of `nodeScore`, from column `offset` on.
    private static let scoreColumns = """
        scores.node, scores.numerator, scores.denominator, scores.inherited_numerator,
        scores.leaves, scores.covered, scores.inherited, scores.gaps, scores.excluded
        """

    private func nodeScore(_ row: PostgresRow, from offset: Int) throws(StoreError) -> NodeScore {
        NodeScore(
            node: ScoreNode(parsing: try decode(String.self, row, offset)),
            numerator: try decode(Double.self, row, offset + 1),
            denominator: try decode(Double.self, row, offset + 2),
            inheritedNumerator: try decode(Double.self, row, offset + 3),
            leafCount: Int(try decode(Int64.self, row, offset + 4)),
            coveredCount: Int(try decode(Int64.self, row, offset + 5)),
            inheritedCount: Int(try decode(Int64.self, row, offset + 6)),
            gapCount: Int(try decode(Int64.self, row, offset + 7)),
            excludedCount: Int(try decode(Int64.self, row, offset + 8)))
    }

    public func scores(run: Int64) throws(StoreError) -> [NodeScore] {
        try rows("SELECT \(Self.scoreColumns) FROM scores WHERE run_id = $1 ORDER BY node", run)
            .map { row throws(StoreError) in try nodeScore(row, from: 0) }
    }

    public func controls(run: Int64) throws(StoreError) -> [ControlSnapshot] {
        try rows(
            """
            SELECT control_id, title, visibility, score FROM run_controls WHERE run_id = $1
            ORDER BY control_id
            """, run
        ).map { row throws(StoreError) in
            ControlSnapshot(
                id: ControlID(try decode(String.self, row, 0)),
                title: try decode(String.self, row, 1),
                visibility: Visibility(rawValue: try decode(String.self, row, 2)) ?? .internal,
                score: try decode(Double.self, row, 3))
        }
    }

    public func exclusions(run: Int64) throws(StoreError) -> [ExclusionSnapshot]? {
        let recorded = try rows("SELECT scope_recorded FROM runs WHERE id = $1", run)
        guard let flag = recorded.first, try decode(Bool.self, flag, 0) else { return nil }
        var exclusions: [ExclusionSnapshot] = []
        for row in try rows(
            """
            SELECT requirement, justification, visibility FROM run_exclusions WHERE run_id = $1
            ORDER BY requirement
            """, run)
        {
            guard let key = RequirementKey(parsing: try decode(String.self, row, 0)) else {
                continue
            }
            exclusions.append(
                ExclusionSnapshot(
                    requirement: key, justification: try decode(String.self, row, 1),
                    visibility: Visibility(rawValue: try decode(String.self, row, 2))
                        ?? .internal))
        }
        return exclusions
    }

    public func history(
        of node: ScoreNode, limit: Int?, states: Set<RunState>
    ) throws(StoreError) -> [(run: RunSummary, score: NodeScore)] {
        try read(orEmpty: []) { session throws(StoreError) in
            var binds = PostgresBindings()
            binds.append(node.description)
            binds.append(Self.stateNames(states))
            binds.append(limit.map(Int64.init))
            return try session.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.summaryColumns), \(Self.scoreColumns)
                        FROM scores JOIN runs ON runs.id = scores.run_id
                        WHERE scores.node = $1 AND runs.state = ANY($2)
                        ORDER BY runs.id DESC LIMIT $3
                        """, binds: binds)
            ).map { row throws(StoreError) in (try summary(row), try nodeScore(row, from: 11)) }
        }
    }

    public func observations(
        from: Date, until: Date, states: Set<RunState>
    ) throws(StoreError) -> [PeriodObservation] {
        try read(orEmpty: []) { session throws(StoreError) in
            let names = Self.stateNames(states)
            let fromText = StoredDate.text(from)
            // The latest run before the period decides its first days; runs of that same instant
            // come along, and the latest of them wins as in every day.
            var lowerBinds = PostgresBindings()
            lowerBinds.append(names)
            lowerBinds.append(fromText)
            let lowerRows = try session.query(
                PostgresQuery(
                    unsafeSQL:
                        "SELECT max(started_at) FROM runs WHERE state = ANY($1) AND started_at < $2",
                    binds: lowerBinds))
            let lower =
                try lowerRows.first.flatMap { row throws(StoreError) in
                    try decode(String?.self, row, 0)
                } ?? fromText
            func window(_ sql: String) throws(StoreError) -> [PostgresRow] {
                var binds = PostgresBindings()
                binds.append(names)
                binds.append(lower)
                binds.append(StoredDate.text(until))
                return try session.query(PostgresQuery(unsafeSQL: sql, binds: binds))
            }
            let within = "runs.state = ANY($1) AND runs.started_at >= $2 AND runs.started_at < $3"
            var runs: [Int64: PeriodObservation] = [:]
            for row in try window("SELECT id, started_at FROM runs WHERE \(within)") {
                let id = try decode(Int64.self, row, 0)
                runs[id] = PeriodObservation(
                    run: id, time: StoredDate.date(try decode(String.self, row, 1)),
                    controls: [:], nodes: [:])
            }
            for row in try window(
                """
                SELECT run_controls.run_id, control_id, title, visibility, score
                FROM run_controls JOIN runs ON runs.id = run_controls.run_id WHERE \(within)
                """)
            {
                let id = try decode(Int64.self, row, 0)
                runs[id]?.controls[ControlID(try decode(String.self, row, 1))] =
                    PeriodObservation.ObservedControl(
                        score: try decode(Double.self, row, 4),
                        title: try decode(String.self, row, 2),
                        visibility: Visibility(rawValue: try decode(String.self, row, 3))
                            ?? .internal)
            }
            for row in try window(
                """
                SELECT scores.run_id, \(Self.scoreColumns)
                FROM scores JOIN runs ON runs.id = scores.run_id WHERE \(within)
                """)
            {
                let score = try nodeScore(row, from: 1)
                runs[try decode(Int64.self, row, 0)]?.nodes[score.node] = score
            }
            return runs.values.sorted { ($0.time, $0.run) < ($1.time, $1.run) }
        }
    }

    // MARK: Disclosures

    public func record(_ disclosure: Disclosure) throws(StoreError) {
        try write { session throws(StoreError) in
            var binds = PostgresBindings()
            binds.append(disclosure.id)
            binds.append(disclosure.recipient)
            binds.append(disclosure.ndaReference)
            binds.append(FrameworksColumn.encode(disclosure.frameworks))
            binds.append(disclosure.sha256)
            binds.append(StoredDate.text(disclosure.createdAt))
            binds.append(disclosure.expiresAt.map(StoredDate.text))
            binds.append(disclosure.runID)
            binds.append(StringListColumn.encode(disclosure.documents))
            binds.append(disclosure.accessRequestID)
            _ = try session.query(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO disclosures (id, recipient, nda_reference, frameworks, sha256,
                            created_at, expires_at, run_id, documents, access_request_id)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        """, binds: binds))
        }
    }

    public func disclosures() throws(StoreError) -> [Disclosure] {
        try read(orEmpty: []) { session throws(StoreError) in
            try session.query(
                """
                SELECT id, recipient, nda_reference, frameworks, sha256, created_at, expires_at,
                    run_id, documents, access_request_id
                FROM disclosures ORDER BY created_at, id
                """
            ).map { row throws(StoreError) in
                Disclosure(
                    id: try decode(String.self, row, 0), recipient: try decode(String.self, row, 1),
                    ndaReference: try decode(String.self, row, 2),
                    frameworks: FrameworksColumn.decode(try decode(String.self, row, 3)),
                    sha256: try decode(String.self, row, 4),
                    createdAt: StoredDate.date(try decode(String.self, row, 5)),
                    expiresAt: try decode(String?.self, row, 6).map(StoredDate.date),
                    runID: try decode(Int64?.self, row, 7),
                    documents: StringListColumn.decode(try decode(String.self, row, 8)),
                    accessRequestID: try decode(String?.self, row, 9))
            }
        }
    }

    // MARK: Access requests

    private static let accessColumns = """
        id, created_at, name, email, company, reason, locale, documents, nda_sha256, ip_address,
        user_agent, status, decided_at, decided_by, expires_at
        """

    public func record(_ request: AccessRequest) throws(StoreError) {
        try write { session throws(StoreError) in
            var binds = PostgresBindings()
            binds.append(request.id)
            binds.append(StoredDate.text(request.createdAt))
            binds.append(request.name)
            binds.append(request.email)
            binds.append(request.company)
            binds.append(request.reason)
            binds.append(request.locale)
            binds.append(StringListColumn.encode(request.documents))
            binds.append(request.ndaSHA256)
            binds.append(request.ipAddress)
            binds.append(request.userAgent)
            binds.append(request.status.rawValue)
            binds.append(request.decidedAt.map(StoredDate.text))
            binds.append(request.decidedBy)
            binds.append(request.expiresAt.map(StoredDate.text))
            _ = try session.query(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO access_requests (\(Self.accessColumns))
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                        """, binds: binds))
        }
    }

    public func accessRequest(id: String) throws(StoreError) -> AccessRequest? {
        try read(orEmpty: nil) { session throws(StoreError) in
            var binds = PostgresBindings()
            binds.append(id)
            return try session.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(Self.accessColumns) FROM access_requests WHERE id = $1",
                    binds: binds)
            ).first.map { row throws(StoreError) in try accessRequest(row) }
        }
    }

    public func accessRequests(
        statuses: Set<AccessStatus>
    ) throws(StoreError) -> [AccessRequest] {
        guard !statuses.isEmpty else { return [] }
        return try read(orEmpty: []) { session throws(StoreError) in
            var binds = PostgresBindings()
            let marks = statuses.map(\.rawValue).sorted().enumerated().map { index, status in
                binds.append(status)
                return "$\(index + 1)"
            }
            return try session.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.accessColumns) FROM access_requests
                        WHERE status IN (\(marks.joined(separator: ", ")))
                        ORDER BY created_at DESC, id DESC
                        """, binds: binds)
            ).map { row throws(StoreError) in try accessRequest(row) }
        }
    }

    public func decide(
        _ id: String, _ decision: AccessDecision
    ) throws(StoreError) -> AccessRequest? {
        let from = decision.allowedFrom.map(\.rawValue).sorted()
        guard !from.isEmpty else { return nil }
        return try write { session throws(StoreError) in
            var binds = PostgresBindings()
            binds.append(decision.status.rawValue)
            binds.append(StoredDate.text(decision.at))
            binds.append(decision.by)
            binds.append(decision.expiresAt.map(StoredDate.text))
            binds.append(id)
            let marks = from.enumerated().map { index, status in
                binds.append(status)
                return "$\(index + 6)"
            }
            // One statement: of two instances deciding at once, the second waits for the
            // first's row lock, then finds the status changed and updates nothing.
            return try session.query(
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE access_requests SET status = $1, decided_at = $2, decided_by = $3,
                            expires_at = COALESCE($4, expires_at)
                        WHERE id = $5 AND status IN (\(marks.joined(separator: ", ")))
                        RETURNING \(Self.accessColumns)
                        """, binds: binds)
            ).first.map { row throws(StoreError) in try accessRequest(row) }
        }
    }

    private func accessRequest(_ row: PostgresRow) throws(StoreError) -> AccessRequest {
        AccessRequest(
            id: try decode(String.self, row, 0),
            createdAt: StoredDate.date(try decode(String.self, row, 1)),
            name: try decode(String.self, row, 2), email: try decode(String.self, row, 3),
            company: try decode(String.self, row, 4), reason: try decode(String.self, row, 5),
            locale: try decode(String.self, row, 6),
            documents: StringListColumn.decode(try decode(String.self, row, 7)),
            ndaSHA256: try decode(String.self, row, 8), ipAddress: try decode(String.self, row, 9),
            userAgent: try decode(String.self, row, 10),
            status: AccessStatus(rawValue: try decode(String.self, row, 11)) ?? .denied,
            decidedAt: try decode(String?.self, row, 12).map(StoredDate.date),
            decidedBy: try decode(String?.self, row, 13),
            expiresAt: try decode(String?.self, row, 14).map(StoredDate.date))
    }
}

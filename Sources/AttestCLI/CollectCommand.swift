import ArgumentParser
import AttestCore
import AttestStore
import Foundation

/// Options naming the store, shared by commands that read or write it.
struct StoreOptions: ParsableArguments {
    @Option(
        help: """
            The store: a SQLite file, or postgres://user[:password]@host:port/database \
            (default: the manifest's `store:`, .attest/attest.sqlite).
            """)
    var store: String?
}

/// `attest collect`: runs the collectors, scores, and records the run in the store.
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect", abstract: "Collect evidence, score it, and record the run.")

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var cacheOptions: EvidenceCacheOptions

    @Option(help: "Most collectors running at once (default: the number of cores).")
    var jobs: Int?

    @Option(parsing: .upToNextOption, help: "Collect only the evidence of these controls.")
    var only: [String] = []

    @Flag(help: "Print no progress.")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "Observe live systems and save each observation in this workspace folder.",
            discussion:
                "Live collectors (tls, http) connect even when their evidence names a "
                + "`recording:`; "
                + "each observation is saved as DIR/<evidence-id>.json, dated and hashed, for "
                + "later builds to judge.",
            valueName: "DIR"))
    var record: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        let console = Console.current
        let session = try WorkspaceSession(options: options, console: console)
        let store = try session.openStore(storeOptions.store)
        let recordings = try record.map { try ObservationRecordings($0, root: session.root) }
        let started = Date()
        let collected = try await EvidenceCollection(
            jobs: jobs, only: only.map { ControlID($0) }, quiet: quiet,
            recorder: recordings?.recorder,
            cache: EvidenceCacheSetup.resolve(
                cacheOptions, environment: ProcessInfo.processInfo.environment,
                workspaceRoot: session.root)
        )
        .run(session, now: started, console: console)
        let results = collected.results
        if let recordings {
            let written = try recordings.write()
            console.err(
                "recorded \(written.count) live observation\(written.count == 1 ? "" : "s") in "
                    + recordings.folder.relative)
        }
        let scores = Scores(
            graph: session.graph,
            results: Dictionary(uniqueKeysWithValues: results.map { ($0.evidence, $0) }),
            now: started, expiringWithin: session.manifest.expiringWithin)
        let runID = try store.record(
            RunRecord(
                kind: "collect", state: only.isEmpty ? .collected : .partial,
                startedAt: started,
                finishedAt: Date(),
                toolVersion: AttestVersion.current,
                workspaceFingerprint: session.fingerprint, results: results,
                scores: scores.storedNodeScores,
                controls: scores.controlSnapshots, revision: collected.revision,
                ciURL: collected.ciURL, exclusions: scores.exclusionSnapshots))
        let summary = ScoreSummary(
            scores: scores, frameworks: session.graph.scopedFrameworkIDs.sorted())
        console.out(summary.table)
        let counts = Dictionary(grouping: results, by: \.status.name).mapValues(\.count)
        console.out(
            "run \(runID)\(only.isEmpty ? "" : " (partial)"): \(results.count) evidence — "
                + ["pass", "partial", "fail", "stale", "missing", "error"].map {
                    "\(counts[$0] ?? 0) \($0)"
                }.joined(separator: ", "))
    }
}

/// `attest score`: scores the latest recorded run against the current workspace.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Show readiness per framework, explain a number, gate CI.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Option(help: "Only this framework.")
    var framework: String?

    @Option(help: "Explain one node's percentage, e.g. soc2 or soc2/CC6.")
    var explain: String?

    @Option(
        name: .customLong("run"),
        help: "Score this recorded run (as `attest history` lists), even a partial one.")
    var runID: Int64?

    @OptionGroup var periodOptions: PeriodOptions

    @OptionGroup var gate: GateOptions

    func validate() throws {
        guard periodOptions.period != nil else { return }
        let others = [
            explain.map { _ in "--explain" }, runID.map { _ in "--run" },
            gate.failUnder.map { _ in "--fail-under" },
            gate.expiringWithin.map { _ in "--expiring-within" },
        ].compactMap { $0 }
        if let other = others.first {
            throw ValidationError(
                "--period reads every run of the period; it cannot go with \(other)")
        }
    }

    func run() async throws {
        let console = Console.current
        // A period that cannot be read is refused before anything is opened.
        let period = try periodOptions.parsed()
        let session = try WorkspaceSession(options: options, console: console)
        let store = try session.openStore(storeOptions.store, access: .readOnly)
        if let period {
            _ = try selectedFrameworks(session.graph, framework)
            let view = try PeriodOutput.view(
                period, graph: session.graph, store: store, framework: framework)
            console.out(try PeriodOutput.text(view, format: format))
            return
        }
        let now = Date()
        let scores = try latestScores(session: session, store: store, now: now, run: runID)
        let frameworks = try selectedFrameworks(session.graph, framework)
        if let explain {
            console.out(
                try Explanation(scores: scores, node: ScoreNode(parsing: explain)).text(
                    format: format))
            return
        }
        let summary = ScoreSummary(scores: scores, frameworks: frameworks)
        switch format {
        case .table: console.out(summary.table)
        case .json: console.out(try JSONOutput.encode(summary.rows))
        }
        let failures = gate.failures(scores, summary: summary, now: now)
        for failure in failures { console.err(failure) }
        if !failures.isEmpty { throw FindingsReported() }
    }
}

/// Parses a duration option such as `--expiring-within 14d` or `--expires 90d`.
func parseSpan(_ text: String) throws -> TimeSpan {
    guard let span = TimeSpan(parsing: text) else {
        throw ValidationError("'\(text)' is not a duration such as 14d, 12h or 2w")
    }
    return span
}

/// The frameworks a command reports: one named with `--framework`, or every scoped one.
func selectedFrameworks(_ graph: ControlGraph, _ name: String?) throws -> [FrameworkID] {
    guard let name else { return graph.scopedFrameworkIDs.sorted() }
    let id = FrameworkID(name)
    guard graph.isScoped(id) else {
        throw ValidationError(
            "'\(name)' is not a framework in scope; in scope: "
                + graph.scopedFrameworkIDs.map(\.rawValue).joined(separator: ", "))
    }
    return [id]
}

/// Scores of the latest run that counts in the store (or of the run named `run`, in any
/// state), aged to `now`.
func latestScores(
    session: WorkspaceSession, store: any ScoreStore, now: Date, run: Int64? = nil
) throws -> Scores {
    let id: Int64
    if let run {
        guard
            try store.runs(limit: nil, states: Set(RunState.allCases)).contains(where: {
                $0.id == run
            })
        else {
            throw UnreadableInput(
                description: "the store has no run \(run); `attest history` lists runs")
        }
        id = run
    } else {
        guard let latest = try store.runs(limit: 1).first else {
            throw UnreadableInput(
                description:
                    "the store has no run yet; run `attest collect` (or `attest build`) first"
            )
        }
        id = latest.id
    }
    let results = try store.results(run: id)
    return Scores(
        graph: session.graph, results: results.aged(by: session.graph, now: now), now: now,
        expiringWithin: session.manifest.expiringWithin)
}

/// `attest history`: a framework's readiness per recorded run, or with `--period` the period
/// view `score --period` prints.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Readiness per run over time.")

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only this framework.")
    var framework: String?

    @Option(help: "Most runs to show (newest first).")
    var limit: Int = 20

    @Option(help: "Output format: table or json.")
    var format: ScoreCommand.Format = .table

    @OptionGroup var periodOptions: PeriodOptions

    struct Entry: Encodable {
        var run: Int64
        var kind: String
        var startedAt: String
        var framework: String
        var readiness: Double
        var coverage: Double
        var gaps: Int
    }

    func run() async throws {
        let console = Console.current
        let period = try periodOptions.parsed()
        let session = try WorkspaceSession(options: options, console: console)
        let store = try session.openStore(storeOptions.store, access: .readOnly)
        let frameworks = try selectedFrameworks(session.graph, framework)
        if let period {
            let view = try PeriodOutput.view(
                period, graph: session.graph, store: store, framework: framework)
            console.out(try PeriodOutput.text(view, format: format))
            return
        }
        var entries: [Entry] = []
        for id in frameworks {
            for (run, score) in try store.history(of: .framework(id), limit: limit) {
                entries.append(
                    Entry(
                        run: run.id, kind: run.kind,
                        startedAt: Timestamp.format(run.startedAt),
                        framework: id.rawValue, readiness: score.percent,
                        coverage: NodeScore.percent(score.coverage), gaps: score.gapCount))
            }
        }
        switch format {
        case .json: console.out(try JSONOutput.encode(entries))
        case .table:
            if entries.isEmpty {
                console.out("no run recorded yet")
                return
            }
            console.out(
                TextTable(
                    headers: [
                        "run", "kind", "started", "framework", "readiness", "coverage", "gaps",
                    ], rightAligned: [0, 4, 5, 6]
                )
                .render(
                    entries.map {
                        [
                            "\($0.run)", $0.kind, $0.startedAt, $0.framework,
                            ScoreSummary.percent($0.readiness), ScoreSummary.percent($0.coverage),
                            "\($0.gaps)",
                        ]
                    }))
        }
    }
}

import ArgumentParser
import AttestCatalog
import AttestCore
import AttestEvidence
import AttestRender
import AttestStore
import AttestSystem
import Crypto
import Foundation

/// `attest build`: validate → collect → score → store → render, the one command CI runs.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract:
            "Build the trust-center site and the reports (validate, collect, score, store, render)."
    )

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Output folder (default: the manifest's `output:`, reports/).")
    var out: String?

    @Flag(help: "Score the latest recorded evidence instead of collecting anew.")
    var noCollect = false

    @Option(help: "Locales to build, comma-separated (default: the manifest's `locales:`).")
    var locale: String?

    @OptionGroup var gate: GateOptions
    @OptionGroup var cacheOptions: EvidenceCacheOptions

    @Option(help: "The build time (ISO 8601 or Unix seconds); default SOURCE_DATE_EPOCH, else now.")
    var buildTime: String?

    @Option(help: "Most collectors running at once (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Print no collection progress.")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "The period of observation the reports and the trust page show (default: the "
                + "manifest's `reports.period`): FIRST..LAST or the days ending at the build time "
                + "(90d).",
            valueName: "PERIOD"))
    var period: String?

    @Option(help: "Write the wall seconds of each phase and the peak memory as JSON to FILE.")
    var timings: String?

    @Option(
        help: ArgumentHelp(
            "Most rows the traceability matrix may hold; a workspace over it is refused before "
                + "collecting (default \(AuditRowBudget.defaultLimit)).",
            valueName: "ROWS"))
    var maxAuditRows = AuditRowBudget.defaultLimit

    func run() async throws {
        var timer = BuildTimings()
        let console = Console.current
        let time = try BuildClock.time(
            option: buildTime, environment: ProcessInfo.processInfo.environment)
        let session = try WorkspaceSession(options: options, console: console)
        let destination = OutputDestination.url(out, session: session)
        // Two checks that need nothing of each other, on both cores; their errors come in the
        // order they are listed (the placement, the locales, the budget).
        let graph = session.graph
        let maxAuditRows = self.maxAuditRows
        let (budget, _) = try concurrently(
            { Result { try AuditRowBudget.check(graph, limit: maxAuditRows) } },
            { try OutputDestination.check(destination, session: session) })
        let locales = try selectedLocales(session.manifest)
        try budget.get()
        let store = try session.openStore(storeOptions.store)
        // Days end with the build time's, so a reproducible build shows the same period.
        let observation = try (period ?? session.manifest.reportPeriod).map {
            try OperatingPeriod(parsing: $0, today: time)
        }
        timer.end(.load)
        // A hash of every source file read, needed only for the build id: computed while the
        // evidence is collected rather than after it.
        let loaded = session.validation.loaded
        async let workspaceFingerprint = WorkspaceSession.fingerprint(of: loaded)

        // The collected, aged and ordered results (three arrays of every result) live only in
        // this block: the scores keep what rendering needs, and the arrays are gone before the
        // outputs are written, the build's busiest moment (docs/benchmarks.md, "Memory").
        let scores: Scores
        let build: BuildInfo
        let started: StartedAudit
        let history: BuildHistory.Context
        let periodReport: PeriodReport?
        var collectedAt = time
        do {
            let results: [EvidenceResult]
            var revision: String?
            if noCollect {
                let latest = try latestResults(store: store)
                results = latest.results
                collectedAt = latest.collectedAt
                revision = latest.revision
            } else {
                let cache = EvidenceCacheSetup.resolve(
                    cacheOptions, environment: ProcessInfo.processInfo.environment,
                    workspaceRoot: session.root)
                let collected = try await EvidenceCollection(
                    jobs: jobs, quiet: quiet, cache: cache
                ).run(session, now: time, console: console)
                results = collected.results
                revision = collected.revision
            }
            timer.end(.collect)
            // The results' order by id (the store records them in it, the build id hashes
            // them in it) is sorted on one core while the other ages and scores them.
            let positions = Task { results.recordPositions() }
            let aged = results.aged(by: session.graph, now: time)
            let fingerprint = await workspaceFingerprint
            async let identified = Self.identify(
                aged, at: positions, fingerprint: fingerprint, time: time)
            scores = Scores(
                graph: session.graph, results: aged, now: time,
                expiringWithin: session.manifest.expiringWithin)
            // The register is judged against this run: expired exceptions and remediation days
            // passed while the failure remains are printed (the reports list them too).
            let printer = DiagnosticPrinter(session.validation.loaded)
            for finding in ExceptionRegister(session.manifest.exceptions, scores: scores, now: time)
                .diagnostics where finding.severity != .note
            {
                console.err(printer.text(finding))
            }
            let (ordered, buildID) = await identified
            build = BuildInfo(
                id: buildID, time: time, toolVersion: AttestVersion.current, revision: revision,
                ciURL: CIRun.url(environment: ProcessInfo.processInfo.environment))
            timer.end(.score)
            // The audit needs only the scores: it streams on the other core while the run is
            // stored. Any error from here to the output removes its staging folder.
            started = StartedAudit(
                session: session, scores: scores, build: build, destination: destination)
            do {
                history = try BuildHistory.record(
                    RunRecord(
                        kind: "build", state: .attempted, startedAt: time, finishedAt: time,
                        toolVersion: build.toolVersion,
                        workspaceFingerprint: fingerprint, buildID: build.id,
                        results: ordered,
                        scores: scores.storedNodeScores,
                        controls: scores.controlSnapshots, revision: build.revision,
                        ciURL: build.ciURL, exclusions: scores.exclusionSnapshots),
                    in: store, frameworks: session.graph.scopedFrameworkIDs)
                periodReport = try observation.map {
                    try BuildHistory.period(
                        $0, store: store, run: history.run, time: time, scores: scores)
                }
            } catch {
                await started.abandon()
                throw error
            }
            timer.end(.store)
        }

        let center: PublicTrustCenter
        let library: DocumentLibrary
        let feed: PublicChangeFeed
        do {
            var projected = PublicProjection(
                graph: session.graph, scores: scores, content: session.trustCenter, build: build,
                trends: history.trends,
                previous: history.previous,
                signingKeyFingerprint: try SigningKeyFingerprint.of(session),
                collectedAt: collectedAt,
                standings: ProgramProofs.standings(
                    graph: session.graph, scores: scores, root: session.root,
                    today: DateChecks.day(time)),
                period: periodReport
            ).project()
            projected.locales = locales
            library = try DocumentLibrary.read(
                session.graph.manifest.documents, root: WorkspaceRoot(session.root), now: time
            ) { Hex.encode(SHA256.hash(data: $0)) }
            projected.documents = library.entries.isEmpty ? nil : library.entries
            center = projected
            feed = try ChangeFeedHistory.feed(
                store: store, current: history.run, time: time, center: center, locales: locales)
        } catch {
            await started.abandon()
            throw error
        }

        do {
            try await BuildOutput(
                session: session, scores: scores, center: center, build: build,
                period: periodReport, documentFiles: library.files, feed: feed
            )
            .write(after: started)
        } catch {
            BuildHistory.markFailed(history.run, in: store)
            throw error
        }
        try BuildHistory.markPublished(history.run, in: store)
        timer.end(.render)
        ProcessEnd.current?.keep(session, scores, center, library, feed)
        try timer.write(to: timings)

        let summary = ScoreSummary(
            scores: scores, frameworks: session.graph.scopedFrameworkIDs.sorted())
        console.out(summary.table)
        console.out("build \(build.id) · \(center.generatedAt)")
        console.out("site: \(destination.appendingPathComponent("site/index.html").path)")
        let failures = gate.failures(scores, summary: summary, now: time)
        for failure in failures { console.err(failure) }
        if !failures.isEmpty { throw FindingsReported() }
    }

    /// The results in evidence id order, as `recordOrder()` (the build id hashes them and the
    /// store records them), and the build id.
    private static func identify(
        _ results: [EvidenceResult], at positions: Task<[Int], Never>, fingerprint: String,
        time: Date
    ) async -> (ordered: [EvidenceResult], id: String) {
        let ordered = await positions.value.map { results[$0] }
        return (ordered, BuildClock.buildID(fingerprint: fingerprint, time: time, results: ordered))
    }

    private func selectedLocales(_ manifest: Manifest) throws -> [String] {
        guard let locale else { return manifest.locales }
        let list = locale.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !list.isEmpty else {
            throw ValidationError("--locale needs at least one locale, e.g. en,fr")
        }
        return list
    }

    /// The latest run that counts: its results and when it was collected.
    private func latestResults(
        store: any ScoreStore
    ) throws -> (results: [EvidenceResult], collectedAt: Date, revision: String?) {
        guard let latest = try store.runs(limit: 1).first else {
            throw UnreadableInput(
                description: "--no-collect needs a recorded run; run `attest collect` first")
        }
        return (try store.results(run: latest.id), latest.startedAt, latest.revision)
    }
}

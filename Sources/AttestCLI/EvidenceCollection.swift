import AttestCore
import AttestEvidence
import Foundation

/// Runs the collectors over a workspace's evidence with a progress display.
struct EvidenceCollection {
    var jobs: Int?
    /// Only evidence of these controls (all when empty).
    var only: [ControlID] = []
    var quiet = false
    /// Receives live observations to save (`attest collect --record`); nil: none saved.
    var recorder: ObservationRecorder?
    /// The evidence cache asked for (`--evidence-cache`, docs/evidence-cache.md).
    var cache: EvidenceCacheSetup.Resolution = .off

    /// What a collection gives: the results and where the run stood.
    struct Collected {
        var results: [EvidenceResult]
        /// The workspace's git revision (`-dirty` with uncommitted changes), if any.
        var revision: String?
        /// The CI run or job, from the standard environment variables, if any.
        var ciURL: String?
    }

    func run(
        _ session: WorkspaceSession, now: Date, console: Console
    ) async throws -> Collected {
        let graph = session.graph
        let unknown = only.filter { graph.controls[$0] == nil }
        guard unknown.isEmpty else {
            throw UnreadableInput(
                description: "--only names unknown controls: "
                    + unknown.map(\.rawValue).joined(separator: ", "))
        }
        let selected = Set(only)
        let specs = graph.controlIDs
            .filter { selected.isEmpty || selected.contains($0) }
            .flatMap { graph.controls[$0]?.evidence ?? [] }
        // One read of the git history dates every file-based item that has no date of its own;
        // the collectors run while it is read (it is awaited below, so it never outlives the
        // collection).
        let root = session.root
        let datedPaths = Set(specs.compactMap(EvidenceRunner.datedPath))
        let reading = Task { await GitHistoryReader().read(root: root, paths: datedPaths) }
        let progress = ProgressDisplay(console: console, quiet: quiet, total: specs.count)
        let runner = EvidenceRunner(
            registry: WorkspaceSession.registry(root: session.root),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            progress: { progress.handle($0) })
        let policy = session.manifest.undated
        var context = CollectionContext(
            workspaceRoot: session.root, now: now, undated: policy, recorder: recorder)
        context.signers = SignerKeyring.load(session.manifest.signers, root: session.root)
        context.exceptions = session.manifest.exceptions
        let opened = cache.open(console: console)
        context.cache = opened?.cache
        let results = await runner.run(specs, context: context) { await reading.value }
        if let (setup, cache) = opened {
            setup.finish(cache, keepingUnused: !only.isEmpty, quiet: quiet, console: console)
        }
        let history = await reading.value
        progress.finish()
        for warning in history.warnings { console.err("warning: \(warning)") }
        // Said once, and only when a file that git could not date stayed undated.
        let undatedPaths = Set(
            zip(specs, results).compactMap { spec, result in
                result.dateSource == .assumed ? EvidenceRunner.datedPath(spec) : nil
            })
        if let shallow = history.shallowWarning(undated: undatedPaths) {
            console.err("warning: \(shallow)")
        }
        if policy == .warn { UndatedWarning(results: results).print(to: console) }
        return Collected(
            results: results, revision: history.revision,
            ciURL: CIRun.url(environment: ProcessInfo.processInfo.environment))
    }
}

extension EvidenceCacheSetup.Resolution {
    /// The cache of earlier readings to work with, when one is asked for and usable; why it
    /// is not used is printed as a warning (every file is then parsed).
    func open(console: Console) -> (setup: EvidenceCacheSetup, cache: EvidenceCache)? {
        switch self {
        case .off: return nil
        case .unusable(let reason):
            console.err("warning: evidence cache not used: \(reason)")
            return nil
        case .ready(let setup):
            let (cache, problem) = setup.load()
            if let problem { console.err("warning: evidence cache not used: \(problem)") }
            return (setup, cache)
        }
    }
}

extension EvidenceCacheSetup {
    /// Keeps the readings of this run for the next, then says what the cache did.
    ///
    /// - Parameter keepingUnused: Keep the readings this run did not use as well (a run of
    ///   some controls only, or `validate`, which reads only attestations); the pack is then
    ///   written only when this run made a reading.
    func finish(_ cache: EvidenceCache, keepingUnused: Bool, quiet: Bool, console: Console) {
        let (reused, made) = cache.counts
        let changed = keepingUnused ? made > 0 : !cache.isUnchanged
        if changed, let problem = save(cache, keepingUnused: keepingUnused) {
            console.err("warning: evidence cache not saved: \(problem)")
        }
        guard !quiet else { return }
        console.err(
            "evidence cache: \(reused) reading\(reused == 1 ? "" : "s") reused, \(made) made "
                + "(\(folder.url.path))")
    }
}

/// The `freshness.undated: warn` listing: judged evidence whose date is assumed.
struct UndatedWarning {
    var results: [EvidenceResult]
    /// Items named; the rest are counted.
    static let listed = 10

    var undated: [EvidenceResult] { results.filter(UndatedPolicy.isUndated) }

    func print(to console: Console) {
        let items = undated
        guard !items.isEmpty else { return }
        var names = items.prefix(Self.listed).map(\.evidence.rawValue).joined(separator: ", ")
        if items.count > Self.listed { names += " and \(items.count - Self.listed) more" }
        console.err(
            "warning: \(items.count) evidence item\(items.count == 1 ? " has" : "s have") no date "
                + "(assumed: the run's time, so never stale): \(names)")
        console.err(
            "  hint: give each a date in the artifact (front matter 'reviewed:', 'date_field:'), "
                + "or commit it so git dates it; 'freshness.undated: accept' silences this, "
                + "'fail' scores them as failures")
    }
}

/// Progress of a collection: a redrawn line on a terminal, a plain line per result otherwise,
/// nothing when quiet.
final class ProgressDisplay: @unchecked Sendable {
    private let console: Console
    private let quiet: Bool
    private let total: Int
    private let started = ContinuousClock.now
    private let lock = NSLock()

    init(console: Console, quiet: Bool, total: Int) {
        self.console = console
        self.quiet = quiet
        self.total = total
    }

    func handle(_ event: ProgressEvent) {
        guard !quiet, case let .finished(result, done, total) = event else { return }
        let elapsed = ContinuousClock.now - started
        let seconds =
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        lock.withLock {
            if console.isTerminal {
                let line = String(
                    format: "collecting %d/%d  %@  %.1fs", done, total, result.evidence.rawValue,
                    seconds)
                console.writeErr("\r\u{1B}[2K" + line)
            } else {
                console.err(
                    "[\(done)/\(total)] \(result.evidence): \(result.status.name) — \(result.message)"
                )
            }
        }
    }

    func finish() {
        guard !quiet else { return }
        lock.withLock {
            if console.isTerminal { console.writeErr("\r\u{1B}[2K") }
            console.err("collected \(total) evidence item\(total == 1 ? "" : "s")")
        }
    }
}

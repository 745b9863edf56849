import AttestCore
import AttestSystem
import Foundation
import Synchronization

/// Progress of a run, for a console line or a progress bar.
public enum ProgressEvent: Sendable {
    /// Collection of `evidence` (at `index` in the input, zero-based) is under way: its task
    /// has been handed to the pool, alone or, for a collector that reads only workspace
    /// files, with up to ``EvidenceRunner/itemsPerTask`` items that follow it.
    case started(EvidenceSpec, index: Int, total: Int)
    /// A result is ready; `done` results of `total` are finished.
    case finished(EvidenceResult, done: Int, total: Int)
}

/// Collects many pieces of evidence concurrently, with a bound, a deadline for each, and
/// freshness applied, returning results in input order.
///
/// Order is the input's whatever the completion order, so reports and stored runs are
/// deterministic. Each collector already honours its own timeout; the runner's deadline
/// (the evidence's `timeout:` or the context's, plus `grace`) is the backstop for a collector
/// that does not. A collector that reads only workspace files
/// (``Collector/readsOnlyWorkspaceFiles``) has nothing to wait for: it runs without a
/// deadline, up to ``itemsPerTask`` consecutive items to a task.
public struct EvidenceRunner: Sendable {
    /// The collectors, by kind.
    public let registry: CollectorRegistry
    /// Most collectors in flight at once.
    public let jobs: Int
    /// Added to each evidence's timeout before the runner gives up on its collector, so a
    /// collector's own, more precise timeout message normally wins.
    public let grace: Duration
    /// Applied to every result's message and artifact paths, whatever the collector, so no
    /// secret reaches the store, the console or a report.
    public let redactor: SecretRedactor
    private let progress: @Sendable (ProgressEvent) -> Void

    /// - Parameters:
    ///   - registry: The collectors, by kind.
    ///   - jobs: Most collectors in flight at once (at least 1); defaults to the number of
    ///     active processors.
    ///   - grace: Extra time beyond each evidence's timeout before the runner gives up.
    ///   - redactor: Hides secrets in every result's message and artifact paths.
    ///   - progress: Called as each evidence starts and finishes, from any thread.
    public init(
        registry: CollectorRegistry,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        grace: Duration = .seconds(2),
        redactor: SecretRedactor = .standard,
        progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in }
    ) {
        self.registry = registry
        self.jobs = max(1, jobs)
        self.grace = grace
        self.redactor = redactor
        self.progress = progress
    }

    /// Most items of collectors that read only workspace files given to one task: enough that
    /// the cost of a task (about a tenth of such an item's work at 100,000 items) is spread
    /// over many, few enough that both cores stay busy to the end.
    static let itemsPerTask = 32

    /// Collects every spec, dating file-based results from `context.history`.
    ///
    /// - Returns: One result per spec, in the order of `specs`.
    /// - Complexity: O(n) collector calls, at most `jobs` at a time.
    public func run(_ specs: [EvidenceSpec], context: CollectionContext) async -> [EvidenceResult] {
        await run(specs, context: context) { context.history }
    }

    /// Collects every spec while `history` is read, dating file-based results once it is.
    ///
    /// Reading a workspace's git history takes a few git processes (tens of milliseconds in a
    /// repository of some hundred commits), and only a result that found no date of its own
    /// needs it, at its very end. So the collectors start at once; a result that waits for the
    /// history is finished (dated, aged, judged by the undated policy) and reported when the
    /// history arrives, every other one as it comes. The results are those of reading the
    /// history first; `context.history` is not used.
    ///
    /// - Returns: One result per spec, in the order of `specs`.
    /// - Complexity: O(n) collector calls, at most `jobs` at a time, beside one `history` call.
    public func run(
        _ specs: [EvidenceSpec], context: CollectionContext,
        history: @escaping @Sendable () async -> WorkspaceHistory
    ) async -> [EvidenceResult] {
        let total = specs.count
        // The files each spec reads, so specs naming one file share its read and its hash.
        let named = specs.map { spec in
            registry[spec.collector]?.namedFiles(spec).map(\.path) ?? []
        }
        let files = EvidenceFiles(root: context.workspaceRoot, namedPaths: named)
        var context = context
        context.files = files
        let units = Self.units(of: specs, registry: registry)
        let arrived = HistoryArrival()
        var results = [EvidenceResult?](repeating: nil, count: total)
        await withTaskGroup(of: Arrival.self) { group in
            var next = 0
            var done = 0
            var waiting: [(index: Int, observed: EvidenceResult)] = []
            func deliver(_ index: Int, _ result: EvidenceResult) {
                results[index] = result
                done += 1
                progress(.finished(result, done: done, total: total))
            }
            func schedule(_ unit: Range<Int>, in group: inout TaskGroup<Arrival>) {
                for index in unit { progress(.started(specs[index], index: index, total: total)) }
                group.addTask { [context] in
                    var collected: [Collected] = []
                    collected.reserveCapacity(unit.count)
                    for index in unit {
                        // A cancelled run leaves the rest "not collected (run cancelled)".
                        if Task.isCancelled { break }
                        let observed = await observe(specs[index], context: context)
                        files.finished(named[index])
                        collected.append(
                            settle(observed, specs[index], index: index, arrived, context))
                    }
                    return .collected(collected)
                }
            }
            group.addTask { .history(await history()) }
            while next < min(jobs, units.count) {
                schedule(units[next], in: &group)
                next += 1
            }
            while let arrival = await group.next() {
                switch arrival {
                case .history(let read):
                    arrived.history = read
                    for (index, observed) in waiting {
                        deliver(index, finish(observed, specs[index], history: read, context))
                    }
                    waiting = []
                case .collected(let collected):
                    for item in collected {
                        switch item {
                        case .finished(let index, let result): deliver(index, result)
                        case .waiting(let index, let observed):
                            if let read = arrived.history {
                                deliver(
                                    index, finish(observed, specs[index], history: read, context))
                            } else {
                                waiting.append((index, observed))
                            }
                        }
                    }
                    if next < units.count {
                        schedule(units[next], in: &group)
                        next += 1
                    }
                }
            }
        }
        return results.enumerated().map { index, result in
            result
                ?? EvidenceResult(
                    specs[index], .error, observedAt: context.now, "not collected (run cancelled)")
        }
    }

    /// What a task of the run hands back: the history, or a unit's results.
    private enum Arrival: Sendable {
        case history(WorkspaceHistory)
        case collected([Collected])
    }

    /// A result finished in its task, or observed and waiting for the history to be dated.
    private enum Collected: Sendable {
        case finished(Int, EvidenceResult)
        case waiting(Int, EvidenceResult)
    }

    /// The history once read, for tasks still collecting to finish their results themselves.
    private final class HistoryArrival: Sendable {
        private let read = Mutex<WorkspaceHistory?>(nil)
        var history: WorkspaceHistory? {
            get { read.withLock { $0 } }
            set { read.withLock { $0 = newValue } }
        }
    }

    /// The specs in runs handed to one task each: up to ``itemsPerTask`` consecutive specs
    /// whose collectors read only workspace files, or a single spec of any other collector.
    static func units(of specs: [EvidenceSpec], registry: CollectorRegistry) -> [Range<Int>] {
        var units: [Range<Int>] = []
        var start = 0
        while start < specs.count {
            var end = start + 1
            if registry[specs[start].collector]?.readsOnlyWorkspaceFiles == true {
                while end < specs.count, end - start < itemsPerTask,
                    registry[specs[end].collector]?.readsOnlyWorkspaceFiles == true
                {
                    end += 1
                }
            }
            units.append(start..<end)
            start = end
        }
        return units
    }

    /// Collects one spec under its deadline (none for a collector that reads only workspace
    /// files), dates it, and applies freshness and the undated policy.
    ///
    /// A date's precedence: a date the collector found in the artifact (`source`) or observed
    /// (`live`) first; otherwise the commit time of the last commit that changed the spec's
    /// file (`git`, from `context.history`); otherwise the run's time (`assumed`).
    public func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        finish(await observe(spec, context: context), spec, history: context.history, context)
    }

    /// What the collector observed, filed under the spec and redacted, not yet dated.
    private func observe(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        guard let collector = registry[spec.collector] else {
            return EvidenceResult(
                spec, .error, observedAt: context.now,
                "no collector is registered for '\(spec.collector.rawValue)'")
        }
        let timeout = spec.timeout(default: context.timeout)
        let collected =
            collector.readsOnlyWorkspaceFiles
            ? await collector.collect(spec, context: context)
            : await withDeadline(timeout + grace) {
                await collector.collect(spec, context: context)
            }
        var result =
            collected
            ?? EvidenceResult(
                spec, .error, observedAt: context.now,
                "timed out after \(timeout.shortDescription) (the collector did not finish)")
        // The collector's word on identity is not trusted: results are filed under the spec.
        result.evidence = spec.id
        result.control = spec.control
        // Nor its care with secrets: a URL with credentials, a leaked token in a message.
        result.message = redactor.redact(result.message)
        result.artifacts = result.artifacts.map {
            Artifact(path: redactor.redact($0.path), sha256: $0.sha256)
        }
        result.target = result.target.map(redactor.redact)
        result.collector = spec.collector
        return result
    }

    /// `observed` finished now when it needs no history or the history has arrived, else left
    /// waiting for it.
    private func settle(
        _ observed: EvidenceResult, _ spec: EvidenceSpec, index: Int,
        _ arrived: HistoryArrival, _ context: CollectionContext
    ) -> Collected {
        guard Self.needsHistory(observed, spec) else {
            return .finished(index, finish(observed, spec, history: .none, context))
        }
        guard let history = arrived.history else { return .waiting(index, observed) }
        return .finished(index, finish(observed, spec, history: history, context))
    }

    /// Whether `observed` can take a date from the git history: it found none of its own and
    /// its spec names a file.
    private static func needsHistory(_ observed: EvidenceResult, _ spec: EvidenceSpec) -> Bool {
        observed.dateSource == .assumed && datedPath(spec) != nil
    }

    /// An observed result dated by `history` where it needs it, aged, and judged by the
    /// undated policy.
    private func finish(
        _ observed: EvidenceResult, _ spec: EvidenceSpec, history: WorkspaceHistory,
        _ context: CollectionContext
    ) -> EvidenceResult {
        var result = observed
        // A commit after the run's time (a build dated in the past) observed nothing yet.
        if Self.needsHistory(result, spec), let path = Self.datedPath(spec),
            let committed = history.date(of: path), committed <= context.now
        {
            result.observedAt = committed
            result.dateSource = .git
        }
        let aged = Freshness.apply(result, maxAge: spec.maxAge, now: context.now)
        return context.undated.apply(to: aged)
    }

    /// The workspace-relative file whose git history can date `spec`'s result: its `path:`.
    public static func datedPath(_ spec: EvidenceSpec) -> String? {
        spec.path.flatMap { try? WorkspacePath($0) }?.relative
    }
}

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

    func run(
        _ session: WorkspaceSession, now: Date, console: Console
    ) async throws -> [EvidenceResult] {
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
        let progress = ProgressDisplay(console: console, quiet: quiet, total: specs.count)
        let runner = EvidenceRunner(
            registry: WorkspaceSession.registry(root: session.root),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            progress: { progress.handle($0) })
        let results = await runner.run(
            specs,
            context: CollectionContext(
                workspaceRoot: session.root, now: now, recorder: recorder))
        progress.finish()
        return results
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

import AttestCore
import Foundation

@testable import AttestEvidence

/// A collector for runner tests: sleeps as told by the evidence id, records how many run at
/// once, and returns a fixed status and observation date.
final class ScriptedCollector: Collector, @unchecked Sendable {
    let kind: CollectorKind
    private let lock = NSLock()
    private var running = 0
    private(set) var maxConcurrent = 0
    private(set) var order: [String] = []
    let delay: @Sendable (EvidenceSpec) -> Duration
    let status: EvidenceStatus
    let observedAt: Date?
    /// When true, the collector ignores cancellation and sleeps its full delay.
    let stubborn: Bool
    let readsOnlyWorkspaceFiles: Bool

    init(
        kind: CollectorKind = .command, status: EvidenceStatus = .pass, observedAt: Date? = nil,
        stubborn: Bool = false, readsOnlyWorkspaceFiles: Bool = false,
        delay: @escaping @Sendable (EvidenceSpec) -> Duration = { _ in .zero }
    ) {
        self.kind = kind
        self.status = status
        self.observedAt = observedAt
        self.stubborn = stubborn
        self.readsOnlyWorkspaceFiles = readsOnlyWorkspaceFiles
        self.delay = delay
    }

    func validate(_ spec: EvidenceSpec) -> [Diagnostic] { [] }

    func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        lock.withLock {
            running += 1
            maxConcurrent = max(maxConcurrent, running)
            order.append(spec.id.rawValue)
        }
        let wait = delay(spec)
        if stubborn {
            // A wait that cancellation cannot cut short.
            let seconds =
                Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
            await withCheckedContinuation { continuation in
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                    continuation.resume()
                }
            }
        } else {
            try? await Task.sleep(for: wait)
        }
        lock.withLock { running -= 1 }
        return EvidenceResult(
            evidence: spec.id, control: spec.control, status: status,
            observedAt: observedAt ?? context.now, message: "collected \(spec.id)")
    }
}

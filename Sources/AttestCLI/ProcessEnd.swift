import Foundation

/// Values a command leaves to the end of the process instead of freeing them.
///
/// A large build's model (the control graph, every result and score) is hundreds of thousands
/// of objects; freeing them one by one after the outputs are written took 0.3–0.7 s of a
/// 100,000-result build's wall time, for memory the kernel takes back at once when the process
/// exits (compilers skip the same teardown). Only the `attest` executable keeps them
/// (``AttestMain/main(_:)``): a command run in process, as tests run it, has no keeper, and
/// its values are freed as usual.
final class ProcessEnd: @unchecked Sendable {
    /// The keeper of the running executable; nil in process.
    @TaskLocal static var current: ProcessEnd?

    // Guarded by `lock`.
    private var kept: [Any] = []
    private let lock = NSLock()

    /// Holds `values` until the process exits.
    func keep(_ values: Any...) {
        lock.withLock { kept.append(contentsOf: values) }
    }

    /// Runs `body` with this keeper as ``current``, then never frees the keeper or what it
    /// holds: the caller is about to exit.
    func holdUntilExit<T>(_ body: () async -> T) async -> T {
        let result = await Self.$current.withValue(self) { await body() }
        _ = Unmanaged.passRetained(self)
        return result
    }
}

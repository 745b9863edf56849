import Foundation

/// Runs `operation` but stops waiting after `limit`: nil means it overran.
///
/// A task group would wait for a child that ignores cancellation, so the operation runs in an
/// unstructured task that is cancelled, and abandoned, when the deadline passes; the caller
/// gets control back on time either way.
func withDeadline<T: Sendable>(
    _ limit: Duration, _ operation: @escaping @Sendable () async -> T
) async -> T? {
    let race = Race<T>()
    return await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in
            race.install(continuation)
            let work = Task {
                let value = await operation()
                race.finish(value)
            }
            let timer = Task {
                try? await Task.sleep(for: limit)
                if !Task.isCancelled, race.finish(nil) { work.cancel() }
            }
            race.onFinish { timer.cancel() }
            race.onCancel { work.cancel() }
        }
    } onCancel: {
        race.cancel()
    }
}

/// The first of the operation and the timer to finish resumes the continuation.
private final class Race<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T?, Never>?
    private var done = false
    private var cancelled = false
    private var finishHandlers: [@Sendable () -> Void] = []
    private var cancelHandlers: [@Sendable () -> Void] = []

    func install(_ continuation: CheckedContinuation<T?, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    /// Resumes with `value` unless already resumed; returns whether this call won.
    @discardableResult
    func finish(_ value: T?) -> Bool {
        let (waiting, handlers) = lock.withLock {
            guard !done else {
                return (nil as CheckedContinuation<T?, Never>?, [@Sendable () -> Void]())
            }
            done = true
            let waiting = continuation
            continuation = nil
            let handlers = finishHandlers
            finishHandlers = []
            return (waiting, handlers)
        }
        guard let waiting else { return false }
        handlers.forEach { $0() }
        waiting.resume(returning: value)
        return true
    }

    func onFinish(_ handler: @escaping @Sendable () -> Void) {
        let runNow = lock.withLock {
            if done { return true }
            finishHandlers.append(handler)
            return false
        }
        if runNow { handler() }
    }

    func onCancel(_ handler: @escaping @Sendable () -> Void) {
        let runNow = lock.withLock {
            if cancelled { return true }
            cancelHandlers.append(handler)
            return false
        }
        if runNow { handler() }
    }

    func cancel() {
        let handlers = lock.withLock {
            cancelled = true
            let handlers = cancelHandlers
            cancelHandlers = []
            return handlers
        }
        handlers.forEach { $0() }
    }
}

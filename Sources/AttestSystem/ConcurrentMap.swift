import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map(transform)` on every core at once, in the same order.
    ///
    /// For independent, CPU-bound work over many items (verifying signatures, reading files):
    /// `transform` must not depend on the order it is called in, and it must be safe to call
    /// from several threads.
    public func concurrentMap<Result: Sendable>(
        _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        guard count > 1 else { return map(transform) }
        let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        // Each iteration writes only its own slot, and the buffer outlives concurrentPerform.
        nonisolated(unsafe) let shared = slots
        withoutActuallyEscaping(transform) { transform in
            self.withUnsafeBufferPointer { items in
                nonisolated(unsafe) let items = items
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    shared[index] = transform(items[index])
                }
            }
        }
        return slots.map { $0! }
    }
}

/// `(first(), second())`, the two run at once: `first` on a thread of its own, `second` on
/// the calling one. For two independent, CPU-bound pieces of work (the control graph, and the
/// checks of every evidence spec on disk).
///
/// A thread, not `DispatchQueue.concurrentPerform`: Dispatch runs a `concurrentPerform`
/// nested in another one serially, so a `concurrentMap` inside either piece would keep one
/// core once the other piece is done.
public func concurrently<First: Sendable, Second>(
    _ first: @escaping @Sendable () -> First, _ second: () throws -> Second
) rethrows -> (First, Second) {
    let box = ResultBox<First>()
    let thread = Thread {
        box.value = first()
        box.done.signal()
    }
    // As large as the main thread's: either piece may recurse as deep as its input nests.
    thread.stackSize = 8 << 20
    thread.start()
    let two: Second
    do {
        two = try second()
    } catch {
        // Waited for even then: `first` never outlives the call.
        box.done.wait()
        throw error
    }
    box.done.wait()
    guard let one = box.value else { preconditionFailure("the thread ended without a result") }
    return (one, two)
}

/// The result of the thread of ``concurrently(_:_:)``: written by that thread before it
/// signals `done`, read by the caller only after waiting for it.
private final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
    let done = DispatchSemaphore(value: 0)
}

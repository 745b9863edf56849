import Dispatch

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

/// `(first(), second())`, the two run at once on two threads: for two independent, CPU-bound
/// pieces of work (building the control graph while each evidence spec is checked on disk).
/// Both must be safe to call from another thread.
public func concurrently<First: Sendable, Second: Sendable>(
    _ first: @Sendable () -> First, _ second: @Sendable () -> Second
) -> (First, Second) {
    nonisolated(unsafe) var one: First?
    nonisolated(unsafe) var two: Second?
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            // Each iteration writes only its own variable, and both outlive concurrentPerform.
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 { one = first() } else { two = second() }
            }
        }
    }
    return (one!, two!)
}

import Foundation

/// Renders independent outputs (one framework's reports, one locale's page) on all cores,
/// with bounded Swift concurrency.
public enum ParallelRendering {
    /// The cores this process may use: the width of a render's task group.
    public static var width: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `render` for each of `items` on at most `width` concurrent tasks, and `take` with
    /// each result on the caller's task in the order of `items`.
    ///
    /// Results are handed over in order, so what is written, and which error ends the work
    /// when several items fail, do not depend on which task finishes first. A task that
    /// finishes before an earlier one is not waited for: a new item starts as long as fewer
    /// than twice `width` items are started and not yet taken, so the cores stay busy while a
    /// slow item holds up the hand-over, and at most that many results are held at once,
    /// whatever the number of items.
    ///
    /// - Throws: the first error of `render` or `take` in the order of `items`; the items
    ///   still running are cancelled and awaited first.
    public static func forEach<Item: Sendable, Output: Sendable>(
        _ items: [Item], width: Int = ParallelRendering.width,
        render: @escaping @Sendable (Item) throws -> Output,
        take: (Item, Output) throws -> Void
    ) async throws {
        guard !items.isEmpty else { return }
        let width = max(1, min(width, items.count))
        try await withThrowingTaskGroup(of: (Int, Result<Output, any Error>).self) { group in
            var next = 0
            var taken = 0
            var done: [Int: Result<Output, any Error>] = [:]
            func startMore() {
                // Started and not taken: running, or done and waiting for an earlier item.
                while next < items.count, next - taken < 2 * width,
                    next - taken - done.count < width
                {
                    let index = next
                    group.addTask { (index, Result { try render(items[index]) }) }
                    next += 1
                }
            }
            startMore()
            while taken < items.count, let (index, result) = try await group.next() {
                done[index] = result
                while let ready = done.removeValue(forKey: taken) {
                    try take(items[taken], ready.get())
                    taken += 1
                }
                startMore()
            }
        }
    }
}

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
    /// when several items fail, do not depend on which task finishes first. A new item starts
    /// only when an earlier one has been taken: at most `width` results are held at once,
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
            while next < width {
                let index = next
                group.addTask { (index, Result { try render(items[index]) }) }
                next += 1
            }
            while taken < items.count, let (index, result) = try await group.next() {
                done[index] = result
                while let ready = done.removeValue(forKey: taken) {
                    try take(items[taken], ready.get())
                    taken += 1
                    if next < items.count {
                        let index = next
                        group.addTask { (index, Result { try render(items[index]) }) }
                        next += 1
                    }
                }
            }
        }
    }
}

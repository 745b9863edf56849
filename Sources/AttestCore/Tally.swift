/// A count carried by a result that measured a population: `passed` of `total` items met the
/// check (46 of 48 laptops, say).
///
/// A fraction alone cannot be turned back into counts honestly (0.9583 is 23 of 24 as well as
/// 46 of 48), so a collector that counts says so, and the figure on the page is this tally.
public struct Tally: Hashable, Sendable, Codable {
    public var passed: Int
    public var total: Int

    /// - Precondition: none; a tally whose counts are negative or whose `passed` exceeds
    ///   `total` is refused by `init?(passed:total:)`.
    public init?(passed: Int, total: Int) {
        guard passed >= 0, total > 0, passed <= total else { return nil }
        self.passed = passed
        self.total = total
    }

    /// `passed / total`, the score such a count stands for.
    public var fraction: Double { Double(passed) / Double(total) }
}

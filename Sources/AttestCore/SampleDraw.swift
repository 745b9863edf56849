/// The selection rule of `attest sample`: which rows of a population a seed picks.
///
/// A partial Fisher–Yates shuffle driven by ``SplitMix64``: for `i` from 0 to `size − 1`,
/// draw `j = i + next(below: count − i)` and swap positions `i` and `j` of the list
/// `0, 1, …, count − 1`; the first `size` positions are the sample, returned in ascending
/// (population) order. Every subset of `size` rows is equally likely. When `size` is at least
/// `count`, the whole population is returned and no number is drawn.
public enum SampleDraw {
    /// The 0-based indices of `size` distinct rows out of `count`, ascending.
    ///
    /// The swaps are kept in a dictionary, so memory is O(size), not O(count); the result is
    /// the same as shuffling a full array.
    ///
    /// - Complexity: O(size log size).
    public static func indices(count: Int, size: Int, seed: UInt64) -> [Int] {
        guard count > 0, size > 0 else { return [] }
        guard size < count else { return Array(0..<count) }
        var generator = SplitMix64(seed: seed)
        var moved: [Int: Int] = [:]
        var chosen: [Int] = []
        chosen.reserveCapacity(size)
        for i in 0..<size {
            let j = i + Int(generator.next(below: UInt64(count - i)))
            let atJ = moved[j] ?? j
            moved[j] = moved[i] ?? i
            chosen.append(atJ)
        }
        return chosen.sorted()
    }
}

/// SplitMix64: a small, fast generator whose sequence depends on the seed alone.
///
/// The helpers below use plain modulo reduction instead of the standard library's
/// `random(in:using:)`, whose algorithm is not promised to stay the same across toolchains:
/// the generated files must be byte-identical for a given seed. Public so the scoring benchmarks
/// synthesize their evidence results from the same kind of sequence.
public struct SeededRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `range` (the small modulo bias does not matter here).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    /// A value in `0..<count`.
    public mutating func index(_ count: Int) -> Int { Int(next() % UInt64(count)) }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool { next() % 100 < UInt64(percent) }

    public mutating func pick<T>(_ items: [T]) -> T { items[index(items.count)] }

    /// `count` distinct indices of `0..<population`, in the order drawn.
    public mutating func distinctIndices(_ count: Int, of population: Int) -> [Int] {
        var chosen: [Int] = []
        var seen: Set<Int> = []
        while chosen.count < min(count, population) {
            let candidate = index(population)
            if seen.insert(candidate).inserted { chosen.append(candidate) }
        }
        return chosen
    }
}

/// SplitMix64, the pseudo-random generator behind `attest sample`.
///
/// Chosen because it is specified completely by a few lines of 64-bit integer arithmetic
/// (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the
/// reference C code is Sebastiano Vigna's `splitmix64.c`), so an auditor can reimplement it in
/// any language and redraw a sample from its seed: docs/audit.md gives the algorithm and
/// `scripts/redraw-sample.py` does it in Python. It is not a cryptographic generator; a sample
/// needs to be reproducible and unbiased, not secret.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state: the seed plus the number of outputs times the golden gamma.
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next 64-bit output.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound`, without modulo bias: outputs below
    /// `2^64 mod bound` are rejected and the next one is drawn, then the kept output is reduced
    /// modulo `bound`. Returns 0 for a bound of 0.
    public mutating func next(below bound: UInt64) -> UInt64 {
        guard bound > 0 else { return 0 }
        let threshold = (0 &- bound) % bound
        while true {
            let value = next()
            if value >= threshold { return value % bound }
        }
    }
}

/// A set of ASCII byte values kept as two 64-bit masks (values 0–63 and 64–127): membership is
/// one bit test. For the character classes the report writers test on every byte, where a
/// table would be a global whose every read checks that it was made, and a `switch` of many
/// cases a chain of comparisons.
struct ASCIIByteSet {
    /// Bit `b` set for each member `b` below 64.
    let low: UInt64
    /// Bit `b - 64` set for each member `b` from 64 to 127.
    let high: UInt64

    func contains(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<64: low >> UInt64(byte) & 1 == 1
        case 64..<128: high >> UInt64(byte - 64) & 1 == 1
        default: false
        }
    }
}

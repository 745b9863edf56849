/// Lower-case hexadecimal, the one form Attest prints digests, fingerprints and ids in.
public enum Hex {
    /// Two lower-case hex digits per byte.
    ///
    /// Inlinable, so each caller's sequence (a digest, `Data`, an array) is iterated directly:
    /// unspecialised, the loop went through the protocol's witnesses for every byte, and
    /// encoding the 100,000 evidence digests of a large build cost a twentieth of reading them.
    @inlinable
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String
    where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digit(byte >> 4))
            out.append(digit(byte & 0x0f))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The lower-case hex digit of `value` (0–15).
    @inlinable
    static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

import Foundation

/// The id of an access request (and of the grant that follows it): 128 random bits written in
/// lowercase base32 (RFC 4648 alphabet, no padding, 26 characters), so it can be neither
/// guessed nor enumerated, and reads safely in a URL, a file name or a terminal.
public struct AccessRequestID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// The number of characters of an id: 128 bits in 5-bit groups.
    public static let length = 26
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// Takes `text` as an id if it has the form `random()` makes.
    public init?(_ text: String) {
        guard text.utf8.count == Self.length,
            text.utf8.allSatisfy({ Self.alphabet.contains($0) }),
            // The last character holds 3 bits (128 = 25 × 5 + 3): its 2 low bits are zero.
            let last = text.utf8.last, let value = Self.alphabet.firstIndex(of: last),
            value & 0b11 == 0
        else { return nil }
        rawValue = text
    }

    /// A new id from the system's random generator.
    public static func random() -> AccessRequestID {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return AccessRequestID(uncheckedBytes: bytes)
    }

    /// The base32 text of 16 bytes.
    init(uncheckedBytes bytes: [UInt8]) {
        var text: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                text.append(Self.alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { text.append(Self.alphabet[(buffer << (5 - bits)) & 31]) }
        rawValue = String(decoding: text, as: UTF8.self)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

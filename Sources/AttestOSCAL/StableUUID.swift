import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5): the same name always gives the same UUID, so two
/// exports of the same run are byte-identical and a GRC tool sees the same finding as the same
/// object from one export to the next.
///
/// Version 5 rather than 8: OSCAL's `uuid` type accepts only versions 4 and 5.
public struct StableUUID: Hashable, Sendable {
    /// The namespace every Attest export derives its UUIDs from (itself a version 5 UUID of
    /// `https://attest.dev/oscal` in the URL namespace).
    public static let attestNamespace = StableUUID.name(
        "https://attest.dev/oscal", in: .url)

    /// RFC 9562's URL namespace, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
    public static let url = StableUUID(
        bytes: [
            0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4,
            0x30, 0xc8,
        ])

    /// RFC 9562's DNS namespace, `6ba7b810-9dad-11d1-80b4-00c04fd430c8`.
    public static let dns = StableUUID(
        bytes: [
            0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4,
            0x30, 0xc8,
        ])

    /// The 16 bytes, most significant first.
    public let bytes: [UInt8]

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// The version 5 UUID of `name` in `namespace`: SHA-1 of the namespace's bytes then the
    /// name's UTF-8, cut to 16 bytes, with the version and variant bits set.
    public static func name(_ name: String, in namespace: StableUUID) -> StableUUID {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace.bytes)
        hasher.update(data: Array(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x50
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return StableUUID(bytes: bytes)
    }

    /// The UUID of `parts` joined with `/` in Attest's namespace: `attest("finding", "soc2",
    /// "CC6.1")`. Joining with a separator keeps `("a/b", "c")` apart from `("a", "b/c")` only
    /// when parts have no `/`; callers pass ids, which may, so each part is length-prefixed.
    public static func attest(_ parts: String...) -> StableUUID {
        name(parts.map { "\($0.utf8.count):\($0)" }.joined(separator: "/"), in: attestNamespace)
    }

    /// The lowercase 8-4-4-4-12 text.
    public var text: String {
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let cuts = [8, 12, 16, 20]
        var result = ""
        for (index, character) in hex.enumerated() {
            if cuts.contains(index) { result.append("-") }
            result.append(character)
        }
        return result
    }
}

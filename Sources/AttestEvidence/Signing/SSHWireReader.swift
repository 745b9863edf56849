import Foundation

/// Reads the SSH wire encoding (RFC 4251 §5): big-endian `uint32` and length-prefixed
/// `string`. Every length is checked against the bytes left, so a hostile length field can
/// neither read past the end nor make it allocate.
struct SSHWireReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte has been read.
    var isAtEnd: Bool { offset == bytes.count }

    /// `count` raw bytes, or nil when fewer are left.
    mutating func raw(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func uint32() -> UInt32? {
        guard let four = raw(4) else { return nil }
        return four.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A `string`: a `uint32` length, then that many bytes.
    mutating func string() -> [UInt8]? {
        guard let length = uint32(), let count = Int(exactly: length) else { return nil }
        return raw(count)
    }

    /// A `string` that must be this exact text.
    mutating func text() -> String? {
        string().flatMap { String(bytes: $0, encoding: .utf8) }
    }
}

/// Writes the SSH wire encoding, for the bytes an SSHSIG signature covers.
struct SSHWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ data: some Sequence<UInt8>) { bytes += data }

    mutating func uint32(_ value: UInt32) {
        bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }

    mutating func string(_ data: some Collection<UInt8>) {
        uint32(UInt32(data.count))
        bytes += data
    }
}

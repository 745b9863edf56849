import Foundation

/// A gzip stream that decodes to a huge run of zero bytes, built by hand so tests need no
/// compressor and no checked-in blob.
///
/// One DEFLATE block with the fixed Huffman code: a literal 0, then matches of length 258 at
/// distance 1 (13 bits each), so every 13 bytes sent decode to 2,064 bytes (about 159:1). The
/// gzip trailer (CRC-32 and size) is left out: a client that honours its cap stops long before
/// the end, and one that does not has already spent the memory by then.
enum GzipBomb {
    /// About `decodedBytes` of zeros, gzip-encoded.
    static func make(decodedBytes: Int) -> Data {
        var bits = BitWriter()
        bits.write(0b1, count: 1)  // BFINAL: the last block
        bits.write(0b01, count: 2)  // BTYPE 01: fixed Huffman codes
        bits.writeCode(0b0011_0000, count: 8)  // literal 0
        var matches = max(0, (decodedBytes - 1) / 258)
        func match(_ bits: inout BitWriter) {
            bits.writeCode(0b1100_0101, count: 8)  // length code 285: 258 bytes
            bits.writeCode(0b00000, count: 5)  // distance code 0: distance 1
        }
        while bits.pendingCount != 0, matches > 0 {
            match(&bits)
            matches -= 1
        }
        var stream = bits.flushAligned()
        // Byte-aligned, 8 matches are always the same 13 bytes: repeat them.
        var eight = BitWriter()
        for _ in 0..<8 { match(&eight) }
        let pattern = eight.flushAligned()
        for _ in 0..<(matches / 8) { stream.append(pattern) }
        var tail = BitWriter()
        for _ in 0..<(matches % 8) { match(&tail) }
        tail.writeCode(0b000_0000, count: 7)  // end of block
        stream.append(tail.flushPadded())
        var gzip = Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF])
        gzip.append(stream)
        return gzip
    }
}

/// DEFLATE's bit order: fields least significant bit first, Huffman codes most significant
/// bit first.
private struct BitWriter {
    private var bytes = Data()
    private var current: UInt8 = 0
    private(set) var pendingCount = 0

    /// A field of `count` bits, least significant first.
    mutating func write(_ value: UInt32, count: Int) {
        for index in 0..<count { push(UInt8((value >> index) & 1)) }
    }

    /// A Huffman code of `count` bits, most significant first.
    mutating func writeCode(_ code: UInt32, count: Int) {
        for index in stride(from: count - 1, through: 0, by: -1) {
            push(UInt8((code >> index) & 1))
        }
    }

    private mutating func push(_ bit: UInt8) {
        current |= bit << pendingCount
        pendingCount += 1
        if pendingCount == 8 {
            bytes.append(current)
            current = 0
            pendingCount = 0
        }
    }

    /// The bytes written, which must end on a byte boundary.
    func flushAligned() -> Data {
        precondition(pendingCount == 0, "not byte-aligned")
        return bytes
    }

    /// The bytes written, the last one padded with zero bits.
    func flushPadded() -> Data {
        pendingCount == 0 ? bytes : bytes + [current]
    }
}

import Foundation
import ZIPFoundation

/// A zip written byte by byte, so a test can give a verifier what no zip library writes: a local
/// header whose name differs from the central directory's, two entries of one name, sizes that
/// lie, data that inflates to far more than it declares.
struct RawZip {
    struct Entry {
        /// The name in the central directory.
        var name: String
        /// The name in the local header; the central one when nil.
        var localName: String?
        /// 0 stored, 8 deflate.
        var method: UInt16 = 0
        /// The bytes as they lie in the archive (compressed for method 8).
        var data: Data
        /// The declared uncompressed size; `data.count` when nil.
        var uncompressedSize: UInt32?
        /// The declared CRC-32; that of `data` when nil.
        var crc32: UInt32?
        /// General-purpose flags besides UTF-8 (bit 0: encrypted).
        var flags: UInt16 = 0
        /// The Unix mode in the central directory.
        var mode: UInt32 = 0o100644
        /// When set, the central directory points at this earlier entry's local header and
        /// data, and this entry writes none of its own.
        var sharesDataWith: Int?

        init(
            _ name: String, _ data: Data, localName: String? = nil, method: UInt16 = 0,
            uncompressedSize: UInt32? = nil, crc32: UInt32? = nil
        ) {
            self.name = name
            self.data = data
            self.localName = localName
            self.method = method
            self.uncompressedSize = uncompressedSize
            self.crc32 = crc32
        }
    }

    var entries: [Entry]

    init(_ entries: [Entry]) { self.entries = entries }

    /// Every file of `files` stored uncompressed, in order.
    init(stored files: [(String, Data)]) {
        entries = files.map { Entry($0.0, $0.1) }
    }

    func bytes() -> Data { layout().bytes }

    /// The archive, and where each entry's data lies in it.
    func layout() -> (bytes: Data, data: [Range<Int>]) {
        var ranges: [Range<Int>] = []
        var out = Data()
        var central = Data()
        var offsets: [UInt32] = []
        for entry in entries {
            let crc = entry.crc32 ?? entry.data.crc32(checksum: 0)
            let size = entry.uncompressedSize ?? UInt32(entry.data.count)
            let localName = Data((entry.localName ?? entry.name).utf8)
            let name = Data(entry.name.utf8)
            let offset = entry.sharesDataWith.map { offsets[$0] } ?? UInt32(out.count)
            offsets.append(offset)
            if entry.sharesDataWith == nil {
                out.le32(0x0403_4b50)
                out.le16(20)  // version needed
                out.le16(0x0800 | entry.flags)  // UTF-8 names
                out.le16(entry.method)
                out.le16(0)
                out.le16(0x5021)  // 2020-01-01
                out.le32(crc)
                out.le32(UInt32(entry.data.count))
                out.le32(size)
                out.le16(UInt16(localName.count))
                out.le16(0)
                out.append(localName)
                ranges.append(out.count..<out.count + entry.data.count)
                out.append(entry.data)
            } else {
                ranges.append(entry.sharesDataWith.map { ranges[$0] } ?? 0..<0)
            }

            central.le32(0x0201_4b50)
            central.le16(0x0314)  // made by Unix, 2.0
            central.le16(20)
            central.le16(0x0800 | entry.flags)
            central.le16(entry.method)
            central.le16(0)
            central.le16(0x5021)
            central.le32(crc)
            central.le32(UInt32(entry.data.count))
            central.le32(size)
            central.le16(UInt16(name.count))
            central.le16(0)
            central.le16(0)
            central.le16(0)
            central.le16(0)
            central.le32(entry.mode << 16)
            central.le32(offset)
            central.append(name)
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.le32(0x0605_4b50)
        out.le16(0)
        out.le16(0)
        out.le16(UInt16(entries.count))
        out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count))
        out.le32(centralOffset)
        out.le16(0)
        return (out, ranges)
    }
}

extension Data {
    fileprivate mutating func le16(_ value: UInt16) {
        append(UInt8(value & 0xff))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func le32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> shift) & 0xff)) }
    }
}

/// A raw deflate stream of zeros, written by hand in one fixed-Huffman block: a literal 0, then
/// repeated matches of length 258 at distance 1 (13 bits each). Eight matches fill exactly 13
/// bytes, so the stream is a short head, a 13-byte pattern repeated, and a tail: megabytes that
/// inflate to a gigabyte without spending the time to compress one.
enum DeflateBomb {
    /// Zeros inflated from `stream(repeats:)`.
    static func inflatedSize(repeats: Int) -> Int { 1 + 258 * (1 + 8 * repeats) }

    static func stream(repeats: Int) -> Data {
        var head = BitWriter()
        head.bits(1, 1)  // BFINAL
        head.bits(1, 2)  // BTYPE 01: fixed Huffman
        head.code(0b0011_0000, 8)  // literal 0
        head.match()  // 3 + 8 + 13 = 24 bits: byte-aligned
        var pattern = BitWriter()
        for _ in 0..<8 { pattern.match() }
        var tail = BitWriter()
        tail.code(0, 7)  // end of block
        var out = head.data
        out.reserveCapacity(out.count + 13 * repeats + 1)
        let block = pattern.data
        for _ in 0..<repeats { out.append(block) }
        out.append(tail.flushed)
        return out
    }

    /// Deflate's bit order: values least-significant bit first, Huffman codes most-significant
    /// bit first.
    struct BitWriter {
        var data = Data()
        var current: UInt8 = 0
        var count = 0

        mutating func bits(_ value: Int, _ width: Int) {
            for index in 0..<width { bit((value >> index) & 1) }
        }

        mutating func code(_ value: Int, _ width: Int) {
            for index in stride(from: width - 1, through: 0, by: -1) { bit((value >> index) & 1) }
        }

        /// Length 258 (code 285, 8 bits, no extra) at distance 1 (code 0, 5 bits).
        mutating func match() {
            code(0b1100_0101, 8)
            code(0, 5)
        }

        mutating func bit(_ value: Int) {
            current |= UInt8(value) << UInt8(count)
            count += 1
            if count == 8 {
                data.append(current)
                current = 0
                count = 0
            }
        }

        var flushed: Data { count == 0 ? data : data + [current] }
    }
}

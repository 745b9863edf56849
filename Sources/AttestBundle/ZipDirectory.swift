import AttestSystem
import Foundation

/// One entry of a zip's central directory, with what its local header says.
struct ZipEntry: Sendable {
    enum Kind: Equatable, Sendable {
        case file, directory, symbolicLink, other
    }

    /// What the local header in front of the data says.
    struct LocalHeader: Sendable {
        var nameBytes: [UInt8]
        var method: UInt16
        /// Where the entry's (compressed) data starts.
        var dataOffset: UInt64
    }

    /// Position in the central directory.
    var index: Int
    var nameBytes: [UInt8]
    /// The name decoded as UTF-8; nil when it is not valid UTF-8.
    var name: String?
    var flags: UInt16
    var method: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    var kind: Kind
    /// Nil when there is no readable local header where the directory says.
    var local: LocalHeader?

    /// The name for messages: decoded, or its bytes in hex when it is not UTF-8.
    var displayName: String {
        name ?? "0x" + Hex.encode(nameBytes)
    }

    /// Traditional (bit 0) or strong (bit 6) encryption.
    var isEncrypted: Bool { flags & 0x0041 != 0 }

    /// A size or offset left to a ZIP64 extra field, which bundles never need.
    var usesZIP64: Bool {
        compressedSize == 0xFFFF_FFFF || uncompressedSize == 0xFFFF_FFFF
            || localHeaderOffset == 0xFFFF_FFFF
    }
}

/// Why a zip's directory cannot be read.
enum ZipDirectoryFailure: Error, Equatable {
    /// Not a zip archive this reader accepts; the detail says why.
    case malformed(String)
    /// More entries than allowed, declared in the end record.
    case tooManyEntries(declared: Int, limit: Int)
    /// A central directory too large for the entries allowed.
    case directoryTooLarge(bytes: Int, limit: Int)
}

/// The central directory of a zip archive and each entry's local header, read without
/// inflating anything.
///
/// A bundle is checked entry by entry against a signed manifest, so the reader must see exactly
/// the entries every other zip tool sees. It is strict where tools disagree: one end record, at
/// the very end; no ZIP64 and no multi-disk archive; the central directory right before the end
/// record and holding exactly the number of entries that record declares (a reader that stops
/// early could miss entries that `unzip` would extract).
struct ZipDirectory {
    let source: any ZipSource
    let entries: [ZipEntry]
    /// Entry data must end before this offset.
    let centralDirectoryOffset: UInt64

    /// Central directory records are 46 bytes and a name; this bounds what is read for them.
    static let maxDirectoryBytesPerEntry = 46 + 4096

    static let endSignature: [UInt8] = [0x50, 0x4b, 0x05, 0x06]
    static let centralSignature: UInt32 = 0x0201_4b50
    static let localSignature: UInt32 = 0x0403_4b50

    init(_ source: any ZipSource, maxEntries: Int) throws(ZipDirectoryFailure) {
        self.source = source
        let (total, directorySize, directoryOffset) = try Self.endRecord(source)
        guard total <= maxEntries else {
            throw .tooManyEntries(declared: total, limit: maxEntries)
        }
        let maxBytes = max(total, 1) * Self.maxDirectoryBytesPerEntry
        guard directorySize <= maxBytes else {
            throw .directoryTooLarge(bytes: directorySize, limit: maxBytes)
        }
        centralDirectoryOffset = directoryOffset
        let directory: [UInt8]
        do {
            directory = [UInt8](try source.read(at: directoryOffset, count: directorySize))
        } catch {
            throw .malformed(error.detail)
        }
        var entries: [ZipEntry] = []
        var position = 0
        for index in 0..<total {
            var entry = try Self.centralRecord(directory, at: &position, index: index)
            entry.local = Self.localHeader(source, of: entry, before: directoryOffset)
            entries.append(entry)
        }
        guard position == directory.count else {
            throw .malformed(
                "the central directory holds more than the \(total) entries its end record declares"
            )
        }
        self.entries = entries
    }

    /// The end of central directory record: entry count, directory size and offset.
    private static func endRecord(
        _ source: any ZipSource
    ) throws(ZipDirectoryFailure) -> (Int, Int, UInt64) {
        let fixed = 22
        guard source.size >= UInt64(fixed) else {
            throw .malformed("not a zip archive (\(source.size) bytes)")
        }
        // Bundles have no archive comment, so the record is usually the last 22 bytes; only
        // otherwise is the longest possible comment searched (and nothing more is read).
        var tailStart = source.size - UInt64(fixed)
        var tail: [UInt8] = []
        var found: Int?
        for tailLength in [fixed, Int(min(source.size, UInt64(fixed + 0xFFFF)))] {
            tailStart = source.size - UInt64(tailLength)
            do { tail = [UInt8](try source.read(at: tailStart, count: tailLength)) } catch {
                throw .malformed(error.detail)
            }
            found = endRecordPosition(in: tail)
            if found != nil { break }
        }
        guard let at = found else {
            throw .malformed("no end of central directory record: not a zip archive")
        }
        let disk = le16(tail, at + 4)
        let directoryDisk = le16(tail, at + 6)
        let onDisk = le16(tail, at + 8)
        let total = le16(tail, at + 10)
        let size = le32(tail, at + 12)
        let offset = le32(tail, at + 16)
        if total == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            throw .malformed("a ZIP64 archive, which a bundle never is")
        }
        guard disk == 0, directoryDisk == 0, onDisk == total else {
            throw .malformed("a multi-disk archive, which a bundle never is")
        }
        guard UInt64(offset) + UInt64(size) == tailStart + UInt64(at) else {
            throw .malformed(
                "the central directory does not end where the end record begins "
                    + "(data before or after it, or a ZIP64 record)")
        }
        return (Int(total), Int(size), UInt64(offset))
    }

    /// The record whose comment ends exactly at the end of `tail`: a comment that merely
    /// contains the signature is not taken for the record.
    private static func endRecordPosition(in tail: [UInt8]) -> Int? {
        var candidate = tail.count - 22
        while candidate >= 0 {
            if Array(tail[candidate..<candidate + 4]) == endSignature,
                Int(le16(tail, candidate + 20)) == tail.count - 22 - candidate
            {
                return candidate
            }
            candidate -= 1
        }
        return nil
    }

    private static func centralRecord(
        _ directory: [UInt8], at position: inout Int, index: Int
    ) throws(ZipDirectoryFailure) -> ZipEntry {
        let start = position
        guard start + 46 <= directory.count, le32(directory, start) == centralSignature else {
            throw .malformed("central directory entry \(index + 1) is damaged")
        }
        let madeBy = le16(directory, start + 4)
        let flags = le16(directory, start + 8)
        let method = le16(directory, start + 10)
        let crc = le32(directory, start + 16)
        let compressed = le32(directory, start + 20)
        let uncompressed = le32(directory, start + 24)
        let nameLength = Int(le16(directory, start + 28))
        let extraLength = Int(le16(directory, start + 30))
        let commentLength = Int(le16(directory, start + 32))
        let external = le32(directory, start + 38)
        let localOffset = le32(directory, start + 42)
        let end = start + 46 + nameLength + extraLength + commentLength
        guard end <= directory.count else {
            throw .malformed("central directory entry \(index + 1) runs past the directory")
        }
        let nameBytes = Array(directory[(start + 46)..<(start + 46 + nameLength)])
        position = end
        let name = String(validating: nameBytes, as: UTF8.self)
        return ZipEntry(
            index: index, nameBytes: nameBytes, name: name, flags: flags, method: method,
            crc32: crc, compressedSize: UInt64(compressed), uncompressedSize: UInt64(uncompressed),
            localHeaderOffset: UInt64(localOffset),
            kind: kind(madeBy: madeBy, external: external, name: nameBytes), local: nil)
    }

    /// The file type: Unix mode bits when made on Unix, else the DOS directory bit or a
    /// trailing slash.
    private static func kind(madeBy: UInt16, external: UInt32, name: [UInt8]) -> ZipEntry.Kind {
        if name.last == UInt8(ascii: "/") || external & 0x10 != 0 { return .directory }
        guard madeBy >> 8 == 3 else { return .file }
        switch (external >> 16) & 0o170000 {
        case 0, 0o100000: return .file
        case 0o040000: return .directory
        case 0o120000: return .symbolicLink
        default: return .other
        }
    }

    private static func localHeader(
        _ source: any ZipSource, of entry: ZipEntry, before limit: UInt64
    ) -> ZipEntry.LocalHeader? {
        let offset = entry.localHeaderOffset
        guard offset <= limit, limit - offset >= 30,
            let fixed = try? [UInt8](source.read(at: offset, count: 30)),
            le32(fixed, 0) == localSignature
        else { return nil }
        let nameLength = Int(le16(fixed, 26))
        let extraLength = Int(le16(fixed, 28))
        let dataOffset = offset + 30 + UInt64(nameLength + extraLength)
        guard dataOffset <= limit,
            let name = try? [UInt8](source.read(at: offset + 30, count: nameLength))
        else { return nil }
        return ZipEntry.LocalHeader(
            nameBytes: name, method: le16(fixed, 8), dataOffset: dataOffset)
    }
}

func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
    UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
}

func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
        | UInt32(bytes[at + 3]) << 24
}

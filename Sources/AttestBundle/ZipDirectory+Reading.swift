import Foundation
import ZIPFoundation

/// Why an entry's bytes could not be read as declared.
struct ZipEntryFailure: Error, Equatable {
    var detail: String
}

extension ZipDirectory {
    /// Reads chunks of this many bytes; also zlib's window into the compressed data.
    static let chunkSize = 64 << 10

    /// Streams the uncompressed bytes of `entry` to `consumer`, checked against what the
    /// central directory declares.
    ///
    /// No more than `entry.uncompressedSize` bytes are ever inflated: an entry whose data
    /// inflates to more is stopped there (a zip bomb declares little and inflates to a lot).
    /// The total must then equal the declared size and the CRC-32 the declared one. Memory is
    /// one chunk, whatever the entry's size.
    ///
    /// - Throws: `ZipEntryFailure` for a missing local header, data that runs into the central
    ///   directory, an unsupported method, damaged or truncated deflate data, a size or CRC-32
    ///   other than declared; or whatever `consumer` throws.
    func stream(
        _ entry: ZipEntry, into consumer: (Data) throws -> Void
    ) throws {
        guard let local = entry.local else {
            throw ZipEntryFailure(detail: "has no local header where the directory says")
        }
        guard local.dataOffset <= centralDirectoryOffset,
            entry.compressedSize <= centralDirectoryOffset - local.dataOffset
        else {
            throw ZipEntryFailure(detail: "has data that runs into the central directory")
        }
        var produced: UInt64 = 0
        var crc: UInt32 = 0
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ZipEntryFailure(
                    detail: "is stored with \(entry.compressedSize) bytes but declares "
                        + "\(entry.uncompressedSize)")
            }
            while produced < entry.uncompressedSize {
                let count = Int(min(UInt64(Self.chunkSize), entry.uncompressedSize - produced))
                let data = try source.read(at: local.dataOffset + produced, count: count)
                crc = data.crc32(checksum: crc)
                produced += UInt64(count)
                try consumer(data)
            }
        case 8:
            crc = try inflate(entry, from: local.dataOffset) { data in
                produced += UInt64(data.count)
                guard produced <= entry.uncompressedSize else {
                    throw ZipEntryFailure(
                        detail: "inflates to more than the \(entry.uncompressedSize) bytes it "
                            + "declares; stopped there")
                }
                try consumer(data)
            }
        default:
            throw ZipEntryFailure(detail: "uses compression method \(entry.method)")
        }
        guard produced == entry.uncompressedSize else {
            throw ZipEntryFailure(
                detail: "inflates to \(produced) bytes but declares \(entry.uncompressedSize)")
        }
        guard crc == entry.crc32 else {
            throw ZipEntryFailure(detail: "does not match its CRC-32")
        }
    }

    /// Inflates the raw deflate data of `entry`, returning the CRC-32 of what was inflated.
    ///
    /// zlib is told that each chunk is `chunkSize` bytes long, so the last chunk is padded with
    /// zeros rather than let it read past the data; a stream that has not ended when the data
    /// has is truncated, and stops rather than asking for more forever.
    private func inflate(
        _ entry: ZipEntry, from offset: UInt64, into consumer: (Data) throws -> Void
    ) throws -> UInt32 {
        let compressed = entry.compressedSize
        let chunk = Self.chunkSize
        // What the consumer threw, told apart from zlib's own errors (damaged data).
        var passed: (any Error)?
        do {
            return try Data.decompress(
                size: Int64(compressed), bufferSize: chunk, skipCRC32: false,
                provider: { position, size in
                    let start = UInt64(position)
                    guard start < compressed else {
                        throw ZipEntryFailure(detail: "has deflate data that ends too early")
                    }
                    let count = Int(min(UInt64(size), compressed - start))
                    var data = try source.read(at: offset + start, count: count)
                    if data.count < size { data.append(Data(count: size - data.count)) }
                    return data
                },
                consumer: { data in
                    do { try consumer(data) } catch {
                        passed = error
                        throw error
                    }
                })
        } catch {
            if let passed { throw passed }
            if error is ZipEntryFailure || error is BundleError { throw error }
            throw ZipEntryFailure(detail: "has damaged deflate data")
        }
    }
}

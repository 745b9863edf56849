import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first 100 bytes of a would-be store, read without SQLite, so a file can be recognised
/// (or refused) before anything opens it: opening a database can create `-wal` and `-shm`
/// files beside it, and Attest must leave another program's file exactly as it was.
///
/// The layout is SQLite's database header (https://www.sqlite.org/fileformat.html): the magic
/// string at 0, `user_version` at 60 and `application_id` at 68, both big-endian.
enum StoreFileHeader {
    /// What the file at a path holds, as far as its header tells.
    enum Content: Hashable, Sendable {
        /// No file, or an empty one: a new store may be created there.
        case absent
        /// Not a regular file (a folder, a FIFO, a device).
        case notAFile
        /// A non-empty file that is not an SQLite database.
        case notSQLite
        /// An SQLite database with these header fields.
        case sqlite(applicationID: UInt32, userVersion: UInt32)
    }

    static let magic = Array("SQLite format 3\u{0}".utf8)

    /// Reads the header of the file at `path`; creates and changes nothing, and never blocks
    /// (a FIFO is opened non-blocking and refused by its type before any read).
    static func content(at path: String) throws(StoreError) -> Content {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return .absent }
            throw StoreError(
                code: .io, path: path,
                detail: "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw StoreError(
                code: .io, path: path,
                detail: "cannot be read: \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else { return .notAFile }
        var bytes = [UInt8](repeating: 0, count: 100)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress?.advanced(by: count), buffer.count - count)
            }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else {
                throw StoreError(
                    code: .io, path: path,
                    detail: "cannot be read: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            count += got
        }
        if count == 0 { return .absent }
        guard count == bytes.count, Array(bytes[0..<16]) == magic else { return .notSQLite }
        return .sqlite(
            applicationID: bigEndian(bytes[68..<72]), userVersion: bigEndian(bytes[60..<64]))
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { ($0 << 8) | UInt32($1) }
    }
}

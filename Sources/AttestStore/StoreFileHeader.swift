import Foundation

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
        /// A non-empty file that is not an SQLite database.
        case notSQLite
        /// An SQLite database with these header fields.
        case sqlite(applicationID: UInt32, userVersion: UInt32)
    }

    static let magic = Array("SQLite format 3\u{0}".utf8)

    /// Reads the header of the file at `path`; creates and changes nothing.
    static func content(at path: String) throws(StoreError) -> Content {
        guard FileManager.default.fileExists(atPath: path) else { return .absent }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(code: .io, path: path, detail: "cannot be read")
        }
        defer { try? handle.close() }
        let bytes: [UInt8]
        do {
            bytes = Array(try handle.read(upToCount: 100) ?? Data())
        } catch {
            throw StoreError(code: .io, path: path, detail: "cannot be read: \(error)")
        }
        if bytes.isEmpty { return .absent }
        guard bytes.count == 100, Array(bytes[0..<16]) == magic else { return .notSQLite }
        return .sqlite(
            applicationID: bigEndian(bytes[68..<72]), userVersion: bigEndian(bytes[60..<64]))
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { ($0 << 8) | UInt32($1) }
    }
}

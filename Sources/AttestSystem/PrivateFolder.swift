import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder of the user running Attest that no one else may write or read: where Attest keeps
/// what it reuses between runs (the evidence cache, docs/evidence-cache.md).
///
/// Nothing in it is trusted because of where it is alone (its files are authenticated by their
/// reader), but a folder another user can write would let that user swap files under a run,
/// so it is refused. The folder is held open: every file is opened beneath that descriptor,
/// without following links, and checked (a regular file of this user, open to no one else).
public final class PrivateFolder: @unchecked Sendable {
    /// The folder as given.
    public let url: URL
    private let descriptor: Int32

    /// Opens `url`, creating it and any missing parent with mode 0700.
    ///
    /// - Throws: `PrivateFolderError` when it cannot be created or opened, is a link, is not a
    ///   folder, belongs to another user, or grants any access to group or others.
    public init(_ url: URL) throws(PrivateFolderError) {
        self.url = url
        let path = url.standardizedFileURL.path
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw PrivateFolderError(path, "cannot be created: \(error.localizedDescription)")
        }
        let opened = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard opened >= 0 else {
            let reason = errno == ELOOP ? "is a link" : String(cString: strerror(errno))
            throw PrivateFolderError(path, "cannot be opened: \(reason)")
        }
        var status = stat()
        guard fstat(opened, &status) == 0 else {
            close(opened)
            throw PrivateFolderError(path, "cannot be examined")
        }
        if let problem = Self.problem(with: status, folder: true) {
            close(opened)
            throw PrivateFolderError(path, problem)
        }
        descriptor = opened
    }

    deinit { close(descriptor) }

    /// Why a file or folder with `status` is not private to this user, or nil when it is.
    static func problem(with status: stat, folder: Bool) -> String? {
        let kind = status.st_mode & S_IFMT
        if folder, kind != S_IFDIR { return "is not a folder" }
        if !folder, kind != S_IFREG { return "is not a regular file" }
        if status.st_uid != geteuid() { return "belongs to another user" }
        if status.st_mode & 0o077 != 0 {
            return "is open to other users (mode \(String(status.st_mode & 0o777, radix: 8)); "
                + "make it private with chmod \(folder ? "700" : "600")"
        }
        return nil
    }

    /// The whole of the file `name` (a plain name, no `/`), or nil when there is none.
    ///
    /// - Throws: `PrivateFolderError` when it is a link, not a regular file, another user's,
    ///   open to others, larger than `limit` bytes, or unreadable.
    public func read(_ name: String, limit: Int) throws(PrivateFolderError) -> Data? {
        let shown = url.appendingPathComponent(name).path
        // Non-blocking, so a FIFO is refused below instead of waiting for a writer; it
        // changes nothing for the regular file read then.
        let file = openat(
            descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard file >= 0 else {
            if errno == ENOENT { return nil }
            let reason = errno == ELOOP ? "is a link" : String(cString: strerror(errno))
            throw PrivateFolderError(shown, "cannot be opened: \(reason)")
        }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0 else {
            throw PrivateFolderError(shown, "cannot be examined")
        }
        if let problem = Self.problem(with: status, folder: false) {
            throw PrivateFolderError(shown, problem)
        }
        let size = Int(status.st_size)
        guard size <= limit else {
            throw PrivateFolderError(shown, "is larger than \(limit) bytes")
        }
        // One byte more than the size seen, to notice a file that grew since.
        var data = Data(count: size + 1)
        var filled = 0
        while filled < data.count {
            let got = data.withUnsafeMutableBytes {
                readBytes(file, $0.baseAddress! + filled, $0.count - filled)
            }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw PrivateFolderError(shown, "cannot be read") }
            if got == 0 { break }
            filled += got
        }
        guard filled <= size else { throw PrivateFolderError(shown, "changed while it was read") }
        data.count = filled
        return data
    }

    /// Writes `data` as the file `name`, replacing the one there: written whole to a new
    /// private file beside it, then renamed over it, so a reader sees the old file or the new
    /// one. Not flushed to disk first: after a crash the file may be torn, which its reader
    /// must detect (the evidence cache's authentication code does).
    public func replace(_ name: String, with data: Data) throws(PrivateFolderError) {
        let temporary = try write(data, beside: name, durable: false)
        guard renameat(descriptor, temporary, descriptor, name) == 0 else {
            let reason = String(cString: strerror(errno))
            unlinkat(descriptor, temporary, 0)
            throw PrivateFolderError(
                url.appendingPathComponent(name).path, "cannot be written: \(reason)")
        }
    }

    /// Creates the file `name` holding `data` unless one exists: written whole to a new private
    /// file, then linked under its name, which fails if the name is taken, so two runs creating
    /// it at once never mix their bytes.
    ///
    /// - Returns: True when this call created it; false when it already existed.
    public func create(_ name: String, with data: Data) throws(PrivateFolderError) -> Bool {
        let temporary = try write(data, beside: name, durable: true)
        defer { unlinkat(descriptor, temporary, 0) }
        guard linkat(descriptor, temporary, descriptor, name, 0) == 0 else {
            if errno == EEXIST { return false }
            throw PrivateFolderError(
                url.appendingPathComponent(name).path,
                "cannot be created: \(String(cString: strerror(errno)))")
        }
        return true
    }

    /// Writes `data` to a new file (mode 0600) with a name of its own, flushed to disk when
    /// `durable`.
    private func write(
        _ data: Data, beside name: String, durable: Bool
    ) throws(PrivateFolderError) -> String {
        let temporary = ".\(name).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let shown = url.appendingPathComponent(temporary).path
        let file = openat(
            descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard file >= 0 else {
            throw PrivateFolderError(
                shown, "cannot be created: \(String(cString: strerror(errno)))")
        }
        var written = 0
        var failure: String?
        while written < data.count {
            let got = data.withUnsafeBytes {
                writeBytes(file, $0.baseAddress! + written, $0.count - written)
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                failure = String(cString: strerror(errno))
                break
            }
            written += got
        }
        if failure == nil, durable, fsync(file) != 0 { failure = String(cString: strerror(errno)) }
        close(file)
        if let failure {
            unlinkat(descriptor, temporary, 0)
            throw PrivateFolderError(shown, "cannot be written: \(failure)")
        }
        return temporary
    }
}

/// `read(2)` and `write(2)`, outside the class whose methods would shadow them.
private func readBytes(_ file: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(file, buffer, count)
}

private func writeBytes(_ file: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(file, buffer, count)
}

/// Why a private folder or one of its files cannot be used.
public struct PrivateFolderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The folder or file.
    public var path: String
    /// What is wrong with it, as a phrase that follows the path.
    public var reason: String

    public init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path) \(reason)" }
}

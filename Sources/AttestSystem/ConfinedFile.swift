import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A workspace file opened by ``WorkspaceRoot/open(_:limit:)``: the descriptor that was checked,
/// so what is read is what was checked. Reads never go past the limit given to `open`.
public final class ConfinedFile {
    /// The path as written in the workspace.
    public let path: WorkspacePath
    /// Where it was found, with every link resolved.
    public let resolved: URL
    private let descriptor: Int32
    var limit = 0
    /// The size when it was opened: what `readAll` allocates for.
    var size = 0
    private var consumed = 0

    init(descriptor: Int32, path: WorkspacePath, resolved: URL) {
        self.descriptor = descriptor
        self.path = path
        self.resolved = resolved
    }

    deinit { close(descriptor) }

    /// The next chunk of at most `count` bytes; empty at the end of the file.
    ///
    /// - Throws: `too-large` when the file grew past the limit since it was opened.
    public func read(upTo count: Int = 1 << 20) throws(ConfinementError) -> Data {
        let wanted = min(count, limit + 1 - consumed)
        guard wanted > 0 else { throw ConfinementError.grew(path, limit: limit) }
        var chunk = Data(count: wanted)
        let got = try fill(&chunk, from: 0)
        chunk.count = got
        return chunk
    }

    /// Everything left, at most the limit: one buffer the size the file had when it was
    /// opened, plus one byte to see its end (or that it grew) in the same pass.
    public func readAll() throws(ConfinementError) -> Data {
        var data = Data(count: max(0, min(size, limit) - consumed) + 1)
        var filled = 0
        while true {
            if filled == data.count {
                let room = limit + 1 - consumed
                guard room > 0 else { throw ConfinementError.grew(path, limit: limit) }
                data.count += min(max(data.count, 1 << 16), room)
            }
            let got = try fill(&data, from: filled)
            if got == 0 {
                data.count = filled
                return data
            }
            filled += got
        }
    }

    /// One `read(2)` into `buffer` from `offset` to its end; the count read, 0 at the end.
    private func fill(_ buffer: inout Data, from offset: Int) throws(ConfinementError) -> Int {
        let wanted = buffer.count - offset
        while true {
            let got = buffer.withUnsafeMutableBytes {
                readBytes(descriptor, $0.baseAddress.map { $0 + offset }, wanted)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw ConfinementError(
                    .unreadable, path.relative,
                    "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            consumed += got
            if consumed > limit { throw ConfinementError.grew(path, limit: limit) }
            return got
        }
    }
}

/// `read(2)`, outside the class whose `read` method would shadow it.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int
{
    read(descriptor, buffer, count)
}

/// The bytes of a confined read, with where they came from.
public struct ConfinedData: Sendable {
    public var path: WorkspacePath
    /// The file read, with every link resolved.
    public var resolved: URL
    public var data: Data
}

/// Why a workspace file was not read. The code is stable; the detail is for people.
public struct ConfinementError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// The path text or a link leads outside the workspace or into a private folder.
        case unsafePath = "workspace.unsafe-path"
        case missing = "workspace.missing-file"
        case notRegularFile = "workspace.not-a-file"
        case tooLarge = "workspace.file-too-large"
        case unreadable = "workspace.unreadable-file"
    }

    public var code: Code
    /// The path as written in the workspace.
    public var path: String
    public var detail: String

    public init(_ code: Code, _ path: String, _ detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    static func tooLarge(_ path: WorkspacePath, size: Int, limit: Int) -> Self {
        ConfinementError(
            .tooLarge, path.relative, "\(path) is \(size) bytes, more than the limit of \(limit)")
    }

    static func grew(_ path: WorkspacePath, limit: Int) -> Self {
        ConfinementError(
            .tooLarge, path.relative,
            "\(path) grew past the limit of \(limit) bytes while it was read")
    }

    public var description: String { detail }
}

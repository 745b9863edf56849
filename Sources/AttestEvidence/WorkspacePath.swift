import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A workspace-relative path checked so that evidence can never read outside the workspace.
///
/// Two checks, because either alone is not enough: the text is refused when it is absolute or
/// contains `..` (caught by `attest validate` before anything runs), and the resolved location
/// is refused when a symbolic link leads out of the workspace (only visible on disk).
struct WorkspacePath: Hashable, Sendable, CustomStringConvertible {
    /// The path as written, normalised (no empty or `.` components).
    let relative: String

    /// Why a path text is refused before touching the disk.
    enum TextProblem: Error, Equatable, CustomStringConvertible {
        case empty
        case absolute
        case parentReference
        case controlCharacter

        var description: String {
            switch self {
            case .empty: "the path is empty"
            case .absolute: "the path must be relative to the workspace, not absolute"
            case .parentReference: "the path may not contain '..'"
            case .controlCharacter: "the path contains a control character"
            }
        }
    }

    /// Checks the text of a path without touching the disk.
    init(_ text: String) throws(TextProblem) {
        if text.isEmpty { throw .empty }
        if text.hasPrefix("/") || text.hasPrefix("~") || text.hasPrefix("\\") { throw .absolute }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            throw .controlCharacter
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains("..") { throw .parentReference }
        let kept = parts.filter { $0 != "." }
        if kept.isEmpty { throw .empty }
        relative = kept.joined(separator: "/")
    }

    var description: String { relative }

    /// Where the path leads on disk.
    enum Location: Equatable {
        /// An existing file or folder inside the workspace, with symbolic links resolved.
        case inside(URL)
        /// Nothing exists there (or a dangling link), and its existing parent is inside.
        case missing
        /// A symbolic link leads outside the workspace; the reason names the path.
        case outside(String)
    }

    /// Resolves the path under `root`, following symbolic links, and refuses escapes.
    func locate(in root: URL) -> Location {
        guard let realRoot = Self.realPath(root.path) else { return .missing }
        let candidate = root.appendingPathComponent(relative).path
        if let real = Self.realPath(candidate) {
            return Self.isInside(real, root: realRoot)
                ? .inside(URL(fileURLWithPath: real))
                : .outside("'\(relative)' resolves outside the workspace")
        }
        // Nothing there: make sure the deepest existing ancestor is still inside, so a link to
        // a folder elsewhere does not turn into a misleading "missing".
        var ancestor = URL(fileURLWithPath: candidate).deletingLastPathComponent()
        while ancestor.path.count > 1 {
            if let real = Self.realPath(ancestor.path) {
                return Self.isInside(real, root: realRoot)
                    ? .missing : .outside("'\(relative)' resolves outside the workspace")
            }
            ancestor.deleteLastPathComponent()
        }
        return .missing
    }

    private static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

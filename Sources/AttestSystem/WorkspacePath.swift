import Foundation

/// A workspace-relative path whose text has been checked, before any file is touched.
///
/// The text check catches what `attest validate` can see without the disk: absolute paths,
/// `..`, control characters and Windows paths. Links are only visible on disk, so every read
/// also goes through ``WorkspaceRoot/open(_:limit:)``, which resolves them.
public struct WorkspacePath: Hashable, Sendable, CustomStringConvertible {
    /// The path as written, normalised (no empty or `.` components).
    public let relative: String

    /// Why a path text is refused before touching the disk.
    public enum TextProblem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case absolute
        case parentReference
        case controlCharacter
        case windowsPath

        public var description: String {
            switch self {
            case .empty: "the path is empty"
            case .absolute: "the path must be relative to the workspace, not absolute"
            case .parentReference: "the path may not contain '..'"
            case .controlCharacter: "the path contains a control character"
            case .windowsPath:
                "the path uses Windows separators or a drive letter; write it with '/' "
                    + "relative to the workspace (e.g. evidence/report.json)"
            }
        }
    }

    /// Checks the text of a path without touching the disk.
    public init(_ text: String) throws(TextProblem) {
        if text.isEmpty { throw .empty }
        if text.hasPrefix("/") || text.hasPrefix("~") { throw .absolute }
        // A byte test: `String.contains(_:)` with Foundation loaded goes through NSString.
        if text.utf8.contains(UInt8(ascii: "\\")) || Self.hasDriveLetter(text) {
            throw .windowsPath
        }
        if text.unicodeScalars.contains(where: {
            $0.value < 0x20 || (0x7f...0x9f).contains($0.value)
        }) {
            throw .controlCharacter
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains("..") { throw .parentReference }
        let kept = parts.filter { $0 != "." }
        if kept.isEmpty { throw .empty }
        relative = kept.joined(separator: "/")
    }

    public var description: String { relative }

    /// `C:` or `c:` at the start: a drive letter, which no POSIX workspace path has.
    private static func hasDriveLetter(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(2))
        guard bytes.count == 2, bytes[1] == UInt8(ascii: ":") else { return false }
        return (0x41...0x5a).contains(bytes[0]) || (0x61...0x7a).contains(bytes[0])
    }
}

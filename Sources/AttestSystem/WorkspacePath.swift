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
        // Nearly every path is written normal and safe: one pass over its bytes says so. A
        // build checks each evidence path several times (validation, the runner, collectors).
        if Self.isNormalAndSafe(text) {
            relative = text
            return
        }
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

    /// True when `text` passes every check below and is already normal: no empty, `.` or `..`
    /// component, no leading `/` or `~`, no backslash, drive letter or control character (C0,
    /// DEL or C1; a C1 character is `C2 80`–`C2 9F` in UTF-8). Anything else takes the full
    /// check, which says what is wrong or normalises it.
    private static func isNormalAndSafe(_ text: String) -> Bool {
        var contiguous = text  // `withUTF8` may make a bridged string contiguous first
        return contiguous.withUTF8 { bytes in
            guard !bytes.isEmpty, bytes[0] != UInt8(ascii: "~") else { return false }
            if bytes.count >= 2, bytes[1] == UInt8(ascii: ":") { return false }
            var componentStart = 0
            var previous: UInt8 = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "/")
                switch byte {
                case UInt8(ascii: "/"):
                    let component = bytes[componentStart..<index]
                    if component.isEmpty
                        || component.allSatisfy({ $0 == UInt8(ascii: ".") })
                            && component.count <= 2
                    {
                        return false
                    }
                    componentStart = index + 1
                case 0x00..<0x20, 0x7F, UInt8(ascii: "\\"): return false
                case 0x80...0x9F where previous == 0xC2: return false
                default: break
                }
                previous = byte
            }
            return true
        }
    }

    /// `C:` or `c:` at the start: a drive letter, which no POSIX workspace path has.
    private static func hasDriveLetter(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(2))
        guard bytes.count == 2, bytes[1] == UInt8(ascii: ":") else { return false }
        return (0x41...0x5a).contains(bytes[0]) || (0x61...0x7a).contains(bytes[0])
    }
}

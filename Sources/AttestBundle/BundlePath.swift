/// Path rules shared by writing and verifying: relative, `/`-separated, no `..`, no empty or
/// `.` segment, no backslash, no control character (C0, DEL, C1) and no bidirectional control
/// (which could make `invoice‮fdp.exe` read as `invoice.pdf`), at most 1024 bytes.
enum BundlePath {
    static let maxBytes = 1024

    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, path.utf8.count <= maxBytes, !path.hasPrefix("/"),
            !path.contains("\\"), !path.unicodeScalars.contains(where: isControl)
        else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1f, 0x7f...0x9f: true
        case 0x200e, 0x200f, 0x061c, 0x202a...0x202e, 0x2066...0x2069: true
        default: false
        }
    }
}

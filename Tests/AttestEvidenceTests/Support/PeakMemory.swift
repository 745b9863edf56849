import Foundation

/// The resident memory of this process, from `/proc/self/status`, so a test run in a child
/// process can check that work on a large input stayed within a budget.
enum PeakMemory {
    /// Peak resident set size in bytes (`VmHWM`), or nil where `/proc` is not available.
    static func bytes() -> Int? { field("VmHWM:") }

    /// Current resident set size in bytes (`VmRSS`).
    static func current() -> Int? { field("VmRSS:") }

    /// Resets the peak to the current size (Linux: `5` written to `/proc/self/clear_refs`), so
    /// that what was allocated before (say, generating a test input) does not hide what
    /// follows. Returns the current size after the reset.
    static func reset() -> Int? {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else {
            return nil
        }
        handle.write(Data("5".utf8))
        try? handle.close()
        return current()
    }

    private static func field(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}

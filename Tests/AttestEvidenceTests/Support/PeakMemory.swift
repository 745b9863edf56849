import Foundation

/// The peak resident memory of this process, from `/proc/self/status` (`VmHWM`), so a test
/// run in a child process can check that work on a large input stayed within a budget.
enum PeakMemory {
    /// Peak resident set size in bytes, or nil where `/proc` is not available.
    static func bytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}

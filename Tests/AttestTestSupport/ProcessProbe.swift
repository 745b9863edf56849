import Foundation

/// Looks at processes through `/proc`, for tests asserting that nothing is left running.
///
/// Linux only: elsewhere every process looks absent.
public enum ProcessProbe {
    /// Whether `pid` is a live process whose command line is exactly `commandLine`.
    ///
    /// A zombie (ended, not yet reaped) has an empty command line and so does not count; the
    /// command line also guards against the pid having been reused by another program.
    public static func isRunning(_ pid: Int32, commandLine: [String]) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
            return false
        }
        let words = data.split(separator: 0, omittingEmptySubsequences: false).dropLast()
        return words.map { String(decoding: $0, as: UTF8.self) } == commandLine
    }

    /// Waits up to `limit` for `pid` to run `commandLine` (a forked child may not have called
    /// exec yet when its pid is known); true when it does.
    public static func starts(
        _ pid: Int32, commandLine: [String], within limit: Duration = .seconds(10)
    ) -> Bool {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while !isRunning(pid, commandLine: commandLine) {
            if ContinuousClock.now >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }

    /// Waits up to `limit` for `pid` (running `commandLine`) to end; true when it has.
    public static func ends(
        _ pid: Int32, commandLine: [String], within limit: Duration = .seconds(5)
    ) -> Bool {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while isRunning(pid, commandLine: commandLine) {
            if ContinuousClock.now >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }

    /// The pids of live processes whose command line is exactly `commandLine`.
    public static func pids(commandLine: [String]) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { isRunning($0, commandLine: commandLine) }
            .sorted()
    }
}

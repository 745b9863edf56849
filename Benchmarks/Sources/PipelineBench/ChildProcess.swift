import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One run of a child process, measured from outside: wall time, peak resident set
/// (`wait4`'s `ru_maxrss`), exit status, and whether a memory watchdog killed it.
struct ChildRun {
    var wall: Double
    var peakRSSBytes: Int
    /// User + system CPU seconds of the child (all its threads): on a busy machine a steadier
    /// figure than the wall time.
    var cpu: Double
    /// The exit status, or nil when a signal ended the process.
    var status: Int32?
    var signal: Int32?
    /// The watchdog's bound, when it killed the process for going over it.
    var killedAbove: Int?
    /// Standard error (the last 4 KB), for messages.
    var standardError: String

    var succeeded: Bool { status == 0 }

    /// The run with the peak resident set its `--timings` file reports (`VmHWM` of the child's
    /// own memory), when it has one. `wait4`'s `ru_maxrss` is at least this benchmark's own
    /// peak: `posix_spawn`'s child shares the parent's memory until `exec`, and Linux keeps the
    /// replaced memory's high-water mark in the child's figure across `exec`.
    func measuringItsOwnMemory(_ timings: [String: Double]) -> ChildRun {
        guard let peak = timings["peak_rss_bytes"], peak > 0 else { return self }
        var run = self
        run.peakRSSBytes = Int(peak)
        return run
    }
}

enum ChildProcess {
    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable arguments` with standard output and error sent to files in `logs`,
    /// waits for it, and measures it. With `memoryBound`, the child's resident set is read from
    /// `/proc/PID/status` every 50 ms and the child killed (SIGKILL) once it is above the bound,
    /// so a runaway build never brings the machine down.
    static func run(
        _ executable: String, _ arguments: [String], logs: URL, name: String,
        memoryBound: Int? = nil
    ) throws -> ChildRun {
        let outPath = logs.appendingPathComponent("\(name).out").path
        let errPath = logs.appendingPathComponent("\(name).err").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let code = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard code == 0 else {
            throw SpawnError(
                description: "cannot start \(executable): \(String(cString: strerror(code)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        var killedAbove: Int?
        var lastCheck = start
        while true {
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0 && errno != EINTR {
                throw SpawnError(description: "wait4: \(String(cString: strerror(errno)))")
            }
            let now = DispatchTime.now().uptimeNanoseconds
            if let memoryBound, killedAbove == nil, now - lastCheck >= 50_000_000 {
                lastCheck = now
                if let resident = residentBytes(of: pid), resident > memoryBound {
                    kill(pid, SIGKILL)
                    killedAbove = memoryBound
                }
            }
            usleep(2_000)
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let exited = (status & 0x7f) == 0
        let errText = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        return ChildRun(
            wall: wall, peakRSSBytes: Int(usage.ru_maxrss) * 1_024,
            cpu: Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6,
            status: exited ? (status >> 8) & 0xff : nil,
            signal: exited ? nil : status & 0x7f, killedAbove: killedAbove,
            standardError: String(decoding: errText.suffix(4_096), as: UTF8.self))
    }

    /// `VmRSS` of a running process, in bytes.
    static func residentBytes(of pid: pid_t) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.dropFirst(6).filter(\.isNumber)).map { $0 * 1_024 }
        }
        return nil
    }

    /// The standard output of a short command (git), or nil when it fails.
    static func output(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

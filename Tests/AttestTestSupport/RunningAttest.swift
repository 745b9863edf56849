import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `attest` executable started in the background, for tests that signal it while it
/// runs or run it as another user.
///
/// Started with `posix_spawn` and default handling of `SIGINT`/`SIGTERM`/`SIGHUP` (Foundation's
/// `Process` passes on whatever the test process ignores); standard output and error go to
/// files.
public final class RunningAttest: @unchecked Sendable {
    /// How the process ended.
    public enum Ending: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let code): "exited with status \(code)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    public struct LaunchFailed: Error, CustomStringConvertible {
        public var description: String
    }

    public let pid: pid_t
    private let outputFolder: URL
    private var ending: Ending?

    /// Starts `attest arguments` with the test process's environment plus `environment`; with
    /// `user`, as that user and group id (through `setpriv`, root only). It runs in the test
    /// process's working directory: pass `--workspace`.
    public init(
        _ arguments: [String], environment: [String: String] = [:],
        user: UInt32? = nil
    ) throws {
        outputFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: outputFolder, withIntermediateDirectories: true)
        var argv = [try AttestBinary.url().path] + arguments
        if let user {
            argv =
                ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups", "--"]
                + argv
        }
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            .map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (descriptor, name) in [(Int32(1), "stdout"), (2, "stderr")] {
            posix_spawn_file_actions_addopen(
                &actions, descriptor, outputFolder.appendingPathComponent(name).path,
                O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = variables.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments + cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(
            &pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard code == 0 else {
            throw LaunchFailed(description: "cannot start \(argv[0]): error \(code)")
        }
        self.pid = pid
    }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits up to `limit` for the process to end; nil when it is still running then.
    public func wait(upTo limit: Duration) -> Ending? {
        if let ending { return ending }
        let deadline = ContinuousClock.now.advanced(by: limit)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR { return nil }
            if ContinuousClock.now >= deadline { return nil }
            usleep(10_000)
        }
        let signal = status & 0x7f
        ending = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        return ending
    }

    /// Kills the process if it is still running and reaps it.
    public func stop() {
        guard ending == nil else { return }
        kill(pid, SIGKILL)
        _ = wait(upTo: .seconds(10))
    }

    public var standardOutput: String { text("stdout") }
    public var standardError: String { text("stderr") }

    private func text(_ name: String) -> String {
        let data = FileManager.default.contents(
            atPath: outputFolder.appendingPathComponent(name).path)
        return String(decoding: data ?? Data(), as: UTF8.self)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: outputFolder)
    }
}

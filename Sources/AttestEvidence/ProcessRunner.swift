import AttestSystem
import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to run: a program, its arguments, and the limits it runs under.
struct ProcessRequest: Sendable {
    /// A path (containing `/`) or a name looked up in `PATH`.
    var executable: String
    var arguments: [String]
    /// The complete environment of the child; nothing else is inherited.
    var environment: [String: String]
    var workingDirectory: URL
    var timeout: Duration
    /// Bytes kept of each of stdout and stderr; the rest is read, hashed and dropped.
    var maxOutputBytes: Int
    /// When set, receives stdout as it is read instead of stdout being kept, so a long output
    /// is parsed in bounded memory; returning false stops reading: the pipe is closed and the
    /// program ends with SIGPIPE at its next write. Called on the thread running the process.
    var stdoutSink: (@Sendable (ArraySlice<UInt8>) -> Bool)? = nil
}

/// The first bytes of an output stream, and how many there were in all.
struct CapturedOutput: Sendable, Equatable {
    var data = Data()
    var totalBytes = 0
    var isTruncated: Bool { totalBytes > data.count }
    var text: String { String(decoding: data, as: UTF8.self) }
}

/// How a process ended, with its output.
struct ProcessOutcome: Sendable {
    enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed (with its whole process group) because it ran past the timeout.
        case timedOut
        /// Killed because the task waiting for it was cancelled.
        case cancelled
    }

    var termination: Termination
    var stdout: CapturedOutput
    var stderr: CapturedOutput
    /// SHA-256 of the complete stdout (before the cap and before any redaction), so an auditor
    /// can rerun the command and compare with `| sha256sum`.
    var sha256: String
}

/// A process that could not be started at all.
struct ProcessLaunchError: Error, CustomStringConvertible {
    var executable: String
    var code: Int32
    var description: String {
        "cannot start '\(executable)': \(String(cString: strerror(code)))"
    }
}

/// Runs a program in its own process group with a deadline, a clean environment and capped
/// output, without ever blocking the Swift concurrency pool.
///
/// `posix_spawn` rather than Foundation's `Process` because the child must lead its own process
/// group: when the program exits, times out or is cancelled the whole group is killed, so
/// neither `sh -c 'sleep 100 | cat'` nor `sh -c 'sleep 100 & echo started'` can leave
/// grandchildren behind or hold the result until they end. Each group is recorded in
/// `ChildProcessGroups` while it runs, so that a termination signal can end it too. The
/// blocking `poll`/`waitid` loop runs on a dedicated thread.
struct ProcessRunner: Sendable {
    /// Where running groups are recorded: the process-wide registry unless a test isolates one.
    var groups = ChildProcessGroups.shared

    /// Runs `request` to completion, timeout or cancellation.
    func run(_ request: ProcessRequest) async -> Result<ProcessOutcome, ProcessLaunchError> {
        let flag = CancellationFlag()
        let groups = groups
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(
                        returning: Self.runBlocking(request, groups: groups, cancelled: flag))
                }
                thread.name = "attest-process"
                thread.start()
            }
        } onCancel: {
            flag.set()
        }
    }

    /// How long output is still read after the program has exited and its group was killed:
    /// long enough for the killed members to close the pipes, short enough that a process that
    /// escaped the group (`setsid`) and kept the pipe open cannot hold the result.
    static let drainAfterExit: Duration = .milliseconds(250)

    private static func runBlocking(
        _ request: ProcessRequest, groups: ChildProcessGroups, cancelled: CancellationFlag
    ) -> Result<ProcessOutcome, ProcessLaunchError> {
        let pid: pid_t
        let stdoutFD: Int32
        let stderrFD: Int32
        switch launch(request, groups: groups) {
        case .success(let started): (pid, stdoutFD, stderrFD) = started
        case .failure(let error): return .failure(error)
        }
        var collector = OutputCollector(
            stdout: stdoutFD, stderr: stderrFD, limit: request.maxOutputBytes,
            sink: request.stdoutSink)
        let deadline = ContinuousClock.now.advanced(by: request.timeout)
        let killed = follow(pid, output: &collector, until: deadline, cancelled: cancelled)
        // The leader has exited (it is a zombie until reaped below, so its group id cannot be
        // reused yet) or is to be killed: its whole group ends now, stray children
        // (`cmd &`) included.
        kill(-pid, SIGKILL)
        if killed == nil {
            // What the program wrote before it exited is in the pipes: read it, but do not
            // wait for writers outside the group.
            _ = collector.drain(
                until: min(deadline, ContinuousClock.now.advanced(by: drainAfterExit)),
                cancelled: cancelled)
        }
        groups.remove(pid)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        collector.closeAll()
        return .success(
            ProcessOutcome(
                termination: killed ?? Self.termination(fromWaitStatus: status),
                stdout: collector.stdout, stderr: collector.stderr, sha256: collector.sha256()))
    }

    /// Reads the output until the leader exits (nil), the deadline passes (`.timedOut`) or the
    /// task is cancelled (`.cancelled`). The leader is left unreaped.
    private static func follow(
        _ pid: pid_t, output: inout OutputCollector, until deadline: ContinuousClock.Instant,
        cancelled: CancellationFlag
    ) -> ProcessOutcome.Termination? {
        while true {
            if cancelled.isSet { return .cancelled }
            if ContinuousClock.now >= deadline { return .timedOut }
            if hasExited(pid) { return nil }
            // Wake at least every 100 ms (every 5 ms once the pipes are closed) to notice the
            // exit, the deadline or a cancellation.
            output.readAvailable(waitingAtMost: output.isOpen ? 100 : 5, until: deadline)
        }
    }

    /// Whether the child has terminated, without reaping it (`WNOWAIT`).
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        // ECHILD: an embedding program that ignores SIGCHLD has the child reaped for it.
        if result < 0 { return errno == ECHILD }
        // Linux sets si_signo to SIGCHLD when a child is reported and to 0 otherwise.
        return info.si_signo == SIGCHLD
    }

    /// Decodes a `waitpid` status without the C macros, which Swift cannot import.
    static func termination(fromWaitStatus status: Int32) -> ProcessOutcome.Termination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// Serialises pipe creation and spawning: `pipe2` is not visible from Swift, so the pipes
    /// are marked close-on-exec just after creation, and no other spawn of ours may happen in
    /// between (a child inheriting another child's pipe would delay its end-of-file).
    private static let launchLock = NSLock()

    /// Creates the pipes and starts the child; returns its pid and the read ends.
    private static func launch(
        _ request: ProcessRequest, groups: ChildProcessGroups
    ) -> Result<(pid_t, Int32, Int32), ProcessLaunchError> {
        launchLock.lock()
        defer { launchLock.unlock() }
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else {
            return .failure(ProcessLaunchError(executable: request.executable, code: errno))
        }
        guard pipe(&errPipe) == 0 else {
            let code = errno
            close(outPipe[0])
            close(outPipe[1])
            return .failure(ProcessLaunchError(executable: request.executable, code: code))
        }
        for descriptor in outPipe + errPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        // Recorded in the same critical section as the spawn: a signal arriving in between
        // cannot miss the new group.
        let spawned = groups.spawn(
            { spawn(request, stdout: outPipe[1], stderr: errPipe[1]) },
            executable: request.executable)
        close(outPipe[1])
        close(errPipe[1])
        switch spawned {
        case .success(let pid):
            return .success((pid, outPipe[0], errPipe[0]))
        case .failure(let error):
            close(outPipe[0])
            close(errPipe[0])
            return .failure(error)
        }
    }

    private static func spawn(
        _ request: ProcessRequest, stdout: Int32, stderr: Int32
    ) -> Result<pid_t, ProcessLaunchError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        // Only stdin, stdout and stderr reach the child: no database handle, no file another
        // thread is writing (which would make exec of that file fail with ETXTBSY).
        if let closeFrom = SpawnExtensions.addCloseFrom { _ = closeFrom(&actions, 3) }
        var executable = request.executable
        var arguments = request.arguments
        if let addChdir = SpawnExtensions.addChdir {
            _ = addChdir(&actions, request.workingDirectory.path)
        } else {
            // Without posix_spawn_file_actions_addchdir_np (glibc < 2.29), a shell changes
            // directory and then replaces itself with the program.
            arguments =
                [
                    "-c", "cd -- \"$0\" && exec \"$@\"", request.workingDirectory.path,
                    executable,
                ] + arguments
            executable = "/bin/sh"
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group (so a timeout can kill every descendant), no blocked signals, and
        // default handling of SIGPIPE, which the Swift runtime ignores and exec would inherit.
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = CStringArray([executable] + arguments)
        let envp = CStringArray(
            request.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        defer {
            argv.free()
            envp.free()
        }
        var pid: pid_t = 0
        var code: Int32 = 0
        // ETXTBSY: a script written a moment ago may still be open for writing in a process
        // another thread is spawning (until that process execs); it clears within milliseconds.
        for attempt in 0..<5 {
            code =
                executable.contains("/")
                ? posix_spawn(&pid, executable, &actions, &attributes, argv.pointers, envp.pointers)
                : posix_spawnp(
                    &pid, executable, &actions, &attributes, argv.pointers, envp.pointers)
            guard code == ETXTBSY else { break }
            usleep(useconds_t(10_000 << attempt))
        }
        guard code == 0 else {
            return .failure(ProcessLaunchError(executable: request.executable, code: code))
        }
        return .success(pid)
    }
}

/// Reads stdout and stderr together with `poll`, keeping the first bytes of each and hashing
/// all of stdout.
private struct OutputCollector {
    private var descriptors: [Int32]
    private(set) var stdout = CapturedOutput()
    private(set) var stderr = CapturedOutput()
    private var stdoutHash = SHA256()
    private let limit: Int
    private let sink: (@Sendable (ArraySlice<UInt8>) -> Bool)?
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(
        stdout: Int32, stderr: Int32, limit: Int,
        sink: (@Sendable (ArraySlice<UInt8>) -> Bool)? = nil
    ) {
        descriptors = [stdout, stderr]
        self.limit = max(0, limit)
        self.sink = sink
    }

    /// Whether either stream is still open.
    var isOpen: Bool { descriptors.contains { $0 >= 0 } }

    /// Reads until both streams end or `deadline` passes or the task is cancelled; returns a
    /// termination when it had to stop early.
    mutating func drain(
        until deadline: ContinuousClock.Instant, cancelled: CancellationFlag
    ) -> ProcessOutcome.Termination? {
        while isOpen {
            if cancelled.isSet { return .cancelled }
            if ContinuousClock.now >= deadline { return .timedOut }
            readAvailable(waitingAtMost: 100, until: deadline)
        }
        return nil
    }

    /// Waits up to `milliseconds` (and never past `deadline`) for output, then reads what is
    /// there; closes a stream at its end. With both streams closed, only waits.
    mutating func readAvailable(
        waitingAtMost milliseconds: Int32, until deadline: ContinuousClock.Instant
    ) {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return }
        let (seconds, attoseconds) = remaining.components
        let wait =
            seconds > 0
            ? milliseconds
            : min(milliseconds, max(1, Int32(attoseconds / 1_000_000_000_000_000)))
        // Closed streams (-1) are ignored by poll, which then only waits.
        var polls = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&polls, nfds_t(polls.count), wait)
        if ready < 0, errno != EINTR {
            // Cannot happen with valid descriptors; stop reading rather than spin.
            closeAll()
            return
        }
        guard ready > 0 else { return }
        for (slot, entry) in polls.enumerated() where entry.fd >= 0 && entry.revents != 0 {
            let count = read(entry.fd, &buffer, buffer.count)
            if count > 0 {
                append(buffer[0..<count], to: slot)
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                close(entry.fd)
                descriptors[slot] = -1
            }
        }
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>, to slot: Int) {
        func keep(_ output: inout CapturedOutput, _ limit: Int) {
            let room = limit - output.data.count
            if room > 0 { output.data.append(contentsOf: bytes.prefix(room)) }
            output.totalBytes += bytes.count
        }
        if slot == 0, let sink {
            stdout.totalBytes += bytes.count
            if !sink(bytes), descriptors[0] >= 0 {
                close(descriptors[0])
                descriptors[0] = -1
            }
        } else if slot == 0 {
            stdoutHash.update(data: Data(bytes))
            keep(&stdout, limit)
        } else {
            keep(&stderr, limit)
        }
    }

    mutating func closeAll() {
        for descriptor in descriptors where descriptor >= 0 { close(descriptor) }
        descriptors = descriptors.map { _ in -1 }
    }

    /// SHA-256 of the complete stdout, bytes past the cap included.
    func sha256() -> String { Hex.encode(stdoutHash.finalize()) }
}

/// `posix_spawn_file_actions_addchdir_np` and `…_addclosefrom_np`, looked up at run time: they
/// are GNU extensions that the Glibc module does not declare.
private enum SpawnExtensions {
    typealias AddChdir =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32

    typealias AddCloseFrom =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
        ) -> Int32

    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np").map {
        unsafeBitCast($0, to: AddChdir.self)
    }

    /// glibc 2.34 and later; without it, descriptors opened with close-on-exec still do not
    /// leak, and the spawn retries on ETXTBSY.
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        return dlsym(handle, name)
    }
}

/// C strings for `argv`/`envp`, freed explicitly once the spawn has copied them.
private struct CStringArray {
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func free() {
        for pointer in pointers { Glibc.free(pointer) }
    }
}

/// A flag set from a cancellation handler and read by the thread running the process.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

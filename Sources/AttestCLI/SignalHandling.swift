import AttestEvidence
import CAttestSystem
import Foundation

/// Ends the programs attest is running when attest itself is interrupted or terminated.
///
/// On `SIGINT`, `SIGTERM` or `SIGHUP`, every process group recorded in
/// `ChildProcessGroups.shared` (one per running command or external program) is killed with
/// `SIGKILL`, and attest exits at once with the shell's status for the signal
/// (`ExitStatus.signalled`: 130, 143, 129). Without this, the default action would end attest
/// alone and leave its commands running.
///
/// The C handler only writes the signal's number to a pipe; a dedicated thread reads it and
/// does the rest, which a signal handler may not (take a lock, loop, exit). A signal that was
/// ignored when attest started (`nohup`, a shell's background job) stays ignored. Not covered:
/// a program that leaves its process group (`setsid`, `setpgid`, a daemon) escapes, and
/// nothing runs when attest is killed with `SIGKILL`.
enum SignalHandling {
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handlers and starts the thread that acts on them; returns a warning if
    /// they cannot be installed (attest then runs with the default actions).
    static func install() -> String? {
        let descriptor = signals.withUnsafeBufferPointer {
            attest_signal_pipe($0.baseAddress, Int32($0.count))
        }
        guard descriptor >= 0 else {
            return "cannot handle termination signals (\(String(cString: strerror(errno)))): "
                + "commands may outlive an interrupted attest"
        }
        let thread = Thread { waitForSignal(on: descriptor) }
        thread.name = "attest-signals"
        thread.start()
        return nil
    }

    private static func waitForSignal(on descriptor: Int32) {
        var number: UInt8 = 0
        while true {
            let count = read(descriptor, &number, 1)
            if count == 1 { break }
            if count < 0, errno == EINTR { continue }
            return
        }
        ChildProcessGroups.shared.terminateAll()
        // `_exit`, not `exit`: other threads are still running, and nothing is to be flushed
        // (the console writes unbuffered) or cleaned up that a crash would not leave as well.
        _exit(ExitStatus.signalled(Int32(number)))
    }
}

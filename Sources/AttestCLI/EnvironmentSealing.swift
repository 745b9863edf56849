import CAttestSystem
import Foundation

/// Keeps the environment of the `attest` process from the programs it runs.
///
/// A command receives only allow-listed variables, but it could read everything else from
/// `/proc/<attest pid>/environ` (its `$PPID`), CI secrets included. Two measures close that:
/// 1. The initial environment block, which is what the kernel shows there, is wiped after the
///    variables are copied to the heap: readers of any user, root included, see nothing, while
///    `getenv` and `ProcessInfo` keep working.
/// 2. The process is made non-dumpable (`PR_SET_DUMPABLE` 0), so other processes of the same
///    user cannot ptrace it or read its memory (`/proc/<pid>/mem`), where the copied variables
///    now live. Root, with `CAP_SYS_PTRACE`, still can: a command running as root can read
///    any process's memory, which no program can prevent from inside.
///
/// Both concern the whole process, so they belong to the executable, not to the libraries:
/// `AttestMain.main` applies them first, before any other thread reads the environment.
enum EnvironmentSealing {
    /// Applies both measures; returns a warning for each that failed.
    static func apply() -> [String] {
        var warnings: [String] = []
        if attest_wipe_initial_environment() != 0 {
            warnings.append(
                "cannot wipe the environment block (\(String(cString: strerror(errno)))): "
                    + "commands can read attest's environment through /proc")
        }
        if attest_set_not_dumpable() != 0 {
            warnings.append(
                "cannot mark the process non-dumpable (\(String(cString: strerror(errno)))): "
                    + "commands of the same user can read attest's memory")
        }
        return warnings
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process groups of the programs Attest is running right now, so that a termination
/// signal can end them before Attest exits.
///
/// This is Attest's one piece of process-wide mutable state, on purpose: a signal is addressed
/// to the whole process, and the thread that handles it must reach the children of every
/// runner, whichever task started them. Everything else is passed explicitly.
///
/// A group is recorded in the same critical section as its spawn, and leaves the registry only
/// after it has been killed and before its leader is reaped (while the leader is a zombie its
/// pid cannot be reused), so `terminateAll` never misses a child nor kills a stranger's group.
/// A child that leaves its group (`setsid`, `setpgid`) escapes it.
public final class ChildProcessGroups: @unchecked Sendable {
    /// The registry of this process.
    public static let shared = ChildProcessGroups()

    private let lock = NSLock()
    private var groups: Set<pid_t> = []
    private var isTerminating = false

    init() {}

    /// Spawns a process group leader with `spawn` and records its group; refuses (with
    /// `ECANCELED`) once `terminateAll` has run, so nothing starts while Attest is exiting.
    func spawn(
        _ spawn: () -> Result<pid_t, ProcessLaunchError>, executable: String
    ) -> Result<pid_t, ProcessLaunchError> {
        lock.withLock {
            guard !isTerminating else {
                return .failure(ProcessLaunchError(executable: executable, code: ECANCELED))
            }
            let result = spawn()
            if case .success(let pid) = result { groups.insert(pid) }
            return result
        }
    }

    /// Forgets a group that has been killed and whose leader is not reaped yet.
    func remove(_ group: pid_t) {
        _ = lock.withLock { groups.remove(group) }
    }

    /// The groups currently recorded.
    var running: Set<pid_t> { lock.withLock { groups } }

    /// Kills every recorded group with `SIGKILL` and refuses any further spawn.
    ///
    /// - Returns: How many groups were signalled.
    @discardableResult
    public func terminateAll() -> Int {
        lock.withLock {
            isTerminating = true
            for group in groups { kill(-group, SIGKILL) }
            return groups.count
        }
    }
}

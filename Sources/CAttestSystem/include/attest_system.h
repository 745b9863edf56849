#ifndef ATTEST_SYSTEM_H
#define ATTEST_SYSTEM_H

/// Atomically exchanges two paths (both must exist) on the same file system.
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS or EINVAL where the file
/// system or kernel cannot exchange).
int attest_exchange_paths(const char *first, const char *second);

/// Marks the process non-dumpable (Linux `prctl(PR_SET_DUMPABLE, 0)`; prctl is variadic, which
/// Swift cannot call). Processes of the same user then can neither ptrace it nor read its
/// /proc/<pid>/environ, mem or maps, unless they hold CAP_SYS_PTRACE (root usually does).
/// Returns 0, or -1 with errno set; does nothing and returns 0 on other systems.
int attest_set_not_dumpable(void);

/// Copies the environment to the heap (`environ` then points at the copy, so getenv, setenv
/// and Foundation keep working) and overwrites the original block on the initial stack with
/// zeros. That block is what the kernel shows as /proc/<pid>/environ, to any reader, root
/// included, so afterwards it shows no variable at all.
/// Call once, early, while no other thread reads or changes the environment.
/// Returns 0, or -1 with errno set (nothing is wiped then).
int attest_wipe_initial_environment(void);

/// Catches each of `signals` (except those ignored at the time of the call, which stay
/// ignored) with a handler that writes the signal's number, as one byte, to a pipe; returns
/// the pipe's read end (close-on-exec), or -1 with errno set. A thread reading that end can then
/// do what a signal handler may not: take locks, kill process groups, exit.
/// Call once per process (a second call fails with EBUSY).
int attest_signal_pipe(const int *signals, int count);

#endif

#ifndef ATTEST_SYSTEM_H
#define ATTEST_SYSTEM_H

#include <sys/stat.h>

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

/// `openat(2)` of `path` from `folder` (or AT_FDCWD) with `flags`, refusing a symbolic link
/// anywhere on the way, the last component included (`openat2(2)` with RESOLVE_NO_SYMLINKS):
/// one system call that walks the path once. Fails with ELOOP at a link, ENOTDIR at a
/// non-folder on the way, ENOENT when a component is missing (every one before it then being
/// a folder), and ENOSYS where there is no openat2 (Linux before 5.6, other systems); a
/// seccomp filter may answer EPERM instead.
int attest_open_without_links(int folder, const char *path, int flags);

/// `lstat(2)` of `path` that also refuses a link on the way: `attest_open_without_links` with
/// `O_PATH` (nothing is opened for reading, so a FIFO or a device is harmless), then `fstat(2)`.
/// Returns 0, or -1 with errno set as `attest_open_without_links` sets it.
int attest_look_without_links(const char *path, struct stat *status);

/// The folder at `path` (not a link) opened only to look beneath it (`O_PATH` on Linux: no read
/// permission needed, nothing read); -1 with errno set on failure.
int attest_open_folder_for_looks(const char *path);

/// The folder at `path` (relative) inside the open folder `folder`, opened only to look inside
/// it (`O_PATH | O_DIRECTORY`), by one openat2 that refuses every link and any way out of
/// `folder`. Returns the descriptor, or -1 with errno set (ENOSYS or EPERM where there is no
/// openat2).
int attest_open_folder_beneath(int folder, const char *path);

/// Copies the GNU build ID of the loaded object (executable or library) that holds this
/// function into `out`: the linker's digest of that object, which changes whenever its code
/// does. Returns its length in bytes, or -1 when the object has none, it is longer than
/// `capacity`, or the system is not an ELF one.
int attest_build_id(unsigned char *out, int capacity);

#endif

#define _GNU_SOURCE
#include "attest_system.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#if __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#define ATTEST_HAS_OPENAT2 1
#endif
#endif

int attest_open_without_links(int folder, const char *path, int flags) {
#if defined(ATTEST_HAS_OPENAT2) && defined(SYS_openat2)
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)flags;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    return (int)syscall(SYS_openat2, folder, path, &how, sizeof how);
#else
    (void)folder;
    (void)path;
    (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

int attest_look_without_links(const char *path, struct stat *status) {
#if defined(ATTEST_HAS_OPENAT2) && defined(SYS_openat2)
    int descriptor = attest_open_without_links(AT_FDCWD, path, O_PATH | O_CLOEXEC);
    if (descriptor < 0) return -1;
    int result = fstat(descriptor, status);
    int saved = errno;
    close(descriptor);
    errno = saved;
    return result;
#else
    (void)path;
    (void)status;
    errno = ENOSYS;
    return -1;
#endif
}

int attest_open_folder_for_looks(const char *path) {
#if defined(__linux__)
    return open(path, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
#else
    return open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
#endif
}

int attest_open_folder_beneath(int folder, const char *path) {
#if defined(ATTEST_HAS_OPENAT2) && defined(SYS_openat2)
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    return (int)syscall(SYS_openat2, folder, path, &how, sizeof how);
#else
    (void)folder;
    (void)path;
    errno = ENOSYS;
    return -1;
#endif
}

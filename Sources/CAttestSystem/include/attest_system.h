#ifndef ATTEST_SYSTEM_H
#define ATTEST_SYSTEM_H

/// Atomically exchanges two paths (both must exist) on the same file system.
/// Returns 0 on success, -1 with errno set otherwise (e.g. ENOSYS or EINVAL where the file
/// system or kernel cannot exchange).
int attest_exchange_paths(const char *first, const char *second);

#endif

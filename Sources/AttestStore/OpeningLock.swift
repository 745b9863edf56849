import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory file lock (`flock`) held while a store is created, opened and migrated, so two
/// processes opening the same new store do not both try to create its tables.
///
/// Only writers take it, and only once the file is known to be an Attest store or absent, so
/// no lock file appears beside another program's file; readers never need it.
struct OpeningLock {
    private let descriptor: Int32

    /// Waits up to `timeout` seconds for the lock at `path` (created if needed).
    init(path: String, timeout: TimeInterval) throws(StoreError) {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError(
                code: .io, path: path,
                detail: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw StoreError(code: .busy, path: path, detail: "another attest holds the store")
            }
            usleep(20_000)
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random access to the bytes of a zip archive: in memory, or a file read piece by piece so
/// that verifying a large bundle never loads it whole.
protocol ZipSource {
    /// The archive's length in bytes.
    var size: UInt64 { get }
    /// Exactly `count` bytes at `offset`.
    ///
    /// - Throws: `BundleError.unreadable` when the range is not inside the archive.
    func read(at offset: UInt64, count: Int) throws(BundleError) -> Data
}

extension ZipSource {
    func checkRange(_ offset: UInt64, _ count: Int) throws(BundleError) {
        guard count >= 0, offset <= size, UInt64(count) <= size - offset else {
            throw BundleError(
                code: .unreadable,
                detail: "the zip refers to \(count) bytes at \(offset), past its end (\(size))")
        }
    }
}

/// A zip held in memory.
struct DataZipSource: ZipSource {
    let data: Data

    init(_ data: Data) {
        // A slice's indices need not start at zero; offsets below are from the first byte.
        self.data = Data(data)
    }

    var size: UInt64 { UInt64(data.count) }

    func read(at offset: UInt64, count: Int) throws(BundleError) -> Data {
        try checkRange(offset, count)
        let start = Int(offset)
        return data.subdata(in: start..<start + count)
    }
}

/// A zip file on disk, read with `pread(2)` from one descriptor: what is read is one file,
/// whatever happens to its path meanwhile.
final class FileZipSource: ZipSource {
    let path: String
    let size: UInt64
    private let descriptor: Int32

    /// Opens `url`, which must be a regular file (a FIFO or a device is not a bundle).
    init(_ url: URL) throws(BundleError) {
        path = url.path
        let opened = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard opened >= 0 else {
            throw BundleError(
                code: .unreadable,
                detail: "cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(opened, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(opened)
            throw BundleError(code: .unreadable, detail: "\(url.path) is not a regular file")
        }
        _ = fcntl(opened, F_SETFL, 0)
        descriptor = opened
        size = UInt64(status.st_size)
    }

    deinit { close(descriptor) }

    func read(at offset: UInt64, count: Int) throws(BundleError) -> Data {
        try checkRange(offset, count)
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return pread(
                    descriptor, base + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                throw BundleError(
                    code: .unreadable,
                    detail: "cannot read \(path) at \(offset): "
                        + (got == 0
                            ? "the file is shorter than it was" : String(cString: strerror(errno))))
            }
            done += got
        }
        return Data(buffer)
    }
}

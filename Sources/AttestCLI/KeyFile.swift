import Foundation

/// A key file named on the command line (`--key`, `--public-key`): the operator's choice, so it
/// may lie outside the workspace, but it is still read as a small regular file — a FIFO or
/// `/dev/zero` given by mistake must neither hang nor exhaust memory.
enum KeyFile {
    /// PEM keys are a few hundred bytes; anything past this is not a key.
    static let maxBytes = 64 * 1024

    /// The bytes of the key file at `path`.
    ///
    /// - Throws: `UnreadableInput` (exit status 2) naming the path and the reason.
    static func read(_ path: String) throws -> Data {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw UnreadableInput(description: "cannot read the key \(path): it does not exist")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw UnreadableInput(description: "the key \(path) is not a regular file")
        }
        guard Int(status.st_size) <= maxBytes,
            let handle = FileHandle(forReadingAtPath: path),
            let data = try? handle.read(upToCount: maxBytes + 1), data.count <= maxBytes
        else {
            throw UnreadableInput(
                description: "the key \(path) cannot be read or is larger than \(maxBytes) bytes")
        }
        try? handle.close()
        return data
    }
}

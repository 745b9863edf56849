import Foundation

/// The one rule for an output file that may already exist: it is replaced only when it is a
/// regular file (never a link) whose beginning shows Attest wrote it. Only the first bytes of
/// the operator's `--out` are read, never the whole file.
enum ReplaceableFile {
    /// Returns when nothing is at `destination` or `isAttests` recognises its first `head`
    /// bytes; throws `UnreadableInput` with `refusal` otherwise.
    static func check(
        _ destination: URL, head: Int, refusal: String, isAttests: (Data) -> Bool
    ) throws {
        guard
            let attributes = try? FileManager.default.attributesOfItem(atPath: destination.path)
        else { return }
        if attributes[.type] as? FileAttributeType == .typeRegular,
            let handle = FileHandle(forReadingAtPath: destination.path)
        {
            defer { try? handle.close() }
            if let bytes = try? handle.read(upToCount: head), isAttests(bytes) { return }
        }
        throw UnreadableInput(description: refusal)
    }
}

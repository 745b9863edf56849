import AttestSystem
import Crypto
import Foundation

/// SHA-256 as lower-case hex, the form stored in results and printed for auditors.
enum ContentHash {
    /// The digest of `data`.
    static func sha256(_ data: Data) -> String {
        Hex.encode(SHA256.hash(data: data))
    }

    /// The digest of a confined workspace file, read in chunks so large artifacts are not
    /// held in memory.
    ///
    /// - Throws: `ConfinementError` when reading fails or passes the file's limit.
    static func sha256(of file: ConfinedFile) throws(ConfinementError) -> String {
        var hasher = SHA256()
        while true {
            let chunk = try file.read()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return Hex.encode(hasher.finalize())
    }

    /// Whether `text` is a well-formed lower-case hex SHA-256 (64 characters).
    static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

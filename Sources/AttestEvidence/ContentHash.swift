import AttestSystem
import Crypto
import Foundation

/// SHA-256 as lower-case hex, the form stored in results and printed for auditors.
enum ContentHash {
    /// The digest of `data`.
    static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
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
        return hex(hasher.finalize())
    }

    /// Lower-case hex of any digest or byte sequence.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is a well-formed lower-case hex SHA-256 (64 characters).
    static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

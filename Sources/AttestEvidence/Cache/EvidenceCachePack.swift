import Crypto
import Foundation

/// The file an evidence cache is kept in between builds, authenticated with a key the
/// workspace does not hold.
///
/// Layout: the magic line `ATTEST-EVIDENCE-CACHE-1\n`; the build ID's length (one byte) and
/// the build ID of the Attest that wrote it; the entry count (8 bytes); each entry's 32-byte ID,
/// payload length (a variable-length count) and payload, in ID order; then HMAC-SHA256 of
/// everything before it. A pack whose code does not verify, or that another build of Attest
/// wrote, is not read at all.
public enum EvidenceCachePack {
    static let magic = Array("ATTEST-EVIDENCE-CACHE-1\n".utf8)
    /// The largest pack read or written: the generated workspace of 100,000 results makes
    /// one of 30 MB (value trees are kept to what assertions and summaries read).
    public static let maxBytes = 256 << 20

    /// Why a pack was not used; the build then makes every reading.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notAuthentic
        case otherBuild
        case damaged

        public var description: String {
            switch self {
            case .notAuthentic:
                "its authentication code does not verify with this key (it was changed, or "
                    + "written with another key)"
            case .otherBuild: "another build of attest wrote it"
            case .damaged: "it is damaged"
            }
        }
    }

    /// The cache held in `data`, when its code verifies under `key` and `buildID` wrote it.
    public static func read(
        _ data: Data, key: SymmetricKey, buildID: [UInt8]
    ) -> Result<EvidenceCache, Problem> {
        let codeSize = SHA256.byteCount
        guard data.count >= magic.count + codeSize else { return .failure(.damaged) }
        let body = data.prefix(data.count - codeSize)
        let code = data.suffix(codeSize)
        guard HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: key)
        else { return .failure(.notAuthentic) }
        return data.withUnsafeBytes { raw -> Result<EvidenceCache, Problem> in
            let bytes = raw.bindMemory(to: UInt8.self)
            var reader = CacheReader(UnsafeBufferPointer(rebasing: bytes[..<body.count]))
            do throws(CacheReader.Damaged) {
                guard Array(try reader.take(magic.count)) == magic else {
                    return .failure(.damaged)
                }
                let idLength = Int(try reader.byte())
                guard Array(try reader.take(idLength)) == buildID else {
                    return .failure(.otherBuild)
                }
                let count = try reader.word()
                var kept: [EvidenceCache.ID: Range<Int>] = [:]
                kept.reserveCapacity(Int(min(count, UInt64(body.count / 33))))
                var index: UInt64 = 0
                while index < count {
                    let id = EvidenceCache.ID(digest: UnsafeRawBufferPointer(try reader.take(32)))
                    let length = try reader.count()
                    let start = reader.index
                    _ = try reader.take(length)
                    kept[id] = start..<(start + length)
                    index += 1
                }
                guard reader.isAtEnd else { return .failure(.damaged) }
                return .success(EvidenceCache(pack: data, kept: kept))
            } catch {
                return .failure(.damaged)
            }
        }
    }

    /// The pack of `cache` for the next build: see ``EvidenceCache/nextEntries(keepingUnused:)``.
    public static func write(
        _ cache: EvidenceCache, key: SymmetricKey, buildID: [UInt8], keepingUnused: Bool
    ) -> Data {
        let entries = cache.nextEntries(keepingUnused: keepingUnused)
        // Sized once: an entry is its ID, at most 10 bytes of length and its payload.
        let payloads = entries.reduce(0) { $0 + $1.source.count }
        var data = Data()
        data.reserveCapacity(
            magic.count + 1 + buildID.count + 8 + entries.count * 42 + payloads
                + SHA256.byteCount)
        data.append(contentsOf: magic)
        data.append(UInt8(buildID.count))
        data.append(contentsOf: buildID)
        withUnsafeBytes(of: UInt64(entries.count).littleEndian) { data.append(contentsOf: $0) }
        var length = CacheWriter()
        for (id, source) in entries {
            id.append(to: &data)
            length.reset()
            length.count(source.count)
            data.append(contentsOf: length.bytes)
            cache.withPayload(of: source) { data.append(contentsOf: $0) }
        }
        data.append(contentsOf: HMAC<SHA256>.authenticationCode(for: data, using: key))
        return data
    }
}

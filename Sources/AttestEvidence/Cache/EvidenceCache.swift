import AttestCore
import Crypto
import Foundation
import Synchronization

/// The readings of evidence files one build reuses from an earlier one, and those it adds
/// (docs/evidence-cache.md).
///
/// A reading is what a parser made of a file's bytes (a JSON or YAML value tree, a JUnit
/// report's totals) or the fact that a signature verified; it is found by the digest of the
/// question asked (which reading, with which options) and of the exact bytes read, which every
/// build reads and hashes again. Judging a reading (against `expect:`, the build's time, the
/// exceptions register, the keyring) is never cached, so a result from a cached reading is the
/// result of a fresh parse. The pack a build starts from was authenticated when it was
/// loaded (``EvidenceCachePack``); a reading that does not decode is made again.
public final class EvidenceCache: Sendable {
    /// A question's digest: SHA-256 of what was asked and of the bytes it was asked of.
    struct ID: Hashable, Comparable, Sendable {
        var first: UInt64, second: UInt64, third: UInt64, fourth: UInt64

        /// The digest of `tag` and of `blobs`, each blob preceded by its length, so no two
        /// lists of blobs share a digest.
        init(tag: String, _ blobs: [Data]) {
            var hasher = SHA256()
            hasher.update(data: Data(tag.utf8))
            for blob in blobs {
                withUnsafeBytes(of: UInt64(blob.count).littleEndian) {
                    hasher.update(bufferPointer: $0)
                }
                hasher.update(data: blob)
            }
            self = hasher.finalize().withUnsafeBytes { ID(digest: $0) }
        }

        /// The first 32 bytes of `digest`, big-endian in four words.
        init(digest: UnsafeRawBufferPointer) {
            func word(_ offset: Int) -> UInt64 {
                var value: UInt64 = 0
                for index in offset..<min(offset + 8, digest.count) {
                    value |= UInt64(digest[index]) << (8 * UInt64(7 - (index - offset)))
                }
                return value
            }
            (first, second, third, fourth) = (word(0), word(8), word(16), word(24))
        }

        /// The digest of `parts`, each followed by a zero byte (no part holds one: they are
        /// names, hex digests and option texts).
        init(_ parts: [String]) {
            var hasher = SHA256()
            let separator: [UInt8] = [0]
            for var part in parts {
                part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
                separator.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            }
            self = hasher.finalize().withUnsafeBytes { ID(digest: $0) }
        }

        /// Appends the 32 bytes to `data`.
        func append(to data: inout Data) {
            for word in [first, second, third, fourth] {
                withUnsafeBytes(of: word.bigEndian) { data.append(contentsOf: $0) }
            }
        }

        static func < (lhs: ID, rhs: ID) -> Bool {
            (lhs.first, lhs.second, lhs.third, lhs.fourth)
                < (rhs.first, rhs.second, rhs.third, rhs.fourth)
        }
    }

    private struct State {
        var used: Set<ID> = []
        var made: [ID: [UInt8]] = [:]
    }

    /// The authenticated pack the build started from, and where each entry's payload is in it.
    private let pack: Data
    private let kept: [ID: Range<Int>]
    private let state = Mutex(State())

    /// A cache with nothing in it: every reading is made, and kept for the next build.
    public convenience init() { self.init(pack: Data(), kept: [:]) }

    init(pack: Data, kept: [ID: Range<Int>]) {
        self.pack = pack
        self.kept = kept
    }

    /// How many entries the build started from.
    public var entriesLoaded: Int { kept.count }

    /// Whether the next pack would hold what this build started from: every entry used,
    /// none made. The pack is then not written again (the usual repeat build).
    public var isUnchanged: Bool {
        state.withLock { $0.made.isEmpty && $0.used.count == kept.count }
    }

    /// How many readings came from the cache, and how many were made and added to it.
    public var counts: (reused: Int, made: Int) {
        state.withLock { ($0.used.count, $0.made.count) }
    }

    /// The reading `question` asks of `file`: decoded from the cache when it holds one, made
    /// (and kept for the next build) otherwise. A reading that fails (`make` throws) is not
    /// kept: the next build tries again and gives the same error.
    func reading<Value, Failure: Error>(
        _ question: CacheQuestion, of file: ArtifactFile,
        decode: (inout CacheReader) throws(CacheReader.Damaged) -> Value,
        encode: (inout CacheWriter, Value) -> Bool,
        make: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let id = ID([question.kind, question.options, file.path.relative, file.sha256])
        if let range = kept[id] {
            let decoded: Value? = pack.withUnsafeBytes { raw in
                var reader = CacheReader(
                    UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range]))
                guard let value = try? decode(&reader), reader.isAtEnd else { return nil }
                return value
            }
            if let decoded {
                state.withLock { _ = $0.used.insert(id) }
                return decoded
            }
        }
        let value = try make()
        var writer = CacheWriter()
        if encode(&writer, value) {
            let bytes = writer.bytes
            state.withLock { $0.made[id] = bytes }
        }
        return value
    }

    /// Whether a fact with no payload (a signature that verified) was recorded, marking it
    /// used so the next pack keeps it.
    func holds(_ id: ID) -> Bool {
        if kept[id] != nil {
            state.withLock { _ = $0.used.insert(id) }
            return true
        }
        return state.withLock { $0.made[id] != nil }
    }

    /// Records a fact with no payload, for ``holds(_:)`` in later builds.
    func record(_ id: ID) {
        state.withLock { $0.made[id] = [] }
    }

    /// Where an entry for the next build comes from: this build's pack, or what it made.
    enum Source {
        case kept(Range<Int>)
        case made([UInt8])
    }

    /// The entries the next build should start from, in ID order: those this build used or
    /// made, and, when `keepingUnused` (a build that collected only part of the workspace),
    /// those it did not ask about. Each is handed to `body` with its payload, without copying
    /// the pack.
    func forEachEntry(
        keepingUnused: Bool, _ body: (ID, UnsafeRawBufferPointer) -> Void
    ) -> Int {
        let (used, made) = state.withLock { ($0.used, $0.made) }
        var sources: [(ID, Source)] = made.map { ($0.key, .made($0.value)) }
        for (id, range) in kept where made[id] == nil && (keepingUnused || used.contains(id)) {
            sources.append((id, .kept(range)))
        }
        sources.sort { $0.0 < $1.0 }
        pack.withUnsafeBytes { raw in
            for (id, source) in sources {
                switch source {
                case .kept(let range): body(id, UnsafeRawBufferPointer(rebasing: raw[range]))
                case .made(let bytes): bytes.withUnsafeBytes { body(id, $0) }
                }
            }
        }
        return sources.count
    }

    /// How many entries ``forEachEntry(keepingUnused:_:)`` hands over, and their payloads' bytes.
    func entryTotals(keepingUnused: Bool) -> (count: Int, bytes: Int) {
        let (used, made) = state.withLock { ($0.used, $0.made) }
        var totals = (count: made.count, bytes: made.values.reduce(0) { $0 + $1.count })
        for (id, range) in kept where made[id] == nil && (keepingUnused || used.contains(id)) {
            totals.count += 1
            totals.bytes += range.count
        }
        return totals
    }
}

/// Which reading is asked of a file: the kind of reading, and the options that change what
/// it makes (a keep filter's paths). Two questions with equal texts must make equal readings.
struct CacheQuestion {
    var kind: String
    var options = ""
}

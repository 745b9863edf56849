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

        /// The digest of `tag` and of `parts`, each preceded by its length, so no two lists
        /// of parts share a digest.
        init(tag: String, _ parts: [Data]) {
            var hasher = SHA256()
            for part in [Data(tag.utf8)] + parts {
                withUnsafeBytes(of: UInt64(part.count).littleEndian) {
                    hasher.update(bufferPointer: $0)
                }
                hasher.update(data: part)
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
        let id = ID(
            tag: question.kind,
            [Data(question.options.utf8), Data(file.path.relative.utf8), Data(file.sha256.utf8)])
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

        var count: Int {
            switch self {
            case .kept(let range): range.count
            case .made(let bytes): bytes.count
            }
        }
    }

    /// The entries the next build should start from, in ID order: those this run used or
    /// made, and, when `keepingUnused` (a run that read only part of the workspace: `collect
    /// --only`, or `validate`, which reads only attestations), those it did not ask about.
    func nextEntries(keepingUnused: Bool) -> [(id: ID, source: Source)] {
        let (used, made) = state.withLock { ($0.used, $0.made) }
        var entries: [(id: ID, source: Source)] = made.map { ($0.key, .made($0.value)) }
        for (id, range) in kept where made[id] == nil && (keepingUnused || used.contains(id)) {
            entries.append((id, .kept(range)))
        }
        return entries.sorted { $0.id < $1.id }
    }

    /// Hands `source`'s payload to `body` without copying the pack.
    func withPayload<Result>(
        of source: Source, _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        switch source {
        case .kept(let range):
            pack.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        case .made(let bytes): bytes.withUnsafeBytes(body)
        }
    }
}

/// Which reading is asked of a file: the kind of reading, and the options that change what
/// it makes (a keep filter's paths). Two questions with equal texts must make equal readings.
struct CacheQuestion {
    var kind: String
    var options = ""
}

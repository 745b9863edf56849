import AttestCatalog
import AttestCore
import AttestSystem
import AttestTestSupport
import Crypto
import Foundation
import Testing

@testable import AttestEvidence

/// The evidence cache (docs/evidence-cache.md): a reading decoded from it is the reading a
/// parser makes, a build that starts from a pack gives the results of a build without one,
/// and a pack that was changed, or written by another key or another build, is not read.
@Suite struct EvidenceCacheTests {
    static let key = SymmetricKey(data: Data(repeating: 7, count: 32))
    static let buildID: [UInt8] = Array("a build of attest".utf8)

    /// The varied workspace of the shared-read equivalence test: every file-reading collector,
    /// malformed documents, links, limits, signed statements.
    static func collect(
        with cache: EvidenceCache?, in workspace: TemporaryWorkspace, outside: TemporaryWorkspace
    ) async -> String {
        var context = Kit.context(root: workspace.root)
        context.cache = cache
        let results = await EvidenceRunner(registry: Kit.registry, jobs: 2).run(
            EquivalenceWorkspace.specs(), context: context)
        return EquivalenceWorkspace.render(
            results, roots: [workspace.root.path, outside.root.path])
    }

    static func repacked(_ cache: EvidenceCache) throws -> EvidenceCache {
        let pack = EvidenceCachePack.write(
            cache, key: key, buildID: buildID, keepingUnused: false)
        return try EvidenceCachePack.read(pack, key: key, buildID: buildID).get()
    }

    @Test func aBuildFromThePackGivesTheResultsOfParsingEveryFile() async throws {
        let workspace = try TemporaryWorkspace()
        let outside = try TemporaryWorkspace()
        try EquivalenceWorkspace.write(into: workspace, outside: outside)
        let parsed = await Self.collect(with: nil, in: workspace, outside: outside)

        let first = EvidenceCache()
        #expect(await Self.collect(with: first, in: workspace, outside: outside) == parsed)
        let made = first.counts.made
        #expect(first.counts.reused == 0)
        // Readings of json, yaml, sarif, junit and attestation files, and verified signatures.
        #expect(made >= 30, "\(made) readings made")

        let second = try Self.repacked(first)
        #expect(second.entriesLoaded == made)
        let again = await Self.collect(with: second, in: workspace, outside: outside)
        for (one, other) in zip(again.split(separator: "\n"), parsed.split(separator: "\n"))
        where one != other {
            Issue.record("from the pack: \(one)\n     parsed: \(other)")
        }
        #expect(again == parsed)
        #expect(second.counts.made == 0)
        #expect(second.counts.reused == made)
        // Nothing to write back: the pack on disk already holds exactly these entries.
        #expect(second.isUnchanged)
        #expect(!first.isUnchanged)
    }

    @Test func aChangedFileIsReadAgainAndItsOldReadingDropped() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("e/policy.json", #"{"mfa": {"required": true}}"#)
        let spec = Kit.spec(.json, path: "e/policy.json", options: "expect: { mfa.required: true }")
        var context = Kit.context(root: workspace.root)
        let runner = EvidenceRunner(registry: Kit.registry, jobs: 1)

        context.cache = EvidenceCache()
        #expect(await runner.run([spec], context: context)[0].status == .pass)
        let warm = try Self.repacked(try #require(context.cache))
        try workspace.write("e/policy.json", #"{"mfa": {"required": false}}"#)
        context.cache = warm
        let changed = await runner.run([spec], context: context)[0]
        #expect(changed.status == .fail, "\(changed.message)")
        #expect(warm.counts.reused == 0)
        #expect(warm.counts.made == 1)
        #expect(!warm.isUnchanged)
        // The next pack holds the new reading only.
        #expect(try Self.repacked(warm).entriesLoaded == 1)
    }

    @Test func aReadingIsAskedForWithItsOptions() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("e/policy.json", #"{"mfa": {"required": true}, "sso": {"on": true}}"#)
        let runner = EvidenceRunner(registry: Kit.registry, jobs: 1)
        var context = Kit.context(root: workspace.root)
        context.cache = EvidenceCache()
        let mfa = Kit.spec(.json, path: "e/policy.json", options: "expect: { mfa.required: true }")
        _ = await runner.run([mfa], context: context)
        context.cache = try Self.repacked(try #require(context.cache))
        // Another path of the same file: the reading kept for `mfa` holds no `sso`.
        let sso = Kit.spec(.json, path: "e/policy.json", options: "expect: { sso.on: true }")
        let result = await runner.run([sso], context: context)[0]
        #expect(result.status == .pass, "\(result.message)")
        #expect(context.cache?.counts.made == 1)
    }

    @Test func aPackIsReadOnlyWithItsKeyUnchangedAndFromThisBuild() throws {
        let cache = EvidenceCache()
        let file = ArtifactFile(
            path: try WorkspacePath("a.json"), url: URL(fileURLWithPath: "/a.json"),
            data: Data("{}".utf8), sha256: ContentHash.sha256(Data("{}".utf8)))
        _ = cache.reading(
            CacheQuestion(kind: "json"), of: file,
            decode: { (reader: inout CacheReader) throws(CacheReader.Damaged) in
                try reader.value(file: "a.json")
            },
            encode: { $0.value($1, file: "a.json") },
            make: { ConfigValue(.mapping([]), at: .start(of: "a.json")) })
        let pack = EvidenceCachePack.write(
            cache, key: Self.key, buildID: Self.buildID, keepingUnused: false)
        #expect(
            (try? EvidenceCachePack.read(pack, key: Self.key, buildID: Self.buildID).get())?
                .entriesLoaded == 1)

        let otherKey = SymmetricKey(data: Data(repeating: 8, count: 32))
        #expect(
            EvidenceCachePack.read(pack, key: otherKey, buildID: Self.buildID).problem
                == .notAuthentic)
        #expect(
            EvidenceCachePack.read(pack, key: Self.key, buildID: Array("another".utf8)).problem
                == .otherBuild)
        // Every single byte changed, anywhere, and every cut: never read.
        for index in pack.indices {
            var changed = pack
            changed[index] ^= 0x01
            #expect(
                EvidenceCachePack.read(changed, key: Self.key, buildID: Self.buildID).problem != nil
            )
        }
        for length in 0..<pack.count {
            let cut = pack.prefix(length)
            #expect(
                EvidenceCachePack.read(cut, key: Self.key, buildID: Self.buildID).problem != nil)
        }
    }

    @Test func valuesComeBackAsTheyWereWritten() throws {
        let documents = [
            #"{"a": [1, 2.5e3, -0, "x\u00e9\ud83d\ude00", true, null, {}], "": {"k": []}}"#,
            #"[[[[[]]]], {"key with spaces": "line\nbreak", "é": "\u0000"}]"#,
            #""just a string""#, "42",
        ]
        for (index, text) in documents.enumerated() {
            let name = "e/doc-\(index).json"
            let value = try JSONReader(file: name).parse(Data(text.utf8))
            #expect(try Self.roundTrip(value, file: name) == value)
        }
        let yaml = """
            plain: 1.3
            quoted: "1.3"
            single: 'it''s'
            block: |
              two
              lines
            list:
              - a
              - { b: c }
            """
        let value = try YAMLDocument.evidence(Data(yaml.utf8), display: "e/doc.yaml")
        #expect(try Self.roundTrip(value, file: "e/doc.yaml") == value)
        // Positions far down a file, and a value naming another file is not written.
        let far = ConfigValue(
            .scalar("x", isQuoted: false),
            at: SourcePosition(file: "f", line: 4_000_000_000, column: 70_000))
        #expect(try Self.roundTrip(far, file: "f") == far)
        var writer = CacheWriter()
        let written = writer.value(far, file: "g")
        #expect(!written)
    }

    @Test func damagedPayloadsAreRefusedNotCrashedOn() throws {
        let value = try JSONReader(file: "d.json").parse(
            Data(#"{"a": {"b": [1, "two", {"c": null}]}, "d": "é"}"#.utf8))
        var writer = CacheWriter()
        let written = writer.value(value, file: "d.json")
        #expect(written)
        let bytes = writer.bytes
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) {
                damaged.removeLast(Int.random(in: 0..<damaged.count, using: &generator))
            }
            // Either an error or some value: never a trap, never a runaway allocation.
            _ = damaged.withUnsafeBufferPointer { buffer in
                var reader = CacheReader(buffer)
                return try? reader.value(file: "d.json")
            }
        }
        // A nesting deeper than a reader accepts is neither written nor read.
        var deep = ConfigValue(.sequence([]), at: .start(of: "d"))
        for _ in 0...CacheReader.maxDepth {
            deep = ConfigValue(.sequence([deep]), at: .start(of: "d"))
        }
        var deepWriter = CacheWriter()
        let deepWritten = deepWriter.value(deep, file: "d")
        #expect(!deepWritten)
    }

    static func roundTrip(_ value: ConfigValue, file: String) throws -> ConfigValue {
        var writer = CacheWriter()
        let written = writer.value(value, file: file)
        #expect(written)
        return try writer.bytes.withUnsafeBufferPointer { buffer throws(CacheReader.Damaged) in
            var reader = CacheReader(buffer)
            let read = try reader.value(file: file)
            guard reader.isAtEnd else { throw CacheReader.Damaged() }
            return read
        }
    }

    /// The yaml collector cuts the tree libyaml built with the filter the JSON reader parses
    /// with; both must keep the same parts, or a YAML and a JSON document would be judged
    /// differently.
    @Test func cuttingATreeKeepsWhatTheJSONReaderKeeps() throws {
        let documents = [
            #"{"a": {"b": 1, "c": [1, {"b": 2}], "d": null}, "e": [{"a": 1}, 2, [3]], "f": "x"}"#,
            #"[{"a": {"b": [1, 2]}}, {"a": 3}, "s", {"e": {}}]"#,
            #"{"runs": [{"results": [{"level": "error", "kind": "fail", "x": 1}]}], "version": "2.1.0"}"#,
            #"  "scalar"  "#, "{}", "[]",
        ]
        let whole = KeepFilter.everything
        let filters: [KeepFilter?] = [
            nil, whole, .key("a", whole), .key("a", .key("b", whole)), .key("e", .items(whole)),
            .key("e", .items(.key("a", whole))), .items(.key("a", .key("b", .items(whole)))),
            .parts(keys: ["a": .key("c", .items(.key("b", whole))), "f": whole], items: nil),
            .key("a", .items(whole)), .items(.items(whole)), .parts(keys: nil, items: nil),
            SARIFSummary.keepFilter, .key("missing", whole),
        ]
        for (index, text) in documents.enumerated() {
            let name = "d\(index).json"
            let full = try JSONReader(file: name).parse(Data(text.utf8))
            for filter in filters {
                let parsed = try JSONReader(file: name).parse(Data(text.utf8), keeping: filter)
                let cut =
                    full.kept(by: filter)
                    ?? ConfigValue(.scalar("null", isQuoted: false), at: full.position)
                #expect(cut == parsed, "\(text) with \(filter.cacheText)")
            }
        }
    }

    @Test func filtersAreAskedForByTheirWholeShape() {
        let whole = KeepFilter.everything
        let filters: [KeepFilter?] = [
            nil, whole, .key("a", whole), .key("b", whole), .key("a", .key("b", whole)),
            .items(whole), .items(.key("a", whole)),
            .parts(keys: ["a": whole, "b": whole], items: nil),
            .key("1:a=", whole), .key("1", .key("a=", whole)),
        ]
        let texts = filters.map(\.cacheText)
        #expect(Set(texts).count == texts.count, "\(texts)")
        // Two spellings of one filter (every item, whole) may share a text: they keep the same.
        #expect(
            KeepFilter.parts(keys: nil, items: nil).cacheText == KeepFilter.items(whole).cacheText)
        // Keys in any order give one text.
        #expect(
            KeepFilter.parts(keys: ["b": whole, "a": .items(whole)], items: nil).cacheText
                == KeepFilter.parts(keys: ["a": .items(whole), "b": whole], items: nil).cacheText)
    }
}

extension Result {
    /// The failure, or nil on success.
    fileprivate var problem: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

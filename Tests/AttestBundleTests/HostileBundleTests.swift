import AttestTestSupport
import Crypto
import Foundation
import Testing
import ZIPFoundation

@testable import AttestBundle

/// Bundles written by an attacker: zip bombs, headers that disagree, a manifest that lists an
/// entry twice. Each is refused, and the expensive ones are refused before anything is
/// inflated.
@Suite struct HostileBundleTests {
    let base = BundleTests()

    /// The entries of a valid bundle, and its manifest.
    func validParts() throws -> ([(String, Data)], BundleManifest) {
        let parts = try base.entries(try BundleTests.make())
        let manifestData = try #require(parts.first { $0.0 == "manifest.json" }?.1)
        return (parts, try JSONDecoder().decode(BundleManifest.self, from: manifestData))
    }

    /// `parts` with `manifest` signed by `key` in place of the original manifest and signature.
    func resigned(
        _ parts: [(String, Data)], _ manifest: BundleManifest,
        key: Curve25519.Signing.PrivateKey = BundleTests.key
    ) throws -> [(String, Data)] {
        let data = try manifest.encoded()
        let signature = try key.signature(for: data).base64EncodedString() + "\n"
        return parts.map { name, bytes in
            switch name {
            case "manifest.json": (name, data)
            case "manifest.sig": (name, Data(signature.utf8))
            default: (name, bytes)
            }
        }
    }

    func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
        let clock = ContinuousClock()
        var result: T?
        let elapsed = try clock.measure { result = try body() }
        return (result!, elapsed)
    }

    @Test func theHandWrittenDeflateStreamInflatesToZeros() throws {
        let stream = DeflateBomb.stream(repeats: 10)
        var out = Data()
        _ = try Data.decompress(
            size: Int64(stream.count), bufferSize: stream.count, skipCRC32: true,
            provider: { position, size in
                stream.subdata(in: Int(position)..<min(stream.count, Int(position) + size))
            },
            consumer: { out.append($0) })
        #expect(out.count == DeflateBomb.inflatedSize(repeats: 10))
        #expect(out.allSatisfy { $0 == 0 })
    }

    @Test func aLocalHeaderNameThatDiffersFromTheCentralOneIsRefused() throws {
        let (parts, _) = try validParts()
        var zip = RawZip(stored: parts)
        let index = try #require(zip.entries.firstIndex { $0.name == "reports/demo/readiness.csv" })
        // `unzip` extracts by the local name: the recipient would get a file nobody signed for.
        zip.entries[index].localName = "reports/demo/readiness.exe"
        let report = try base.verify(zip.bytes())
        #expect(!report.isValid)
        #expect(
            report.problems.map(\.code) == [.headerMismatch],
            "\(report.problems)")
        #expect(report.problems.first?.entry == "reports/demo/readiness.csv")
    }

    @Test func aManifestListingAnEntryTwiceIsRefused() throws {
        var (parts, manifest) = try validParts()
        let listed = try #require(manifest.entries.first { $0.path == "signer.pub" })
        manifest.entries.append(listed)
        manifest.entries.sort { $0.path < $1.path }
        parts = try resigned(parts, manifest)
        let report = try base.verify(RawZip(stored: parts).bytes())
        #expect(!report.isValid)
        #expect(report.problems.map(\.code) == [.listedTwice], "\(report.problems)")
        #expect(report.problems.first?.entry == "signer.pub")
    }

    @Test func twoZipEntriesOfOneNameAreRefused() throws {
        let (parts, _) = try validParts()
        let csv = try #require(parts.first { $0.0 == "reports/demo/readiness.csv" })
        let report = try base.verify(
            RawZip(stored: parts + [(csv.0, Data("other bytes".utf8))]).bytes())
        #expect(!report.isValid)
        #expect(report.problems.map(\.code) == [.duplicateEntry], "\(report.problems)")
        #expect(report.problems.first?.entry == "reports/demo/readiness.csv")
    }

    /// Three 400 MiB entries of zeros, about 2.6 MB each compressed, in a bundle whose signature
    /// is wrong: 1.2 GB to inflate for a verifier that reads every entry first.
    static let bombRepeats = 203_200

    @Test func aZipBombBehindABadSignatureIsRefusedWithoutInflatingIt() async throws {
        let (parts, manifest) = try validParts()
        let forger = try BundleKeys.privateKey(pem: BundleKeys.generate().privateKey)
        var zip = RawZip(stored: try resigned(parts, manifest, key: forger))
        let bomb = DeflateBomb.stream(repeats: Self.bombRepeats)
        for index in 1...3 {
            zip.entries.append(
                .init(
                    "reports/demo/bomb-\(index).bin", bomb, method: 8,
                    uncompressedSize: UInt32(DeflateBomb.inflatedSize(repeats: Self.bombRepeats)),
                    crc32: 0))
        }
        let bytes = zip.bytes()
        let (report, elapsed) = try timed { try base.verify(bytes) }
        #expect(!report.isValid)
        #expect(report.manifest == nil)
        // Before the fix: 37 s and 1.3 GB. The margins absorb a loaded machine: this checks that
        // nothing is inflated, not speed.
        #expect(elapsed < .seconds(10), "verification took \(elapsed)")

        // The real command, too.
        let folder = try TemporaryWorkspace()
        let url = try folder.write("bomb.zip", bytes)
        let key = try folder.write("key.pub", BundleKeys.pem(BundleTests.publicKey))
        // The real command refuses it too (how fast is the in-process check's to say; a whole
        // process on a loaded machine is not a timing instrument).
        let result = try await AttestBinary.run(
            ["verify", url.path, "--public-key", key.path], in: folder.root)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(
            result.standardOutput.contains("bundle.bad-signature")
                || result.standardError.contains("signature"), "\(result.standardOutput)")
    }

    @Test func anEntryThatInflatesPastItsDeclaredSizeIsStoppedThere() throws {
        var (parts, manifest) = try validParts()
        let declared = Data(count: 1000)
        manifest.entries.append(
            .init(
                path: "reports/demo/bomb.bin", sha256: SHA256.hash(data: declared).hex,
                size: declared.count))
        manifest.entries.sort { $0.path < $1.path }
        parts = try resigned(parts, manifest)
        var zip = RawZip(stored: parts)
        // 1 GiB of zeros behind a header that says 1000 bytes (and the CRC of those 1000).
        zip.entries.append(
            .init(
                "reports/demo/bomb.bin", DeflateBomb.stream(repeats: 520_000), method: 8,
                uncompressedSize: 1000, crc32: declared.crc32(checksum: 0)))
        let bytes = zip.bytes()
        let (report, elapsed) = try timed { try base.verify(bytes) }
        #expect(!report.isValid)
        #expect(report.problems.map(\.code) == [.unreadableEntry], "\(report.problems)")
        #expect(report.problems.first?.entry == "reports/demo/bomb.bin")
        #expect(elapsed < .seconds(5), "verification took \(elapsed) (17 s before)")
    }

    @Test func theReadmeNamesTheSignersFingerprint() throws {
        let (parts, manifest) = try validParts()
        let readme = String(
            decoding: try #require(parts.first { $0.0 == "README.txt" }?.1), as: UTF8.self)
        let fingerprints = readme.matches(of: /[0-9a-f]{64}/).map { String($0.output) }
        #expect(fingerprints == [manifest.signerFingerprint])
        #expect(manifest.signerFingerprint == BundleKeys.fingerprint(BundleTests.publicKey))
    }

    // MARK: - What is read

    /// A zip in memory that remembers every byte range read from it.
    final class RecordingSource: ZipSource {
        let inner: DataZipSource
        var ranges: [Range<UInt64>] = []

        init(_ data: Data) { inner = DataZipSource(data) }

        var size: UInt64 { inner.size }

        func read(at offset: UInt64, count: Int) throws(BundleError) -> Data {
            ranges.append(offset..<offset + UInt64(count))
            return try inner.read(at: offset, count: count)
        }

        func touched(_ range: Range<Int>) -> Bool {
            let range = UInt64(range.lowerBound)..<UInt64(range.upperBound)
            return ranges.contains { $0.overlaps(range) }
        }
    }

    /// The entries of `zip` whose data was read, but the three the signature needs.
    func read(_ zip: RawZip, by source: RecordingSource) -> [String] {
        let ranges = zip.layout().data
        let signature: Set = ["manifest.json", "manifest.sig", "signer.pub"]
        return zip.entries.indices.filter {
            !signature.contains(zip.entries[$0].name) && !ranges[$0].isEmpty
                && source.touched(ranges[$0])
        }.map { zip.entries[$0].name }
    }

    @Test func aBadSignatureIsFoundBeforeAByteOfAnyOtherEntryIsRead() throws {
        let (parts, manifest) = try validParts()
        let forger = try BundleKeys.privateKey(pem: BundleKeys.generate().privateKey)
        var zip = RawZip(stored: try resigned(parts, manifest, key: forger))
        zip.entries.append(
            .init(
                "reports/demo/bomb.bin", DeflateBomb.stream(repeats: 1000), method: 8,
                uncompressedSize: UInt32(DeflateBomb.inflatedSize(repeats: 1000)), crc32: 0))
        let source = RecordingSource(zip.bytes())
        let report = try BundleVerifier(trust: .publicKey(BundleTests.publicKey))
            .verify(source, now: BundleTests.now)
        #expect(report.problems.map(\.code) == [.badSignature])
        #expect(report.manifest == nil)
        #expect(read(zip, by: source) == [])
    }

    @Test(arguments: [
        BundleLimits(maxEntries: 5), BundleLimits(maxEntryBytes: 2000),
        BundleLimits(maxTotalBytes: 5000),
    ])
    func declaredSizesBeyondTheLimitsAreRefusedBeforeAnythingIsInflated(
        _ limits: BundleLimits
    ) throws {
        let (parts, _) = try validParts()
        let zip = RawZip(stored: parts)
        let source = RecordingSource(zip.bytes())
        let report = try BundleVerifier(trust: .publicKey(BundleTests.publicKey), limits: limits)
            .verify(source, now: BundleTests.now)
        #expect(report.problems.map(\.code).contains(.tooLarge), "\(report.problems)")
        #expect(!report.isValid)
        #expect(read(zip, by: source) == [])
        // The same bundle within the standard limits is valid.
        #expect(try base.verify(zip.bytes()).isValid)
    }

    @Test func entriesSharingTheirDataAreRefused() throws {
        let (parts, _) = try validParts()
        var zip = RawZip(stored: parts)
        let csv = try #require(zip.entries.firstIndex { $0.name == "reports/demo/readiness.csv" })
        var copy = zip.entries[csv]
        copy.name = "reports/demo/copy.csv"
        copy.sharesDataWith = csv
        zip.entries.append(copy)
        let report = try base.verify(zip.bytes())
        #expect(report.problems.map(\.code).contains(.overlappingEntries), "\(report.problems)")
    }

    @Test func encryptedEntriesAndOtherCompressionMethodsAreRefused() throws {
        let (parts, _) = try validParts()
        var encrypted = RawZip(stored: parts)
        encrypted.entries[0].flags = 1
        var bzip2 = RawZip(stored: parts)
        bzip2.entries[0].method = 12
        for zip in [encrypted, bzip2] {
            let report = try base.verify(zip.bytes())
            #expect(report.problems.map(\.code) == [.unsupportedEntry], "\(report.problems)")
            #expect(report.problems.first?.entry == zip.entries[0].name)
        }
    }

    @Test func linksAndFoldersAreRefused() throws {
        let (parts, _) = try validParts()
        var zip = RawZip(stored: parts)
        var link = RawZip.Entry("reports/demo/passwd", Data("/etc/passwd".utf8))
        link.mode = 0o120777
        zip.entries.append(link)
        var folder = RawZip.Entry("reports/folder", Data())
        folder.mode = 0o040755
        zip.entries.append(folder)
        let report = try base.verify(zip.bytes())
        #expect(report.problems.map(\.code) == [.notAFile, .notAFile], "\(report.problems)")
        #expect(report.problems.map(\.entry) == ["reports/demo/passwd", "reports/folder"])
    }

    @Test func aCentralDirectoryHoldingMoreEntriesThanItsEndRecordSaysIsUnreadable() throws {
        let (parts, _) = try validParts()
        // A reader that trusts the end record's count would miss the last entry; `unzip`
        // would extract it.
        var bytes = RawZip(stored: parts + [("hidden.exe", Data("MZ".utf8))]).bytes()
        let count = UInt16(parts.count)
        for offset in [bytes.count - 12, bytes.count - 14] {
            bytes[offset] = UInt8(count & 0xff)
            bytes[offset + 1] = UInt8(count >> 8)
        }
        #expect(throws: BundleError.self) { try base.verify(bytes) }
    }

    @Test func dataBeforeOrAfterTheArchiveMakesItUnreadable() throws {
        let (parts, _) = try validParts()
        let bytes = RawZip(stored: parts).bytes()
        #expect(throws: BundleError.self) { try base.verify(Data("junk".utf8) + bytes) }
        #expect(throws: BundleError.self) { try base.verify(bytes + Data("junk".utf8)) }
    }

    /// `parts` plus `name` listed with the hash and size of `content` and stored as `data`.
    func listed(
        _ name: String, content: Data, stored data: Data, method: UInt16
    ) throws -> RawZip {
        var (parts, manifest) = try validParts()
        manifest.entries.append(
            .init(path: name, sha256: SHA256.hash(data: content).hex, size: content.count))
        manifest.entries.sort { $0.path < $1.path }
        parts = try resigned(parts, manifest)
        var zip = RawZip(stored: parts)
        zip.entries.append(
            .init(
                name, data, method: method, uncompressedSize: UInt32(content.count),
                crc32: content.crc32(checksum: 0)))
        return zip
    }

    @Test func aTruncatedDeflateStreamIsRefusedRatherThanWaitedFor() throws {
        let stream = DeflateBomb.stream(repeats: 100)
        let zeros = Data(count: DeflateBomb.inflatedSize(repeats: 100))
        let zip = try listed(
            "reports/demo/zeros.bin", content: zeros, stored: stream.prefix(stream.count - 20),
            method: 8)
        let (report, elapsed) = try timed { try base.verify(zip.bytes()) }
        #expect(report.problems.map(\.code) == [.unreadableEntry], "\(report.problems)")
        #expect(elapsed < .seconds(10))
        // The whole stream is valid: the bundle verifies.
        let whole = try listed("reports/demo/zeros.bin", content: zeros, stored: stream, method: 8)
        #expect(try base.verify(whole.bytes()).isValid)
    }

    @Test func damagedDeflateDataIsRefused() throws {
        let content = Data("hello, world\n".utf8)
        let zip = try listed(
            "reports/demo/hello.txt", content: content,
            stored: Data([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), method: 8)
        let report = try base.verify(zip.bytes())
        #expect(report.problems.map(\.code) == [.unreadableEntry], "\(report.problems)")
    }

    @Test func anEntryWhoseCRCIsWrongIsRefused() throws {
        let content = Data("hello, world\n".utf8)
        var zip = try listed("reports/demo/hello.txt", content: content, stored: content, method: 0)
        zip.entries[zip.entries.count - 1].crc32 = 0
        let report = try base.verify(zip.bytes())
        #expect(report.problems.map(\.code) == [.unreadableEntry], "\(report.problems)")
    }
}

import AttestTestSupport
import Foundation
import Testing

/// `attest build --evidence-cache DIR` with the built binary, on the demo workspace (documents,
/// JUnit, SARIF, signed attestations): a build from the cache writes the bytes of a build
/// without it, and a cache that cannot be trusted is not read, with a warning, never an error.
@Suite struct EvidenceCacheEndToEndTests {
    static let buildTime = "2026-06-01T00:00:00Z"
    /// After the demo's last attestation is dated (validate refuses a date in the future), so
    /// `validate` and a build at this time check the same signatures.
    static let validateTime = "2026-12-01T00:00:00Z"
    static let key = String(repeating: "k3y-", count: 10)

    /// Outside CI, with no key in the environment, unless a test sets them.
    static let quietEnvironment = [
        "CI": "", "ATTEST_EVIDENCE_CACHE": "", "ATTEST_EVIDENCE_CACHE_KEY": "",
    ]

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-e2e-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func build(
        _ name: String, _ extra: [String] = [], environment: [String: String] = [:],
        at time: String = Self.buildTime
    ) async throws -> (output: AttestBinary.Output, files: [String: Data]) {
        let out = folder.appendingPathComponent(name)
        let output = try await AttestBinary.run(
            [
                "build", "--workspace", Fixtures.packageRoot.path, "--out", out.path, "--store",
                folder.appendingPathComponent("\(name).sqlite").path, "--build-time", time,
            ] + extra,
            environment: Self.quietEnvironment.merging(environment) { $1 })
        #expect(output.status == 0, "\(output.standardError)")
        return (output, try FolderFiles.contents(of: out))
    }

    /// The `evidence cache: N readings reused, M made` line's numbers.
    static func counts(_ output: AttestBinary.Output) -> (reused: Int, made: Int)? {
        guard
            let line = output.standardError.split(separator: "\n").first(where: {
                $0.hasPrefix("evidence cache: ")
            })
        else { return nil }
        let numbers = line.split(separator: " ").compactMap { Int($0) }
        guard numbers.count == 2 else { return nil }
        return (numbers[0], numbers[1])
    }

    @Test func aBuildFromTheCacheWritesTheBytesOfABuildWithoutIt() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache").path
        let plain = try await build("plain")
        #expect(Self.counts(plain.output) == nil)
        let first = try await build("first", ["--evidence-cache", cache])
        let made = try #require(Self.counts(first.output)).made
        #expect(made > 50, "\(first.output.standardError)")
        #expect(Self.counts(first.output)?.reused == 0)
        func packInode() throws -> Int? {
            let pack = try FileManager.default.contentsOfDirectory(atPath: cache).first {
                $0.hasSuffix(".pack")
            }
            return try pack.flatMap {
                try FileManager.default.attributesOfItem(atPath: cache + "/" + $0)[
                    .systemFileNumber]
                    as? Int
            }
        }
        let written = try #require(try packInode())
        let second = try await build("second", ["--evidence-cache", cache])
        // Every reading reused, none made: the pack is left as it was, not written again.
        #expect(try packInode() == written)
        #expect(Self.counts(second.output)?.reused == made)
        #expect(Self.counts(second.output)?.made == 0)
        #expect(first.files == plain.files)
        #expect(second.files.keys.sorted() == plain.files.keys.sorted())
        for (path, bytes) in plain.files where second.files[path] != bytes {
            Issue.record("\(path) differs when built from the cache")
        }
        // The folder is private; the key was made there, outside CI.
        let listing = try FileManager.default.contentsOfDirectory(atPath: cache).sorted()
        #expect(listing.count == 2 && listing.contains("key"), "\(listing)")
        let attributes = try FileManager.default.attributesOfItem(atPath: cache)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        // --no-evidence-cache wins over the environment.
        let off = try await build(
            "off", ["--no-evidence-cache"], environment: ["ATTEST_EVIDENCE_CACHE": cache])
        #expect(Self.counts(off.output) == nil)
        #expect(off.files == plain.files)
    }

    @Test func aChangedPackOrAnotherKeyIsNotReadAndTheBuildStillPasses() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let withKey = ["ATTEST_EVIDENCE_CACHE": cache.path, "ATTEST_EVIDENCE_CACHE_KEY": Self.key]
        let first = try await build("first", environment: withKey)
        let made = try #require(Self.counts(first.output)).made
        // With its key in the environment, no key file is made.
        #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent("key").path))

        let otherKey = try await build(
            "other-key",
            environment: withKey.merging([
                "ATTEST_EVIDENCE_CACHE_KEY": String(repeating: "z", count: 40)
            ]) { $1 })
        #expect(
            otherKey.output.standardError.contains("does not verify"),
            "\(otherKey.output.standardError)")
        #expect(Self.counts(otherKey.output)?.reused == 0)
        #expect(otherKey.files == first.files)

        // The other key's build rewrote the pack under its key: rewrite it under ours, then
        // change one byte in the middle.
        _ = try await build("again", environment: withKey)
        let pack = try #require(
            try FileManager.default.contentsOfDirectory(atPath: cache.path).first {
                $0.hasSuffix(".pack")
            })
        let url = cache.appendingPathComponent(pack)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: url)
        let tampered = try await build("tampered", environment: withKey)
        #expect(tampered.output.standardError.contains("warning: evidence cache not used"))
        #expect(Self.counts(tampered.output)?.reused == 0)
        #expect(Self.counts(tampered.output)?.made == made)
        #expect(tampered.files == first.files)
    }

    @Test func inCIWithoutAKeyTheCacheIsNotUsed() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let plain = try await build("plain")
        let ci = try await build(
            "ci", ["--evidence-cache", cache.path], environment: ["CI": "true"])
        #expect(ci.output.standardError.contains("ATTEST_EVIDENCE_CACHE_KEY"))
        #expect(Self.counts(ci.output) == nil)
        #expect(ci.files == plain.files)
        let short = try await build(
            "short", ["--evidence-cache", cache.path],
            environment: ["ATTEST_EVIDENCE_CACHE_KEY": "short"])
        #expect(short.output.standardError.contains("shorter than 32"))
        #expect(Self.counts(short.output) == nil)
    }

    func validate(_ extra: [String] = []) async throws -> AttestBinary.Output {
        try await AttestBinary.run(
            [
                "validate", "--workspace", Fixtures.packageRoot.path, "--format", "json", "--now",
                Self.validateTime,
            ] + extra, environment: Self.quietEnvironment)
    }

    /// `validate` reads the attestations and verifies their signatures ahead of a build: with
    /// a cache it reuses what a build (or an earlier validate) read and verified, reports the
    /// same findings, and keeps every other reading of the pack for the next build.
    @Test func validateReusesTheAttestationsReadAndKeepsTheBuildsReadings() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache").path
        let plain = try await validate()
        #expect(plain.status == 0, "\(plain.standardError)")
        #expect(Self.counts(plain) == nil)

        // Before any build: validate reads each statement and verifies each signature, and
        // keeps both.
        let first = try await validate(["--evidence-cache", cache])
        #expect(first.standardOutput == plain.standardOutput)
        let attestations = try #require(Self.counts(first)).made
        #expect(attestations > 0, "\(first.standardError)")
        #expect(Self.counts(first)?.reused == 0)
        let again = try await validate(["--evidence-cache", cache])
        #expect(again.standardOutput == plain.standardOutput)
        #expect(Self.counts(again)?.reused == attestations)
        #expect(Self.counts(again)?.made == 0)

        // The build finds them, and makes every other reading.
        let built = try await build("built", ["--evidence-cache", cache], at: Self.validateTime)
        let buildCounts = try #require(Self.counts(built.output))
        #expect(buildCounts.reused == attestations, "\(built.output.standardError)")
        #expect(buildCounts.made > 50)

        // Validate after a build reads only attestations and leaves the pack as it is, so
        // the next build still reuses everything.
        let pack = try #require(
            try FileManager.default.contentsOfDirectory(atPath: cache).first {
                $0.hasSuffix(".pack")
            })
        let before = try Data(contentsOf: URL(fileURLWithPath: cache + "/" + pack))
        let after = try await validate(["--evidence-cache", cache])
        #expect(after.standardOutput == plain.standardOutput)
        #expect(Self.counts(after)?.reused == attestations)
        #expect(Self.counts(after)?.made == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache + "/" + pack)) == before)
        let rebuilt = try await build(
            "rebuilt", ["--evidence-cache", cache], at: Self.validateTime)
        #expect(Self.counts(rebuilt.output)?.made == 0)
        #expect(Self.counts(rebuilt.output)?.reused == buildCounts.reused + buildCounts.made)
        #expect(rebuilt.files == built.files)
    }
}

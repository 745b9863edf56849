import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct FileCollectorTests {
    let collector = FileCollector()
    /// `sha256sum` of the fixtures.
    static let policyHash = "64113a541b3d54a5ccc2eb534e13d9764c58098b495c30c3b1a3501a61f0b1a1"
    static let runbookHash = "a6b02f1c3c06594564f6b954fc966d9fab364f787ccc3d3b1c807175dd4bff68"
    static let sidecarHash = "ef62be1ed2f6cb608ca8f6afe2578b8489749b44a019317876125f9af6bd7745"

    @Test func aPolicyIsDatedByItsFrontMatter() async {
        let result = await collector.collect(
            Kit.spec(.file, path: "file/security-policy.md"), context: Kit.context())
        #expect(result.status == .pass)
        #expect(result.observedAt == Kit.day("2026-05-01"))
        #expect(
            result.message
                == "file/security-policy.md exists (279 bytes), reviewed 2026-05-01 (front matter)")
        #expect(result.sha256 == Self.policyHash)
        #expect(
            result.artifacts == [Artifact(path: "file/security-policy.md", sha256: Self.policyHash)]
        )
    }

    @Test func aSidecarDatesAFileWithoutFrontMatter() async {
        let result = await collector.collect(
            Kit.spec(.file, path: "file/incident-runbook.md"), context: Kit.context())
        #expect(result.status == .pass)
        #expect(result.observedAt == Kit.day("2026-04-15"))
        #expect(result.sha256 == Self.runbookHash)
        #expect(
            result.artifacts == [
                Artifact(path: "file/incident-runbook.md", sha256: Self.runbookHash),
                Artifact(path: "file/incident-runbook.md.reviewed", sha256: Self.sidecarHash),
            ])
        #expect(
            result.message
                == "file/incident-runbook.md exists (143 bytes), reviewed 2026-04-15 "
                + "(file/incident-runbook.md.reviewed)")
    }

    @Test(arguments: ["2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z"])
    func aModificationTimeNeverDatesAFile(_ modified: String) async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("docs/plain.txt", "no dates here")
        try workspace.copyFixture("file/security-policy.md", to: "docs/policy.md")
        let stamp = try #require(Timestamp.instant(modified, zoneRequired: true))
        try workspace.setModified("docs/plain.txt", stamp)
        try workspace.setModified("docs/policy.md", stamp)
        let context = Kit.context(root: workspace.root)
        let plain = await collector.collect(
            Kit.spec(.file, path: "docs/plain.txt"), context: context)
        #expect(plain.status == .pass)
        #expect(plain.observedAt == Kit.now)
        #expect(plain.dateSource == .assumed)
        #expect(plain.message == "docs/plain.txt exists (13 bytes), no review date")
        let policy = await collector.collect(
            Kit.spec(.file, path: "docs/policy.md"), context: context)
        #expect(policy.observedAt == Kit.day("2026-05-01"))
        #expect(policy.dateSource == .source)
    }

    @Test func reviewedFromMtimeIsRefusedAtItsLineWithAHint() throws {
        let diagnostics = collector.validate(
            Kit.spec(.file, path: "docs/plain.txt", options: "reviewed_from: mtime"))
        #expect(Kit.codes(diagnostics) == ["evidence.invalid-option 1:16"])
        let hint = try #require(diagnostics.first?.hint)
        #expect(hint.contains("reviewed:"))
        #expect(hint.contains("git"))
    }

    @Test(arguments: [
        (
            "file/incident-runbook.md", "front-matter",
            "file/incident-runbook.md has no 'reviewed:' date in its front matter"
        ),
        ("file/security-policy.md", "sidecar", "file/security-policy.md.reviewed does not exist"),
    ])
    func aRequiredReviewDateThatIsAbsentFails(
        _ path: String, _ source: String, _ message: String
    )
        async
    {
        let result = await collector.collect(
            Kit.spec(.file, path: path, options: "reviewed_from: \(source)"), context: Kit.context()
        )
        #expect(result.status == .fail)
        #expect(result.message == message)
        #expect(result.sha256?.count == 64)
    }

    @Test(arguments: [
        ("file/bad-date.md", #"review date "May 1st" in front matter is not a date (YYYY-MM-DD)"#),
        ("file/future-review.md", "review date 2027-01-01 in front matter is in the future"),
    ])
    func anUnusableReviewDateIsAnError(_ path: String, _ message: String) async {
        let result = await collector.collect(Kit.spec(.file, path: path), context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message == message)
    }

    @Test func containsAndMatchesCheckTheText() async {
        let passing = await collector.collect(
            Kit.spec(
                .file, path: "file/security-policy.md",
                options: #"contains: AES-256\#nmatches: "rotated every \\d+ days""#),
            context: Kit.context())
        #expect(passing.status == .pass)

        let failing = await collector.collect(
            Kit.spec(
                .file, path: "file/security-policy.md",
                options: "contains: ChaCha20\nmatches: \"TLS 1\\\\.2\""),
            context: Kit.context())
        #expect(failing.status == .fail)
        #expect(
            failing.message
                == #"file/security-policy.md does not contain "ChaCha20" and "#
                + #"has no match for "TLS 1\\.2"; "#
                + "reviewed 2026-05-01 (front matter)")
    }

    @Test func binaryContentCannotBeSearched() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("evidence/blob.bin", Data([0xFF, 0xFE, 0x00, 0x81]))
        let result = await collector.collect(
            Kit.spec(.file, path: "evidence/blob.bin", options: "contains: x"),
            context: Kit.context(root: workspace.root))
        #expect(result.status == .error)
        #expect(result.message == "evidence/blob.bin is not UTF-8 text")
    }

    @Test func anAbsentFileIsMissing() async {
        let result = await collector.collect(
            Kit.spec(.file, path: "file/none.md"), context: Kit.context())
        #expect(result.status == .missing)
        #expect(result.message == "file/none.md does not exist")
    }

    @Test func aFolderIsNotAFile() async {
        let result = await collector.collect(Kit.spec(.file, path: "file"), context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message == "file is a folder")
    }

    @Test(arguments: [
        ("reviewed_from: weekly", ["evidence.invalid-option 1:16"]),
        (#"matches: "([""#, ["evidence.invalid-option 1:10"]),
        ("contains: [a, b]", ["evidence.invalid-option 1:11"]),
        ("owner: me", ["evidence.unknown-option 1:8"]),
    ])
    func badOptionsAreDiagnosed(_ options: String, _ expected: [String]) {
        let spec = Kit.spec(.file, path: "file/security-policy.md", options: options)
        #expect(Kit.codes(collector.validate(spec)) == expected)
    }
}

import AttestCore
import AttestSystem
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// The runner reads a file that several specs name once and shares it; the results must be
/// those of reading every file on its own, over a varied set of evidence (every file-reading
/// collector, front matter in its odd forms, sidecars, links in and out, private folders, a FIFO,
/// limits). The results recorded before collection was made faster are checked end to end by
/// `CollectionEquivalenceEndToEndTests`.
@Suite struct CollectionEquivalenceTests {
    @Test func sharedReadsGiveTheResultsOfReadingEveryFileOnItsOwn() async throws {
        let workspace = try TemporaryWorkspace()
        let outside = try TemporaryWorkspace()
        try EquivalenceWorkspace.write(into: workspace, outside: outside)
        let specs = EquivalenceWorkspace.specs()
        let context = Kit.context(root: workspace.root)
        let roots = [workspace.root.path, outside.root.path]
        let runner = EvidenceRunner(registry: Kit.registry, jobs: 2)
        let shared = await runner.run(specs, context: context)
        var alone: [EvidenceResult] = []
        for spec in specs { alone.append(await runner.collect(spec, context: context)) }
        let sharedLines = EquivalenceWorkspace.render(shared, roots: roots)
            .split(separator: "\n")
        let aloneLines = EquivalenceWorkspace.render(alone, roots: roots).split(separator: "\n")
        #expect(sharedLines.count == specs.count)
        for (one, other) in zip(sharedLines, aloneLines) where one != other {
            Issue.record("shared: \(one)\n alone: \(other)")
        }
        // The outside file's text never reaches a result.
        #expect(!sharedLines.contains { $0.contains("secret") && $0.contains("reviewed 2026") })
    }

    @Test func specsNamingOneFileShareOneReadUntilTheLastOfThemFinishes() throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("evidence/results.xml", "first")
        let path = try WorkspacePath("evidence/results.xml")
        let files = EvidenceFiles(root: workspace.root, namedPaths: [[path], [path], []])
        let first = try files.read(path, limit: 100).get()
        try workspace.write("evidence/results.xml", "second version")
        let second = try files.read(path, limit: 100).get()
        #expect(second.data == Data("first".utf8))
        #expect(second.sha256 == first.sha256)
        files.finished([path])
        #expect(try files.read(path, limit: 100).get().data == Data("first".utf8))
        files.finished([path])
        let after = try files.read(path, limit: 100).get()
        #expect(after.data == Data("second version".utf8))
        #expect(after.sha256 == ContentHash.sha256(Data("second version".utf8)))
    }

    @Test func aFileNamedOnceIsReadAfreshEveryTime() throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("evidence/policy.md", "first")
        let path = try WorkspacePath("evidence/policy.md")
        let files = EvidenceFiles(root: workspace.root, namedPaths: [[path]])
        #expect(try files.read(path, limit: 100).get().data == Data("first".utf8))
        try workspace.write("evidence/policy.md", "second")
        #expect(try files.read(path, limit: 100).get().data == Data("second".utf8))
    }
}

/// The workspace and specs of the equivalence test.
enum EquivalenceWorkspace {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func write(into workspace: TemporaryWorkspace, outside: TemporaryWorkspace) throws {
        for entry in try FileManager.default.contentsOfDirectory(atPath: Kit.fixtures.path) {
            try FileManager.default.copyItem(
                at: Kit.fixtures.appendingPathComponent(entry),
                to: workspace.root.appendingPathComponent(entry))
        }
        let files: [(String, [UInt8])] = [
            ("fm/crlf.md", utf8("---\r\nreviewed: 2026-03-01\r\n---\r\nbody\r\n")),
            ("fm/double-quoted.md", utf8("---\nreviewed: \"2026-02-01\"\n---\n")),
            ("fm/single-quoted.md", utf8("---\nreviewed: '2026-02-02' # by the CISO\n---\n")),
            ("fm/spaces.md", utf8("---  \t\ntitle: x\nreviewed: \t 2026-01-15   \n---\nbody")),
            ("fm/dots.md", utf8("---\ntitle: x\n...\nreviewed: 2026-01-01\n")),
            ("fm/unclosed.md", utf8("---\ntitle: x\nbody without a closing line\n")),
            ("fm/unclosed-dated.md", utf8("---\nreviewed: 2026-01-07 # note\nbody\n")),
            ("fm/no-reviewed.md", utf8("---\ntitle: no date\n---\nbody\n")),
            ("fm/no-reviewed.md.reviewed", utf8("\n\n   2026-01-20  \n2026-01-21\n")),
            ("fm/bom.md", bom + utf8("---\nreviewed: 2026-01-08\n---\n")),
            ("fm/double-bom.md", bom + bom + utf8("---\nreviewed: 2026-01-09\n---\n")),
            ("fm/invalid-utf8.md", utf8("---\nreviewed: 2026-01-10\n---\nbad ") + [0xFF, 0x41]),
            ("fm/invalid-utf8-early.md", [0x2D, 0x2D, 0x2D, 0x0A, 0xC3, 0x0A] + utf8("x")),
            ("fm/in-body.md", utf8("# Title\n---\nreviewed: 2026-01-01\n---\n")),
            ("fm/nel.md", utf8("---\u{85}reviewed: 2026-01-05\u{85}---\u{85}")),
            ("fm/cr-only.md", utf8("---\rreviewed: 2026-01-06\r---\r")),
            ("fm/line-separator.md", utf8("---\u{2028}reviewed: 2026-01-11\u{2028}---")),
            ("fm/form-feed.md", utf8("---\u{0C}reviewed: 2026-01-12\n---\n")),
            ("fm/empty-value.md", utf8("---\nreviewed:\n---\n")),
            ("fm/combining.md", utf8("---\nreviewed:\u{301} 2026-01-01\n---\n")),
            ("fm/dashes-combining.md", utf8("---\u{301}\nreviewed: 2026-01-01\n---\n")),
            ("fm/not-a-date.md", utf8("---\nreviewed: last tuesday\n---\n")),
            ("fm/datetime.md", utf8("---\nreviewed: 2026-01-13T10:00:00Z\n---\n")),
            ("fm/future.md", utf8("---\nreviewed: 2027-01-01\n---\n")),
            ("fm/only-dashes.md", utf8("---")),
            ("fm/four-dashes.md", utf8("----\nreviewed: 2026-01-01\n---\n")),
            ("fm/indented.md", utf8("---\n  reviewed: 2026-01-14\n---\n")),
            ("fm/uppercase.md", utf8("---\nReviewed: 2026-01-14\n---\n")),
            ("fm/tab-before-comment.md", utf8("---\nreviewed: 2026-01-16\t# tab\n---\n")),
            ("fm/quote-unbalanced.md", utf8("---\nreviewed: \"2026-01-17\n---\n")),
            ("fm/empty.md", []),
            (
                "fm/late.md",
                utf8("---\n" + String(repeating: "key: value\n", count: 2000))
                    + utf8("reviewed: 2026-01-18\n---\n")
            ),
            ("fm/big-dated.md", utf8("---\nreviewed: 2026-01-19\n---\n") + bigBody(3 << 20)),
            ("fm/big-plain.txt", bigBody(2 << 20)),
            ("fm/big-unclosed.yaml", utf8("---\n") + bigBody(1 << 20)),
            ("text/notes.txt", utf8("The quick brown fox.\nLine two: ÉTÉ café.\n")),
            ("text/binary.bin", [0x00, 0x01, 0xFE, 0xFF, 0x80]),
            ("shared/idp.json", utf8(#"{"mfa": {"required": true}, "sso": {"enabled": false}}"#)),
            ("sidecar-link/policy.md", utf8("no front matter\n")),
            ("private/.git/config", utf8("[remote]\ntoken = secret\n")),
            (".attest/state.txt", utf8("internal\n")),
            ("big/large.json", utf8("{\"a\": \"" + String(repeating: "x", count: 4096) + "\"}")),
        ]
        for (path, bytes) in files { try workspace.write(path, Data(bytes)) }
        try outside.write("secret.md", "---\nreviewed: 2026-01-01\n---\nsecret\n")
        try outside.write("folder/inner.md", "---\nreviewed: 2026-01-02\n---\n")
        try workspace.link("links/inside.md", to: "../fm/crlf.md")
        try workspace.link("links/inside-folder", to: "../fm")
        try workspace.link(
            "links/out.md", to: outside.root.appendingPathComponent("secret.md").path)
        try workspace.link(
            "links/out-folder", to: outside.root.appendingPathComponent("folder").path)
        try workspace.link("links/dangling.md", to: "../nothing/here.md")
        try workspace.link("links/to-git", to: "../private/.git")
        try workspace.link(
            "sidecar-link/policy.md.reviewed",
            to: outside.root.appendingPathComponent("secret.md").path)
        let fifo = workspace.root.appendingPathComponent("special/pipe.md").path
        try FileManager.default.createDirectory(
            atPath: workspace.root.appendingPathComponent("special").path,
            withIntermediateDirectories: true)
        #expect(mkfifo(fifo, 0o644) == 0)
    }

    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Text lines of mixed scripts, `count` bytes or a little more.
    static func bigBody(_ count: Int) -> [UInt8] {
        let line = utf8("Paragraph of policy text — ÉTÉ café naïve 数据 🔒, repeated.\n")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + line.count)
        while bytes.count < count { bytes += line }
        return bytes
    }

    static func specs() -> [EvidenceSpec] {
        var specs: [EvidenceSpec] = []
        func add(
            _ kind: CollectorKind, _ path: String, _ options: String = "",
            maxAge: TimeSpan? = nil
        ) {
            specs.append(
                Kit.spec(
                    kind, path: path, options: options, maxAge: maxAge,
                    id: "ev-\(specs.count + 1)"))
        }
        let frontMatter = [
            "file/security-policy.md", "file/incident-runbook.md", "file/bad-date.md",
            "file/future-review.md", "fm/crlf.md", "fm/double-quoted.md", "fm/single-quoted.md",
            "fm/spaces.md", "fm/dots.md", "fm/unclosed.md", "fm/unclosed-dated.md",
            "fm/no-reviewed.md", "fm/bom.md", "fm/double-bom.md", "fm/invalid-utf8.md",
            "fm/invalid-utf8-early.md", "fm/in-body.md", "fm/nel.md", "fm/cr-only.md",
            "fm/line-separator.md", "fm/form-feed.md", "fm/empty-value.md", "fm/combining.md",
            "fm/dashes-combining.md", "fm/not-a-date.md", "fm/datetime.md", "fm/future.md",
            "fm/only-dashes.md", "fm/four-dashes.md", "fm/indented.md", "fm/uppercase.md",
            "fm/tab-before-comment.md", "fm/quote-unbalanced.md", "fm/empty.md", "fm/late.md",
            "fm/big-dated.md", "fm/big-plain.txt", "fm/big-unclosed.yaml", "text/notes.txt",
            "text/binary.bin", "links/inside.md", "links/inside-folder/bom.md", "links/out.md",
            "links/out-folder/inner.md", "links/dangling.md", "links/to-git/config",
            "private/.git/config", ".attest/state.txt", "sidecar-link/policy.md",
            "special/pipe.md", "fm", "nothing.md", "nothing/deeper.md", "fm/crlf.md/x",
            "./fm//crlf.md",
        ]
        for path in frontMatter { add(.file, path) }
        for path in ["fm/crlf.md", "fm/no-reviewed.md", "file/incident-runbook.md", "fm/bom.md"] {
            add(.file, path, "reviewed_from: front-matter")
            add(.file, path, "reviewed_from: sidecar")
        }
        add(.file, "text/notes.txt", "contains: café")
        add(.file, "text/notes.txt", "contains: absent words")
        add(.file, "text/notes.txt", #"matches: "ÉTÉ\\s+caf""#)
        add(.file, "text/notes.txt", "matches: '^zzz'\ncontains: quick")
        add(.file, "text/binary.bin", "contains: x")
        add(.file, "fm/invalid-utf8.md", "contains: bad")
        add(.file, "fm/big-dated.md", "contains: 数据")
        add(.file, "fm/crlf.md", maxAge: TimeSpan(seconds: 30 * 86_400))
        add(.file, "fm/crlf.md", maxAge: TimeSpan(seconds: 365 * 86_400))
        add(.file, "fm/big-plain.txt", maxAge: TimeSpan(seconds: 86_400))
        // Documents, several naming one file.
        add(.json, "json/idp-policy.json", "expect: { mfa.required: true }")
        add(.json, "json/idp-policy.json", "expect: { mfa.required: false }")
        add(
            .json, "json/idp-policy.json",
            "expect: { mfa.required: true }\nobserved_at: exported_at")
        add(.json, "json/idp-policy.json", "observed_at: provider")
        add(.json, "json/malformed.json")
        add(.json, "json/duplicate-key.json")
        add(.json, "json/absent.json", "expect: { a: 1 }")
        add(.json, "shared/idp.json", "expect: { mfa.required: true }")
        add(.json, "shared/idp.json", "expect: { sso.enabled: true }")
        add(.file, "shared/idp.json")
        add(.json, "big/large.json", "max_bytes: 100")
        add(.json, "big/large.json")
        add(.json, "links/out.md")
        add(.yaml, "yaml/lb-policy.yaml", #"expect: { tls.min_version: "1.2" }"#)
        add(.yaml, "yaml/lb-policy.yaml")
        add(.yaml, "yaml/broken.yaml")
        add(.yaml, "yaml/unquoted-version.yaml", #"expect: { tls.min_version: "1.2" }"#)
        for name in [
            "pytest", "single-suite", "swift-testing", "swift-xunit", "empty", "malformed",
            "no-attributes", "not-a-number", "overflowing-sum", "wrong-root", "huge-count",
            "largest-count", "entity-bomb",
        ] {
            add(.junit, "junit/\(name).xml")
        }
        add(.junit, "junit/pytest.xml", "min_pass_ratio: 0.5")
        add(.junit, "junit/pytest.xml", "max_failures: 0")
        for name in [
            "semgrep", "snyk", "linked-suppressions", "no-runs", "old-version", "results-absent",
            "results-not-an-array", "results-null", "rules-not-an-array", "runs-not-objects",
            "suppression-not-an-object",
        ] {
            add(.sarif, "sarif/\(name).sarif")
        }
        add(.sarif, "sarif/semgrep.sarif", "max: { error: 0, warning: 5 }")
        add(.sarif, "sarif/semgrep.sarif", "max: { error: 10 }")
        for name in [
            "access-review.yaml", "backup-restore.json", "expired.yaml", "future.yaml",
            "missing-role.yaml", "tampered-attachment.yaml", "unknown-field.yaml",
        ] {
            add(.attestation, "attestation/\(name)")
        }
        add(.attestation, "attestation/access-review.yaml", maxAge: TimeSpan(seconds: 86_400))
        return specs
    }

    /// One line per result with every field the store keeps; the temporary roots are replaced
    /// by names so the text does not depend on where the test ran.
    static func render(_ results: [EvidenceResult], roots: [String]) -> String {
        func clean(_ text: String) -> String {
            var text = text
            for (index, root) in roots.enumerated() {
                text = text.replacingOccurrences(of: root, with: "<root\(index)>")
            }
            return text
        }
        func date(_ date: Date?) -> String { date.map(Timestamp.format) ?? "-" }
        return results.map { result in
            let artifacts = result.artifacts.map { "\(clean($0.path))@\($0.sha256)" }
            return [
                result.evidence.rawValue, result.control.rawValue, result.status.name,
                date(result.observedAt), result.dateSource.rawValue, date(result.expiresAt),
                result.sha256 ?? "-", result.signer ?? "-", result.target.map(clean) ?? "-",
                result.collector?.rawValue ?? "-", artifacts.joined(separator: ","),
                clean(result.message).replacingOccurrences(of: "\n", with: "\\n"),
            ].joined(separator: " | ")
        }.joined(separator: "\n") + "\n"
    }
}

import AttestCLI
import AttestTestSupport
import Foundation
import Testing
import ZIPFoundation

/// `attest bundle` in process: only confined evidence whose bytes are the ones collected is
/// packed, and `--out` never replaces a file that is not a bundle.
@Suite struct BundleCommandTests: InProcessCommands {

    static let canary = "CANARY-OUTSIDE-3c9d1e"
    /// `sha256sum` of the attachment as collected, "account,action\nbob,removed\n".
    static let attachmentSHA256 =
        "19e72897b81abb3fc86c6be025390d95c65b66ebde8cc7d1fee7adb1167ea3a2"

    /// A workspace with `nda` evidence, collected into its store: a policy and an attestation
    /// that stay as collected, and six files that must not be packed. `attest validate` refuses
    /// an evidence `path:` that is a link out of the workspace, so the hostile paths come from
    /// where it cannot look: an external program's artifact list (recorded as given, with the
    /// right hashes), an attachment swapped after collection, a file created after it.
    struct Fixture {
        let workspace: TemporaryWorkspace
        let outside: TemporaryWorkspace
        var store: URL { outside.root.appendingPathComponent("store.sqlite") }
        var key: URL { outside.root.appendingPathComponent("keys/attest-bundle.key") }
        var bundle: URL { outside.root.appendingPathComponent("out/bundle.zip") }
        /// The canary, as a path relative to the workspace.
        var canaryFromWorkspace: String { "../\(outside.root.lastPathComponent)/canary.txt" }
    }

    func collected() async throws -> Fixture {
        let workspace = try TemporaryWorkspace()
        let outside = try TemporaryWorkspace()
        let canary = try outside.write("canary.txt", "\(Self.canary)\n")
        let fixture = Fixture(workspace: workspace, outside: outside)
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Fixture Org }
            frameworks: [demo]
            include: [controls/library/*.yaml]
            """)
        try workspace.write(
            "controls/frameworks/demo.yaml",
            try String(
                contentsOf: Fixtures.workspace("valid/minimal")
                    .appendingPathComponent("controls/frameworks/demo.yaml"), encoding: .utf8))
        try workspace.write(
            "controls/library/controls.yaml",
            """
            schema: 1
            controls:
              - id: C-1
                title: Control one
                visibility: nda
                satisfies: { demo: [D1.1, D1.2] }
                evidence:
                  - { id: policy, collector: file, path: evidence/policy.md }
                  - { id: changed, collector: file, path: evidence/changed.md }
                  - { id: late, collector: file, path: evidence/late.md }
                  - { id: review, collector: attestation, path: evidence/review.yaml }
                  - { id: scanner, collector: external, run: scripts/scan.sh }
            """)
        try workspace.write("evidence/policy.md", "# Policy\n")
        try workspace.write("evidence/changed.md", "# As collected\n")
        let attachment = Data("account,action\nbob,removed\n".utf8)
        try workspace.write("evidence/review.csv", attachment)
        try workspace.write(
            "evidence/review.yaml",
            """
            who: Jane Doe
            role: CISO
            date: 2026-01-02
            statement: Access review completed.
            attachment:
              path: evidence/review.csv
              sha256: \(Self.attachmentSHA256)
            """)
        // An external program whose report lists links to a secret and to a file outside, and
        // the outside file by a relative path, each with its true SHA-256.
        try workspace.link("evidence/passwd-link.txt", to: "/etc/passwd")
        try workspace.link("evidence/canary-link.txt", to: canary.path)
        try workspace.write(
            "scripts/scan.sh",
            """
            #!/bin/sh
            hash() { (sha256sum "$1" 2>/dev/null || shasum -a 256 "$1") | cut -d ' ' -f 1; }
            passwd=$(hash /etc/passwd)
            canary=$(hash '\(canary.path)')
            printf '{"status": "pass", "artifacts": [%s, %s, %s]}\\n' \\
              "{\\"path\\": \\"evidence/passwd-link.txt\\", \\"sha256\\": \\"$passwd\\"}" \\
              "{\\"path\\": \\"evidence/canary-link.txt\\", \\"sha256\\": \\"$canary\\"}" \\
              "{\\"path\\": \\"\(fixture.canaryFromWorkspace)\\", \\"sha256\\": \\"$canary\\"}"
            """, executable: true)
        let collect = await run([
            "collect", "--workspace", workspace.root.path, "--store", fixture.store.path,
            "--quiet",
        ])
        #expect(collect.status == 0, "\(collect.err)")
        let keygen = await run([
            "keygen", "--out", outside.root.appendingPathComponent("keys").path,
        ])
        #expect(keygen.status == 0, "\(keygen.err)")
        // After collection: one file edited, one created, the attachment swapped for a link to
        // a secret.
        try workspace.write("evidence/changed.md", "# Edited after collection\n")
        try workspace.write("evidence/late.md", "# Never collected\n")
        try FileManager.default.removeItem(
            at: workspace.root.appendingPathComponent("evidence/review.csv"))
        try workspace.link("evidence/review.csv", to: "/etc/passwd")
        return fixture
    }

    func bundle(
        _ fixture: Fixture, out: URL? = nil, extra: [String] = []
    ) async -> (
        status: Int32, out: String, err: String
    ) {
        await run(
            [
                "bundle", "--workspace", fixture.workspace.root.path, "--store",
                fixture.store.path, "--recipient", "Acme Corp", "--nda-ref", "NDA-1",
                "--framework", "demo", "--include-evidence", "--key", fixture.key.path,
                "--out", (out ?? fixture.bundle).path, "--created", "2026-06-01T00:00:00Z",
            ] + extra)
    }

    /// Every entry of the zip at `url`.
    func entries(_ url: URL) throws -> [String: Data] {
        let archive = try Archive(url: url, accessMode: .read)
        var result: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            result[entry.path] = data
        }
        return result
    }

    @Test func onlyEvidenceReadInsideTheWorkspaceWithItsCollectedHashIsPacked() async throws {
        let fixture = try await collected()
        let result = await bundle(fixture)
        #expect(result.status == 0, "\(result.err)")
        let files = try entries(fixture.bundle)
        #expect(files["evidence/evidence/policy.md"] == Data("# Policy\n".utf8))
        #expect(files["evidence/evidence/review.yaml"] != nil)
        for path in [
            "evidence/passwd-link.txt", "evidence/canary-link.txt", "evidence/changed.md",
            "evidence/late.md", "evidence/review.csv", fixture.canaryFromWorkspace,
        ] {
            #expect(files["evidence/\(path)"] == nil, "\(path) was packed")
        }
        #expect(files.keys.filter { $0.hasPrefix("evidence/") }.count == 2, "\(files.keys)")
        let passwd = try String(contentsOfFile: "/etc/passwd", encoding: .utf8)
        let firstLine = String(passwd.prefix { $0 != "\n" })
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(Self.canary), "\(path) holds the canary")
            #expect(firstLine.isEmpty || !text.contains(firstLine), "\(path) holds /etc/passwd")
        }
    }

    @Test func eachWithheldFileIsNamedWithWhyOnStandardErrorAndInTheBundle() async throws {
        let fixture = try await collected()
        let result = await bundle(fixture)
        #expect(result.status == 0, "\(result.err)")
        let lines = result.err.split(separator: "\n").map(String.init)
        let expected = [
            "evidence/passwd-link.txt": "bundle.evidence-refused",
            "evidence/canary-link.txt": "bundle.evidence-refused",
            fixture.canaryFromWorkspace: "bundle.evidence-refused",
            "evidence/review.csv": "bundle.evidence-refused",
            "evidence/changed.md": "bundle.evidence-changed",
            "evidence/late.md": "bundle.evidence-not-recorded",
        ]
        for (path, code) in expected {
            #expect(
                lines.contains { $0.hasPrefix("warning: \(path) ") && $0.hasSuffix("[\(code)]") },
                "no warning for \(path) with \(code) in:\n\(result.err)")
        }
        let files = try entries(fixture.bundle)
        struct Manifest: Decodable {
            struct Withheld: Decodable { var path: String; var reason: String }
            var withheld: [Withheld]?
        }
        let manifest = try JSONDecoder().decode(
            Manifest.self, from: try #require(files["manifest.json"]))
        let withheld = Dictionary(
            (manifest.withheld ?? []).map { ($0.path, $0.reason) }, uniquingKeysWith: { $1 })
        #expect(withheld == expected)
        let readme = String(decoding: try #require(files["README.txt"]), as: UTF8.self)
        for path in expected.keys { #expect(readme.contains(path), "README omits \(path)") }
    }

    @Test func outNeverReplacesAFileThatIsNotABundle() async throws {
        let fixture = try await collected()
        let manifest = fixture.workspace.root.appendingPathComponent("attest.yaml")
        let before = try Data(contentsOf: manifest)
        let refused = await bundle(fixture, out: manifest)
        #expect(refused.status == 2)
        #expect(refused.err.contains("--force"))
        #expect(try Data(contentsOf: manifest) == before)

        // An existing bundle is replaced; a non-bundle only with --force.
        #expect(await bundle(fixture).status == 0)
        #expect(await bundle(fixture).status == 0)
        let other = fixture.outside.root.appendingPathComponent("notes.txt")
        try Data("keep me\n".utf8).write(to: other)
        #expect(await bundle(fixture, out: other).status == 2)
        #expect(try Data(contentsOf: other) == Data("keep me\n".utf8))
        #expect(await bundle(fixture, out: other, extra: ["--force"]).status == 0)
        #expect(try entries(other)["manifest.json"] != nil)
    }
}

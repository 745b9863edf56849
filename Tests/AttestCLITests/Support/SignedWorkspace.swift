import AttestCLI
import AttestTestSupport
import Crypto
import Foundation

/// A copy of the minimal workspace whose one evidence is an attestation, with a `signers:`
/// registry, for the signer tests. Statements are signed here with Crypto directly, over the
/// signed bytes as docs/collectors.md specifies them, not with Attest's own code.
final class SignedWorkspace: @unchecked Sendable {
    let folder: TemporaryWorkspace
    /// A folder outside the workspace for the tests' private keys, removed with it.
    let keys: TemporaryWorkspace
    var root: URL { folder.root }

    /// Alice and Bob, with their keys generated for the test.
    let alice = Curve25519.Signing.PrivateKey()
    let bob = Curve25519.Signing.PrivateKey()

    /// The registry every test starts from: alice (raw base64 key) valid from 2026-01-01 to
    /// 2026-06-30, bob (PEM key) valid from 2026-01-01.
    static let registry = """
        signers:
          - id: alice
            name: Alice Martin
            role: CISO
            public_key: keys/signers/alice.pub
            valid_from: 2026-01-01
            valid_until: 2026-06-30
          - id: bob
            name: Bob Stone
            role: Head of IT
            public_key: keys/signers/bob.pub
            valid_from: 2026-01-01

        """

    init(registry: String = SignedWorkspace.registry, evidenceOptions: String = "") throws {
        folder = try TemporaryWorkspace()
        keys = try TemporaryWorkspace()
        let source = Fixtures.workspace("valid/minimal")
        for path in ["controls/frameworks/demo.yaml", "evidence/policy.md"] {
            try folder.write(path, try Data(contentsOf: source.appendingPathComponent(path)))
        }
        let manifest = try String(
            contentsOf: source.appendingPathComponent("attest.yaml"), encoding: .utf8)
        try folder.write("attest.yaml", manifest + registry)
        try folder.write(
            "controls/library/controls.yaml",
            """
            schema: 1
            controls:
              - id: C-1
                title: Control one
                satisfies: { demo: [D1.1, D1.2] }
                evidence:
                  - id: e-1
                    collector: attestation
                    path: evidence/a.yaml
            \(evidenceOptions)
            """)
        try folder.write(
            "keys/signers/alice.pub", alice.publicKey.rawRepresentation.base64EncodedString() + "\n"
        )
        try folder.write(
            "keys/signers/bob.pub",
            "-----BEGIN PUBLIC KEY-----\n"
                + Data(
                    [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]
                        + Array(bob.publicKey.rawRepresentation)
                ).base64EncodedString() + "\n-----END PUBLIC KEY-----\n")
    }

    /// The signed bytes of a statement (docs/collectors.md, "Signed bytes").
    static func message(signer: String, who: String, role: String, date: String) -> Data {
        Data(
            ["attest-attestation-v2", signer, who, role, date, "", "", "Reviewed."]
                .joined(separator: "\n").utf8)
    }

    /// Writes `evidence/a.yaml`: a statement naming `signer` (none when nil), signed with
    /// `key` (unsigned when nil).
    func writeStatement(
        signer: String?, who: String = "Alice Martin", date: String = "2026-05-01",
        key: Curve25519.Signing.PrivateKey?
    ) throws {
        var text = signer.map { "signer: \($0)\n" } ?? ""
        text += "who: \(who)\nrole: CISO\ndate: \(date)\nstatement: Reviewed.\n"
        if let key {
            let signature = try key.signature(
                for: Self.message(signer: signer ?? "", who: who, role: "CISO", date: date))
            text += "signature: \"\(signature.base64EncodedString())\"\n"
        }
        try folder.write("evidence/a.yaml", text)
    }

    /// Writes `evidence/a.yaml` with an armored SSH signature under `signature: |`.
    func writeStatement(signer: String, who: String, armored: String) throws {
        let indented = armored.split(whereSeparator: \.isNewline).map { "  \($0)" }
            .joined(separator: "\n")
        try folder.write(
            "evidence/a.yaml",
            "signer: \(signer)\nwho: \(who)\nrole: CISO\ndate: 2026-05-01\n"
                + "statement: Reviewed.\nsignature: |\n\(indented)\n")
    }

    /// `attest collect` over the workspace; the status and message of evidence `e-1`, from
    /// the progress line `[1/1] e-1: STATUS — MESSAGE`.
    func collect() async throws -> (status: String, message: String) {
        let capture = CapturedConsole()
        _ = await AttestMain.run(
            [
                "collect", "--workspace", root.path, "--store",
                root.appendingPathComponent(".attest/s.sqlite").path,
            ], console: capture.console)
        let line = capture.standardError.split(separator: "\n").first {
            $0.hasPrefix("[1/1] e-1: ")
        }
        guard let line else { return ("none", capture.standardError) }
        let rest = line.dropFirst("[1/1] e-1: ".count)
        let parts = rest.components(separatedBy: " — ")
        return (parts[0], parts.dropFirst().joined(separator: " — "))
    }

    struct Report: Decodable {
        struct Position: Decodable {
            var file: String
            var line: Int
            var column: Int
        }
        struct Entry: Decodable {
            var severity: String
            var code: String
            var message: String
            var position: Position?
        }
        var diagnostics: [Entry]
    }

    /// `attest validate --format json` at 2026-06-01; the findings other than gaps.
    func validate() async throws -> [Report.Entry] {
        let capture = CapturedConsole()
        _ = await AttestMain.run(
            [
                "validate", "--workspace", root.path, "--format", "json", "--now",
                "2026-06-01T00:00:00Z",
            ], console: capture.console)
        return try JSONDecoder().decode(Report.self, from: Data(capture.standardOutput.utf8))
            .diagnostics.filter { !$0.code.hasPrefix("graph.") }
    }
}

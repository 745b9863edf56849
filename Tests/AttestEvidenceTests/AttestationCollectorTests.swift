import AttestCatalog
import AttestCore
import AttestTestSupport
import Crypto
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct AttestationCollectorTests {
    let collector = AttestationCollector(load: YAMLDocument.evidence)
    /// `sha256sum Tests/Fixtures/evidence/attestation/q2-access-review.csv`.
    static let attachmentHash = "52d05e00a7a0b7ea863132ef8342e4635f1c277431666dc690405d01a76366ae"

    @Test func anUnsignedAttestationWithItsAttachmentPasses() async {
        let result = await collector.collect(
            Kit.spec(.attestation, path: "attestation/access-review.yaml"), context: Kit.context())
        #expect(result.status == .pass)
        #expect(
            result.message
                == "attestation/access-review.yaml: attested by Jane Doe (CISO) on 2026-05-02; "
                + "expires 2026-08-31; attachment attestation/q2-access-review.csv matches")
        #expect(result.observedAt == Kit.day("2026-05-02"))
        #expect(
            result.artifacts.map(\.path) == [
                "attestation/access-review.yaml", "attestation/q2-access-review.csv",
            ])
        #expect(result.artifacts.last?.sha256 == Self.attachmentHash)
        #expect(result.sha256 == result.artifacts.first?.sha256)
    }

    @Test func aJSONAttestationIsReadWithoutTheYAMLLoader() async {
        let noYAML = AttestationCollector { _, _ in
            throw Diagnostic.error(.yamlSyntax, "the YAML loader must not be used", at: nil)
        }
        let result = await noYAML.collect(
            Kit.spec(.attestation, path: "attestation/backup-restore.json"), context: Kit.context())
        #expect(result.status == .pass)
        #expect(result.observedAt == Kit.day("2026-05-10"))
        #expect(
            result.message
                == "attestation/backup-restore.json: attested by Sam Lee (SRE lead) on 2026-05-10; "
                + "expires 2026-11-10")
    }

    @Test(arguments: [
        (
            "attestation/expired.yaml", EvidenceStatus.fail,
            "attestation/expired.yaml: expired on 2026-05-31; "
                + "attested by Jane Doe (CISO) on 2025-11-01"
        ),
        (
            "attestation/tampered-attachment.yaml", .fail,
            "attestation/tampered-attachment.yaml: attachment attestation/q2-access-review.csv "
                + "has changed: sha256 "
                + "52d05e00a7a0b7ea863132ef8342e4635f1c277431666dc690405d01a76366ae, attested "
                + "0000000000000000000000000000000000000000000000000000000000000000"
        ),
        (
            "attestation/missing-role.yaml", .error,
            "attestation/missing-role.yaml: invalid attestation: missing 'role'"
        ),
        (
            "attestation/unknown-field.yaml", .error,
            "attestation/unknown-field.yaml: invalid attestation: unknown field(s) 'expiry'; "
                + "allowed: "
                + "attachment, date, expires, role, schema, signature, statement, who"
        ),
        (
            "attestation/future.yaml", .error,
            "attestation/future.yaml: 'date' 2026-09-01 is in the future"
        ),
        ("attestation/absent.yaml", .missing, "attestation/absent.yaml does not exist"),
    ])
    func problemsAreJudged(_ path: String, _ status: EvidenceStatus, _ message: String) async {
        let result = await collector.collect(
            Kit.spec(.attestation, path: path), context: Kit.context())
        #expect(result.status == status)
        #expect(result.message == message)
    }

    @Test func anExpiryDateIsValidThroughThatDay() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "a.yaml", "who: A\nrole: B\ndate: 2026-05-01\nstatement: S\nexpires: 2026-06-01\n")
        let result = await collector.collect(
            Kit.spec(.attestation, path: "a.yaml"), context: Kit.context(root: workspace.root))
        #expect(result.status == .pass)
    }

    // MARK: Signatures

    /// The documented canonical form, written out by hand.
    static func canonical(
        who: String, role: String, date: String, expires: String, attachment: String,
        statement: String
    ) -> Data {
        let lines = ["attest-attestation-v1", who, role, date, expires, attachment, statement]
        return Data(lines.joined(separator: "\n").utf8)
    }

    static func signedStatement(
        _ key: Curve25519.Signing.PrivateKey, statement: String = "Access review completed."
    ) throws -> String {
        let message = canonical(
            who: "Jane Doe", role: "CISO", date: "2026-05-02", expires: "2026-08-31",
            attachment: "",
            statement: statement)
        let signature = try key.signature(for: message).base64EncodedString()
        return """
            {"who": "Jane Doe", "role": "CISO", "date": "2026-05-02", "expires": "2026-08-31",
             "statement": "\(statement.replacingOccurrences(of: "\n", with: "\\n"))",
             "signature": "\(signature)"}
            """
    }

    private func collect(
        _ statement: String, keys: [Curve25519.Signing.PublicKey], keyFile: String? = nil
    ) async throws -> EvidenceResult {
        let workspace = try TemporaryWorkspace()
        try workspace.write("evidence/statement.json", statement)
        var options = ""
        if !keys.isEmpty {
            options =
                "public_keys: ["
                + keys.map { $0.rawRepresentation.base64EncodedString() }
                .joined(separator: ", ") + "]"
        }
        if let keyFile {
            try workspace.write("keys/signers.pub", keyFile)
            options = "public_key_file: keys/signers.pub"
        }
        return await collector.collect(
            Kit.spec(.attestation, path: "evidence/statement.json", options: options),
            context: Kit.context(root: workspace.root))
    }

    @Test func aSignatureByAConfiguredKeyVerifies() async throws {
        let signer = Curve25519.Signing.PrivateKey()
        let other = Curve25519.Signing.PrivateKey()
        let result = try await collect(
            Self.signedStatement(signer, statement: "Line one.\nLine two."),
            keys: [other.publicKey, signer.publicKey])
        #expect(result.status == .pass)
        #expect(
            result.message
                == "evidence/statement.json: attested by Jane Doe (CISO) on 2026-05-02; "
                + "expires 2026-08-31; signature verified")
    }

    @Test func aSignatureByAnotherKeyFails() async throws {
        let result = try await collect(
            Self.signedStatement(Curve25519.Signing.PrivateKey()),
            keys: [Curve25519.Signing.PrivateKey().publicKey])
        #expect(result.status == .fail)
        #expect(
            result.message
                == "evidence/statement.json: the signature does not verify with any configured "
                + "public key"
        )
    }

    @Test func anEditedStatementNoLongerVerifies() async throws {
        let signer = Curve25519.Signing.PrivateKey()
        let edited = try Self.signedStatement(signer)
            .replacingOccurrences(of: "Access review completed.", with: "Access review skipped.")
        let result = try await collect(edited, keys: [signer.publicKey])
        #expect(result.status == .fail)
    }

    @Test func keysWithoutASignatureFail() async throws {
        let unsigned = #"{"who": "A", "role": "B", "date": "2026-05-02", "statement": "S"}"#
        let result = try await collect(unsigned, keys: [Curve25519.Signing.PrivateKey().publicKey])
        #expect(result.status == .fail)
        #expect(
            result.message == "evidence/statement.json: not signed, but public keys are configured")
    }

    @Test func aSignatureWithoutKeysCannotBeChecked() async throws {
        let result = try await collect(
            Self.signedStatement(Curve25519.Signing.PrivateKey()), keys: [])
        #expect(result.status == .error)
        #expect(
            result.message
                == "evidence/statement.json: signed, but no public_keys or public_key_file is "
                + "configured to verify it")
    }

    @Test func keysCanComeFromAWorkspaceFile() async throws {
        let signer = Curve25519.Signing.PrivateKey()
        let file =
            "# Compliance officers\n\n\(signer.publicKey.rawRepresentation.base64EncodedString())\n"
        let result = try await collect(Self.signedStatement(signer), keys: [], keyFile: file)
        #expect(result.status == .pass)
        #expect(result.artifacts.map(\.path) == ["evidence/statement.json", "keys/signers.pub"])

        let broken = try await collect(
            Self.signedStatement(signer), keys: [], keyFile: "not a key\n")
        #expect(broken.status == .error)
        #expect(
            broken.message
                == "evidence/statement.json: keys/signers.pub:1 is not a base64 Ed25519 public key")
    }

    @Test(arguments: [
        ("public_keys: [bm90IGEga2V5]", ["evidence.invalid-option 1:14"]),
        ("public_key_file: /etc/keys.pub", ["evidence.unsafe-path 1:18"]),
        ("signature: abc", ["evidence.unknown-option 1:12"]),
    ])
    func badOptionsAreDiagnosed(_ options: String, _ expected: [String]) {
        let spec = Kit.spec(.attestation, path: "attestation/access-review.yaml", options: options)
        #expect(Kit.codes(collector.validate(spec)) == expected)
    }
}

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

    @Test func aSignedAttestationWithItsAttachmentPasses() async {
        let result = await collector.collect(
            Kit.spec(.attestation, path: "attestation/access-review.yaml"), context: Kit.context())
        #expect(result.status == .pass)
        #expect(
            result.message
                == "attestation/access-review.yaml: attested by Jane Doe (CISO) on 2026-05-02; "
                + "expires 2026-08-31; attachment attestation/q2-access-review.csv matches; "
                + "Ed25519 signature of signer `jdoe` verified")
        #expect(result.observedAt == Kit.day("2026-05-02"))
        #expect(result.signer == "jdoe")
        #expect(
            result.artifacts.map(\.path) == [
                "attestation/access-review.yaml", "attestation/q2-access-review.csv",
                "keys/jdoe.pub",
            ])
        #expect(result.artifacts[1].sha256 == Self.attachmentHash)
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
                + "expires 2026-11-10; Ed25519 signature of signer `slee` verified")
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
                + "attachment, date, expires, role, schema, signature, signer, statement, who"
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
        let key = Curve25519.Signing.PrivateKey()
        let (workspace, keyring) = try Self.workspace(key)
        try workspace.write(
            "evidence/statement.json",
            try Self.signedStatement(key, date: "2026-05-01", expires: "2026-06-01"))
        let result = await collector.collect(
            Kit.spec(.attestation, path: "evidence/statement.json"),
            context: Kit.context(root: workspace.root, signers: keyring))
        #expect(result.status == .pass, "\(result.message)")
    }

    // MARK: Signatures

    /// The documented signed bytes, written out by hand.
    static func canonical(
        signer: String, who: String, role: String, date: String, expires: String,
        attachment: String, statement: String
    ) -> Data {
        let lines = [
            "attest-attestation-v2", signer, who, role, date, expires, attachment, statement,
        ]
        return Data(lines.joined(separator: "\n").utf8)
    }

    /// A JSON statement naming `signer` (jdoe, Jane Doe, CISO), signed with `key`.
    static func signedStatement(
        _ key: Curve25519.Signing.PrivateKey, signer: String = "jdoe",
        statement: String = "Access review completed.", date: String = "2026-05-02",
        expires: String = "2026-08-31"
    ) throws -> String {
        let message = canonical(
            signer: signer, who: "Jane Doe", role: "CISO", date: date, expires: expires,
            attachment: "", statement: statement)
        let signature = try key.signature(for: message).base64EncodedString()
        return """
            {"signer": "\(signer)", "who": "Jane Doe", "role": "CISO", "date": "\(date)",
             "expires": "\(expires)",
             "statement": "\(statement.replacingOccurrences(of: "\n", with: "\\n"))",
             "signature": "\(signature)"}
            """
    }

    /// A workspace where jdoe's key is `key` and mallory's another one, with their keyring.
    static func workspace(
        _ key: Curve25519.Signing.PrivateKey,
        mallory: Curve25519.Signing.PrivateKey = Curve25519.Signing.PrivateKey(),
        jdoeKeyFile: String? = nil
    ) throws -> (TemporaryWorkspace, SignerKeyring) {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "keys/jdoe.pub",
            jdoeKeyFile ?? "# Jane\n\n\(key.publicKey.rawRepresentation.base64EncodedString())\n")
        try workspace.write(
            "keys/mallory.pub", mallory.publicKey.rawRepresentation.base64EncodedString())
        let keyring = SignerKeyring.load(
            [
                Kit.signer("jdoe", "Jane Doe", key: "keys/jdoe.pub"),
                Kit.signer("mallory", "Mallory", key: "keys/mallory.pub"),
            ], root: workspace.root)
        return (workspace, keyring)
    }

    private func collect(
        _ statement: String, key: Curve25519.Signing.PrivateKey,
        mallory: Curve25519.Signing.PrivateKey = Curve25519.Signing.PrivateKey(),
        jdoeKeyFile: String? = nil
    ) async throws -> EvidenceResult {
        let (workspace, keyring) = try Self.workspace(
            key, mallory: mallory, jdoeKeyFile: jdoeKeyFile)
        try workspace.write("evidence/statement.json", statement)
        return await collector.collect(
            Kit.spec(.attestation, path: "evidence/statement.json"),
            context: Kit.context(root: workspace.root, signers: keyring))
    }

    @Test func aSignatureByTheNamedSignerVerifiesAndListsTheirKey() async throws {
        let key = Curve25519.Signing.PrivateKey()
        let result = try await collect(
            Self.signedStatement(key, statement: "Line one.\nLine two."), key: key)
        #expect(result.status == .pass)
        #expect(
            result.message
                == "evidence/statement.json: attested by Jane Doe (CISO) on 2026-05-02; "
                + "expires 2026-08-31; Ed25519 signature of signer `jdoe` verified")
        #expect(result.signer == "jdoe")
        #expect(result.artifacts.map(\.path) == ["evidence/statement.json", "keys/jdoe.pub"])
    }

    @Test func aSignatureByAnotherRegisteredSignersKeyFailsNamingThem() async throws {
        let mallory = Curve25519.Signing.PrivateKey()
        let result = try await collect(
            Self.signedStatement(mallory), key: Curve25519.Signing.PrivateKey(), mallory: mallory)
        #expect(result.status == .fail)
        #expect(result.signer == nil)
        #expect(
            result.message
                == "evidence/statement.json: signed with the key of signer `mallory`, not of "
                + "`jdoe` who is named")
    }

    @Test func anEditedStatementNoLongerVerifies() async throws {
        let key = Curve25519.Signing.PrivateKey()
        let edited = try Self.signedStatement(key)
            .replacingOccurrences(of: "Access review completed.", with: "Access review skipped.")
        let result = try await collect(edited, key: key)
        #expect(result.status == .fail)
        #expect(result.message.contains("does not verify with the key of signer `jdoe`"))
    }

    @Test func aStatementRelabelledToAnotherSignerNoLongerVerifies() async throws {
        let key = Curve25519.Signing.PrivateKey()
        let relabelled = try Self.signedStatement(key)
            .replacingOccurrences(of: #""signer": "jdoe""#, with: #""signer": "mallory""#)
            .replacingOccurrences(of: "Jane Doe", with: "Mallory")
        #expect(try await collect(relabelled, key: key).status == .fail)
    }

    @Test func anUnsignedStatementFails() async throws {
        let unsigned =
            #"{"signer": "jdoe", "who": "Jane Doe", "role": "CISO", "date": "2026-05-02", "#
            + #""statement": "S"}"#
        let result = try await collect(unsigned, key: Curve25519.Signing.PrivateKey())
        #expect(result.status == .fail)
        #expect(result.message.hasPrefix("evidence/statement.json: not signed"))
    }

    @Test func aSignatureThatIsNotBase64CannotBeChecked() async throws {
        let statement =
            #"{"signer": "jdoe", "who": "Jane Doe", "role": "CISO", "date": "2026-05-02", "#
            + #""statement": "S", "signature": "%%%"}"#
        let result = try await collect(statement, key: Curve25519.Signing.PrivateKey())
        #expect(result.status == .error)
    }

    @Test func anUnusableKeyFileIsAnErrorAndADiagnosticAtItsPublicKey() async throws {
        let key = Curve25519.Signing.PrivateKey()
        let (workspace, keyring) = try Self.workspace(key, jdoeKeyFile: "not a key\n")
        #expect(Kit.codes(keyring.diagnostics) == ["signer.invalid-key 2:17"])
        try workspace.write("evidence/statement.json", try Self.signedStatement(key))
        let result = await collector.collect(
            Kit.spec(.attestation, path: "evidence/statement.json"),
            context: Kit.context(root: workspace.root, signers: keyring))
        #expect(result.status == .error)
        #expect(result.message.contains("signer `jdoe`'s key cannot be used"))
    }

    @Test(arguments: [
        ("public_keys: [bm90IGEga2V5]", ["evidence.attestation-shared-key 1:14"]),
        ("public_key_file: keys/team.pub", ["evidence.attestation-shared-key 1:18"]),
        ("signature: abc", ["evidence.unknown-option 1:12"]),
    ])
    func badOptionsAreDiagnosed(_ options: String, _ expected: [String]) {
        let spec = Kit.spec(.attestation, path: "attestation/access-review.yaml", options: options)
        #expect(Kit.codes(collector.validate(spec)) == expected)
    }

    @Test func aSharedKeyIsRefusedAtCollectionToo() async {
        let result = await collector.collect(
            Kit.spec(
                .attestation, path: "attestation/access-review.yaml",
                options: "public_key_file: keys/jdoe.pub"), context: Kit.context())
        #expect(result.status == .error)
    }
}

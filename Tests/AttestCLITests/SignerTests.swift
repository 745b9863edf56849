import AttestCLI
import AttestTestSupport
import Crypto
import Foundation
import Testing

/// Signers with their own keys: an attestation verifies only against the signer it names,
/// within that signer's validity (issue 12 §2).
@Suite struct SignerTests {
    @Test func aStatementSignedByItsOwnSignerPasses() async throws {
        let workspace = try SignedWorkspace()
        try workspace.writeStatement(signer: "alice", key: workspace.alice)
        let result = try await workspace.collect()
        #expect(result.status == "pass", "\(result.message)")
        #expect(result.message.contains("signer `alice`"), "\(result.message)")
        #expect(try await workspace.validate().isEmpty)
    }

    @Test func aStatementSignedWithAnotherSignersKeyFailsNamingWhoseKeyItIs() async throws {
        let workspace = try SignedWorkspace()
        try workspace.writeStatement(signer: "alice", key: workspace.bob)
        let result = try await workspace.collect()
        #expect(result.status == "fail")
        #expect(
            result.message.contains("signed with the key of signer `bob`, not of `alice`"),
            "\(result.message)")
        let found = try await workspace.validate()
        #expect(found.map(\.code) == ["evidence.attestation-signature"])
        #expect(found.first?.severity == "warning")
        #expect(
            found.first.map { "\($0.position?.file ?? ""):\($0.position?.line ?? 0)" }
                == "evidence/a.yaml:6")
    }

    @Test func aStatementSignedWithAKeyOfNoSignerFails() async throws {
        let workspace = try SignedWorkspace()
        try workspace.writeStatement(signer: "alice", key: Curve25519.Signing.PrivateKey())
        let result = try await workspace.collect()
        #expect(result.status == "fail")
        #expect(result.message.contains("does not verify with the key of signer `alice`"))
    }

    @Test func aStatementChangedAfterSigningFails() async throws {
        let workspace = try SignedWorkspace()
        try workspace.writeStatement(signer: "alice", key: workspace.alice)
        let text = try workspace.folder.text("evidence/a.yaml")
        try workspace.folder.write(
            "evidence/a.yaml", text.replacingOccurrences(of: "Reviewed.", with: "Reviewed!"))
        #expect(try await workspace.collect().status == "fail")
    }

    @Test(arguments: ["2025-12-31", "2026-07-01"])
    func aStatementDatedOutsideItsSignersValidityFails(_ date: String) async throws {
        let workspace = try SignedWorkspace()
        try workspace.writeStatement(signer: "alice", date: date, key: workspace.alice)
        let result = try await workspace.collect()
        #expect(result.status == "fail")
        #expect(result.message.contains("outside the validity of signer `alice`"))
    }

    @Test func aStatementNamingAnUnregisteredSignerFailsAndValidateBlamesTheName() async throws {
        let workspace = try SignedWorkspace()
        try workspace.writeStatement(signer: "carol", key: workspace.alice)
        let result = try await workspace.collect()
        #expect(result.status == "fail")
        #expect(result.message.contains("signer `carol` is not registered"))
        let found = try await workspace.validate()
        #expect(found.map(\.code) == ["signer.unknown"])
        #expect(found.first?.severity == "error")
        #expect(
            found.first?.position.map { "\($0.file):\($0.line):\($0.column)" }
                == "evidence/a.yaml:1:9")
    }

    @Test func aStatementNamingNoSignerFails() async throws {
        let workspace = try SignedWorkspace()
        try workspace.writeStatement(signer: nil, key: workspace.alice)
        let result = try await workspace.collect()
        #expect(result.status == "fail")
        #expect(result.message.contains("names no signer"))
    }

    @Test func aStatementWhoseWhoIsNotItsSignersNameFails() async throws {
        let workspace = try SignedWorkspace()
        try workspace.writeStatement(signer: "alice", who: "Bob Stone", key: workspace.alice)
        #expect(try await workspace.collect().status == "fail")
    }

    @Test func theOldSharedKeyOptionIsAMigrationErrorWithAHint() async throws {
        let workspace = try SignedWorkspace(
            evidenceOptions: "        public_key_file: keys/signers/alice.pub")
        try workspace.writeStatement(signer: "alice", key: workspace.alice)
        let found = try await workspace.validate()
        #expect(found.map(\.code) == ["evidence.attestation-shared-key"])
        #expect(found.first?.severity == "error")
        #expect(found.first?.position?.file == "controls/library/controls.yaml")
        #expect(found.first?.position?.line == 10)
    }

    // MARK: The registry

    static func registry(_ entries: String) -> String { "signers:\n" + entries }

    static let aliceEntry = """
          - id: alice
            name: Alice Martin
            role: CISO
            public_key: keys/signers/alice.pub
            valid_from: 2026-01-01

        """

    @Test func aSignerDefinedTwiceIsAnErrorWithANoteAtTheFirst() async throws {
        let workspace = try SignedWorkspace(
            registry: Self.registry(Self.aliceEntry + Self.aliceEntry))
        try workspace.writeStatement(signer: "alice", key: workspace.alice)
        let found = try await workspace.validate()
        #expect(found.map(\.code) == ["signer.duplicate-id"])
        #expect(found.first?.position?.line == 12)
    }

    @Test func aValidityEndingBeforeItStartsIsAnErrorAtValidUntil() async throws {
        let workspace = try SignedWorkspace(
            registry: Self.registry(Self.aliceEntry + "    valid_until: 2025-06-30\n"))
        try workspace.writeStatement(signer: "alice", key: workspace.alice)
        let found = try await workspace.validate()
        #expect(found.map(\.code).contains("signer.invalid-validity"))
        #expect(found.first { $0.code == "signer.invalid-validity" }?.position?.line == 12)
    }

    @Test(
        arguments: [
            ("keys/signers/alice.pub", "not a key\n", "signer.invalid-key"),
            ("keys/signers/alice.pub", "", "signer.invalid-key"),
            (
                "keys/signers/alice.pub",
                "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 alice@laptop\n",
                "signer.unsupported-key-type"
            ),
            ("keys/signers/elsewhere.pub", nil, "workspace.missing-file"),
        ] as [(String, String?, String)])
    func anUnusableKeyFileIsAnErrorAtItsPublicKey(
        _ path: String, _ contents: String?, _ code: String
    ) async throws {
        let entry = Self.aliceEntry.replacingOccurrences(
            of: "keys/signers/alice.pub", with: path)
        let workspace = try SignedWorkspace(registry: Self.registry(entry))
        if let contents { try workspace.folder.write(path, contents) }
        try workspace.writeStatement(signer: "alice", key: workspace.alice)
        let found = try await workspace.validate()
        #expect(found.map(\.code) == [code])
        #expect(
            found.first?.position.map { "\($0.file):\($0.line):\($0.column)" }
                == "attest.yaml:10:17")
        if code == "signer.unsupported-key-type" {
            #expect(found.first?.message.contains("only ssh-ed25519 is supported") == true)
        }
        let result = try await workspace.collect()
        #expect(result.status == "none", "the workspace has errors: nothing is collected")
    }
}

import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// `attest attestation sign` writes statements that verify against their signer, and
/// `attest keygen` keeps private keys out of the workspace.
@Suite struct AttestationSignCommandTests: InProcessCommands {
    /// A workspace whose signer alice has a key made by `attest keygen` outside it; the
    /// private key's path.
    func aliceWithKeygenKey() async throws -> (SignedWorkspace, String) {
        let workspace = try SignedWorkspace()
        let keys = workspace.keys
        let made = await run(["keygen", "--out", keys.root.path, "--name", "alice"])
        #expect(made.status == 0, "\(made.err)")
        try workspace.folder.write(
            "keys/signers/alice.pub", try keys.text("alice.pub"))
        return (workspace, keys.root.appendingPathComponent("alice.key").path)
    }

    @Test(arguments: [
        "Reviewed.",
        "Quarterly review done.\n  - 3 accounts removed\n\nNext review: Q4 # not a comment\n",
        "  leading spaces, \"quotes\", a backslash \\ and a tab\t",
        "two final newlines\n\n",
        "trailing spaces   \nsecond line",
    ])
    func aSignedStatementVerifiesAndReadsBackExactly(_ text: String) async throws {
        let (workspace, key) = try await aliceWithKeygenKey()
        let statementFile = workspace.keys.root.appendingPathComponent("statement.txt")
        try Data(text.utf8).write(to: statementFile)
        let signed = await run([
            "attestation", "sign", "--workspace", workspace.root.path, "--signer", "alice",
            "--key", key, "--statement-file", statementFile.path, "--date", "2026-05-01",
            "--out", workspace.root.appendingPathComponent("evidence/a.yaml").path,
        ])
        #expect(signed.status == 0, "\(signed.err)")
        let written = try workspace.folder.text("evidence/a.yaml")
        #expect(written.hasPrefix("signer: \"alice\"\nwho: \"Alice Martin\"\nrole: \"CISO\"\n"))
        // The collector verifies the signature over the statement as it reads it back: a
        // pass means the text read back is exactly the text signed.
        let result = try await workspace.collect()
        #expect(result.status == "pass", "\(result.message)\n\(written)")
    }

    @Test func signingWithAnotherSignersKeyIsRefusedBeforeAnythingIsWritten() async throws {
        let (workspace, key) = try await aliceWithKeygenKey()
        try workspace.folder.write(
            "keys/signers/bob.pub", try workspace.folder.text("keys/signers/alice.pub"))
        try workspace.folder.write(
            "keys/signers/alice.pub",
            workspace.alice.publicKey.rawRepresentation.base64EncodedString())
        let signed = await run([
            "attestation", "sign", "--workspace", workspace.root.path, "--signer", "alice",
            "--key", key, "--statement", "Reviewed.", "--date", "2026-05-01",
            "--out", workspace.root.appendingPathComponent("evidence/a.yaml").path,
        ])
        #expect(signed.status == 2)
        #expect(signed.err.contains("signed with the key of signer `bob`, not of `alice`"))
        #expect(!FileManager.default.fileExists(atPath: workspace.root.path + "/evidence/a.yaml"))
    }

    @Test func aDateOutsideTheSignersValidityIsRefused() async throws {
        let (workspace, key) = try await aliceWithKeygenKey()
        let signed = await run([
            "attestation", "sign", "--workspace", workspace.root.path, "--signer", "alice",
            "--key", key, "--statement", "Reviewed.", "--date", "2026-07-01",
        ])
        #expect(signed.status == 2)
        #expect(signed.err.contains("outside the validity of signer 'alice'"))
    }

    @Test(.enabled(if: LocalService.available("ssh-keygen")))
    func signingWithAnOpenSSHKeyRunsSSHKeygenAndVerifies() async throws {
        let workspace = try SignedWorkspace()
        let (key, line) = try SSHSignatureTests.keyPair("alice", in: workspace.keys.root)
        try workspace.folder.write("keys/signers/alice.pub", line)
        let signed = await run([
            "attestation", "sign", "--workspace", workspace.root.path, "--signer", "alice",
            "--ssh-key", key.path, "--statement", "Reviewed.", "--date", "2026-05-01",
            "--out", workspace.root.appendingPathComponent("evidence/a.yaml").path,
        ])
        #expect(signed.status == 0, "\(signed.err)")
        #expect(try workspace.folder.text("evidence/a.yaml").contains("BEGIN SSH SIGNATURE"))
        let result = try await workspace.collect()
        #expect(result.status == "pass", "\(result.message)")
    }

    @Test func keygenRefusesToWriteAPrivateKeyInsideAWorkspace() async throws {
        let workspace = try SignedWorkspace()
        let inside = workspace.root.appendingPathComponent("keys/private").path
        let refused = await run([
            "keygen", "--workspace", workspace.root.path, "--out", inside, "--name", "alice",
        ])
        #expect(refused.status == 2)
        #expect(refused.err.contains("inside the workspace"))
        #expect(!FileManager.default.fileExists(atPath: inside + "/alice.key"))
        let allowed = await run([
            "keygen", "--workspace", workspace.root.path, "--out", inside, "--name", "alice",
            "--inside-workspace",
        ])
        #expect(allowed.status == 0, "\(allowed.err)")
        #expect(FileManager.default.fileExists(atPath: inside + "/alice.key"))
    }
}

import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// Attestations signed with OpenSSH keys: the SSHSIG format `ssh-keygen -Y sign -n attest`
/// writes, verified against the signer the statement names. Keys and signatures come from
/// the real ssh-keygen.
@Suite(.enabled(if: LocalService.available("ssh-keygen")))
struct SSHSignatureTests {
    /// Runs ssh-keygen with `arguments`, feeding `input`; its standard output.
    @discardableResult
    static func sshKeygen(_ arguments: [String], input: Data = Data()) throws -> Data {
        let process = Process()
        process.executableURL = LocalService.path(of: "ssh-keygen")
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SSHKeygenFailed(
                arguments: arguments, status: process.terminationStatus,
                message: String(decoding: errors, as: UTF8.self))
        }
        return output
    }

    struct SSHKeygenFailed: Error {
        var arguments: [String]
        var status: Int32
        var message: String
    }

    /// A new ssh-ed25519 key pair in `folder`: the private key's path and the public line.
    static func keyPair(_ name: String, in folder: URL) throws -> (URL, String) {
        let key = folder.appendingPathComponent(name)
        try sshKeygen(["-q", "-t", "ed25519", "-N", "", "-C", "\(name)@test", "-f", key.path])
        let line = try String(
            contentsOf: folder.appendingPathComponent(name + ".pub"), encoding: .utf8)
        return (key, line)
    }

    /// The signature ssh-keygen makes over `message` with `key` in `namespace`.
    static func sign(_ message: Data, key: URL, namespace: String = "attest") throws -> String {
        String(
            decoding: try sshKeygen(
                ["-Y", "sign", "-n", namespace, "-f", key.path], input: message),
            as: UTF8.self)
    }

    /// A workspace where alice and bob are registered with OpenSSH keys; their private keys.
    static func workspace() throws -> (SignedWorkspace, alice: URL, bob: URL) {
        let workspace = try SignedWorkspace()
        let (alice, alicePublic) = try keyPair("alice", in: workspace.keys.root)
        let (bob, bobPublic) = try keyPair("bob", in: workspace.keys.root)
        try workspace.folder.write("keys/signers/alice.pub", alicePublic)
        try workspace.folder.write("keys/signers/bob.pub", bobPublic)
        return (workspace, alice, bob)
    }

    static let aliceMessage = SignedWorkspace.message(
        signer: "alice", who: "Alice Martin", role: "CISO", date: "2026-05-01")

    @Test func aSignatureMadeByTheRealSSHKeygenVerifies() async throws {
        let (workspace, alice, _) = try Self.workspace()
        try workspace.writeStatement(
            signer: "alice", who: "Alice Martin",
            armored: try Self.sign(Self.aliceMessage, key: alice))
        let result = try await workspace.collect()
        #expect(result.status == "pass", "\(result.message)")
        #expect(result.message.contains("SSH signature of signer `alice` verified"))
        #expect(try await workspace.validate().isEmpty)
    }

    /// A signature remembered by the evidence cache (docs/evidence-cache.md) is remembered for
    /// the exact statement bytes, key and signature: the same signature under a changed
    /// statement is checked again, and fails.
    @Test func aRememberedSignatureNeverVouchesForAChangedStatement() async throws {
        let (workspace, alice, _) = try Self.workspace()
        try workspace.writeStatement(
            signer: "alice", who: "Alice Martin",
            armored: try Self.sign(Self.aliceMessage, key: alice))
        let cache = workspace.keys.root.appendingPathComponent("cache")
        func collect() async throws -> String {
            try await AttestBinary.run(
                [
                    "collect", "--workspace", workspace.root.path, "--store",
                    workspace.root.appendingPathComponent(".attest/s.sqlite").path,
                    "--evidence-cache", cache.path,
                ], environment: ["CI": "", "ATTEST_EVIDENCE_CACHE_KEY": ""]
            ).standardError
        }
        let first = try await collect()
        #expect(first.contains("[1/1] e-1: pass"), "\(first)")
        #expect(first.contains("evidence cache: 0 readings reused, 2 made"), "\(first)")
        let second = try await collect()
        #expect(second.contains("SSH signature of signer `alice` verified"), "\(second)")
        #expect(second.contains("evidence cache: 2 readings reused, 0 made"), "\(second)")
        let changed = try workspace.folder.text("evidence/a.yaml")
            .replacingOccurrences(of: "date: 2026-05-01", with: "date: 2026-05-02")
        try workspace.folder.write("evidence/a.yaml", changed)
        let third = try await collect()
        #expect(third.contains("[1/1] e-1: fail"), "\(third)")
        #expect(third.contains("does not verify"), "\(third)")
    }

    @Test func aSignatureInAnotherNamespaceFails() async throws {
        let (workspace, alice, _) = try Self.workspace()
        try workspace.writeStatement(
            signer: "alice", who: "Alice Martin",
            armored: try Self.sign(Self.aliceMessage, key: alice, namespace: "git"))
        let result = try await workspace.collect()
        #expect(result.status == "fail")
        #expect(result.message.contains("namespace 'git', not 'attest'"), "\(result.message)")
    }

    @Test func aChangedStatementFails() async throws {
        let (workspace, alice, _) = try Self.workspace()
        var tampered = Self.aliceMessage
        tampered.append(contentsOf: Array(" Two accounts removed.".utf8))
        try workspace.writeStatement(
            signer: "alice", who: "Alice Martin", armored: try Self.sign(tampered, key: alice))
        let result = try await workspace.collect()
        #expect(result.status == "fail")
        #expect(result.message.contains("does not verify"), "\(result.message)")
    }

    @Test func aSignatureByAnotherSignersKeyFailsNamingThem() async throws {
        let (workspace, _, bob) = try Self.workspace()
        try workspace.writeStatement(
            signer: "alice", who: "Alice Martin",
            armored: try Self.sign(Self.aliceMessage, key: bob))
        let result = try await workspace.collect()
        #expect(result.status == "fail")
        #expect(
            result.message.contains("signed with the key of signer `bob`, not of `alice`"),
            "\(result.message)")
    }

    @Test func aSignatureByAKeyOfNoSignerFails() async throws {
        let (workspace, _, _) = try Self.workspace()
        let (carol, _) = try Self.keyPair("carol", in: workspace.keys.root)
        try workspace.writeStatement(
            signer: "alice", who: "Alice Martin",
            armored: try Self.sign(Self.aliceMessage, key: carol))
        let result = try await workspace.collect()
        #expect(result.status == "fail")
        #expect(result.message.contains("not signer `alice`'s"), "\(result.message)")
    }

    @Test func aTruncatedOrGarbledArmorIsAnErrorNotACrash() async throws {
        let (workspace, alice, _) = try Self.workspace()
        let armored = try Self.sign(Self.aliceMessage, key: alice)
        let lines = armored.split(separator: "\n").map(String.init)
        let body = lines.dropFirst().dropLast().joined()
        let variants = [
            // Cut in the middle of the base64 (a length field then runs past the end).
            [lines[0], String(body.prefix(body.count / 2)), lines[lines.count - 1]],
            [lines[0], String(body.prefix(40)), lines[lines.count - 1]],
            [lines[0], "!!!not base64!!!", lines[lines.count - 1]],
            [lines[0], "U1NIU0lH/////w==", lines[lines.count - 1]],  // SSHSIG, huge version
            [lines[0], "U1NIU0lHAAAAAf////8=", lines[lines.count - 1]],  // key length 2^32-1
        ]
        for variant in variants {
            try workspace.writeStatement(
                signer: "alice", who: "Alice Martin", armored: variant.joined(separator: "\n"))
            let result = try await workspace.collect()
            #expect(result.status == "error", "\(variant): \(result.message)")
        }
    }
}

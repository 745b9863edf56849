import AttestCore
import Crypto
import Foundation
import Testing

@testable import AttestEvidence

/// Reading signers' public keys and OpenSSH signatures: the forms accepted, the key types
/// refused, and hostile input that must give an error, never a crash.
@Suite struct SignerKeyTests {
    static let key = Curve25519.Signing.PrivateKey()

    /// SSH wire `string`s, written here independently of the code under test.
    static func wire(_ parts: [[UInt8]]) -> [UInt8] {
        parts.flatMap { part in
            let count = UInt32(part.count)
            return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: count >> $0) } + part
        }
    }

    static var sshBlob: [UInt8] {
        wire([Array("ssh-ed25519".utf8), Array(key.publicKey.rawRepresentation)])
    }

    @Test func theThreeKeyFormsReadAsTheSameKey() throws {
        let raw = Self.key.publicKey.rawRepresentation
        let pem =
            "-----BEGIN PUBLIC KEY-----\n"
            + Data(
                [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]
                    + Array(raw)
            ).base64EncodedString() + "\n-----END PUBLIC KEY-----\n"
        let forms = [
            "# alice\n" + raw.base64EncodedString() + "\n",
            pem,
            "ssh-ed25519 \(Data(Self.sshBlob).base64EncodedString()) alice@laptop\n",
        ]
        for form in forms {
            #expect(try SignerPublicKey.parse(form).key.rawRepresentation == raw, "\(form)")
        }
    }

    @Test(arguments: [
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 alice@laptop",
        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY= alice@laptop",
        "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t alice@laptop",
    ])
    func otherSSHKeyTypesAreUnsupportedSayingOnlyEd25519Is(_ line: String) {
        #expect {
            try SignerPublicKey.parse(line)
        } throws: { error in
            guard case .unsupported(let message)? = error as? SignerPublicKey.Problem else {
                return false
            }
            return message.contains("only ssh-ed25519 is supported")
        }
    }

    @Test(arguments: [
        "", "# only a comment\n", "not a key", "c2hvcnQ=", "ssh-ed25519 !!!",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
        "\(Data(repeating: 1, count: 32).base64EncodedString())\n"
            + "\(Data(repeating: 2, count: 32).base64EncodedString())",
    ])
    func anythingElseIsAnInvalidKey(_ text: String) {
        #expect(throws: SignerPublicKey.Problem.self) { try SignerPublicKey.parse(text) }
    }

    /// An SSHSIG over `message`, assembled here from PROTOCOL.sshsig.
    static func sshsig(
        _ message: Data, namespace: String = "attest", hash: String = "sha256"
    ) throws -> [UInt8] {
        let digest =
            hash == "sha512" ? Array(SHA512.hash(data: message)) : Array(SHA256.hash(data: message))
        let signed =
            Array("SSHSIG".utf8)
            + wire([Array(namespace.utf8), [], Array(hash.utf8), digest])
        let signature = try key.signature(for: Data(signed))
        return Array("SSHSIG".utf8) + [0, 0, 0, 1]
            + wire([
                sshBlob, Array(namespace.utf8), [], Array(hash.utf8),
                wire([Array("ssh-ed25519".utf8), Array(signature)]),
            ])
    }

    static func armor(_ blob: [UInt8]) -> String {
        "-----BEGIN SSH SIGNATURE-----\n\(Data(blob).base64EncodedString())\n"
            + "-----END SSH SIGNATURE-----\n"
    }

    @Test(arguments: ["sha256", "sha512"])
    func anSSHSignatureVerifiesWithEitherHash(_ hash: String) throws {
        let message = Data("attest-attestation-v2\nalice".utf8)
        let signature = try SSHSignature.parse(Self.armor(try Self.sshsig(message, hash: hash)))
        #expect(try signature.verifies(message))
        #expect(try !signature.verifies(Data("attest-attestation-v2\nalicE".utf8)))
    }

    @Test func anUnknownHashAlgorithmIsRefused() throws {
        let message = Data("m".utf8)
        let signature = try SSHSignature.parse(Self.armor(try Self.sshsig(message, hash: "md5")))
        #expect(throws: SSHSignature.Malformed.self) { try signature.verifies(message) }
    }

    @Test func everyTruncationOfASignatureIsMalformedNotACrash() throws {
        let blob = try Self.sshsig(Data("m".utf8))
        for length in 0..<blob.count {
            #expect(throws: SSHSignature.Malformed.self) {
                try SSHSignature.parse(Self.armor(Array(blob.prefix(length))))
            }
        }
        #expect(throws: SSHSignature.Malformed.self) {
            try SSHSignature.parse(Self.armor(blob + [0]))
        }
    }

    @Test func randomBytesAndOversizedArmorAreMalformedNotACrash() throws {
        var generator = SplitMix64(seed: 12)
        let blob = try Self.sshsig(Data("m".utf8))
        for _ in 0..<2_000 {
            var bytes = blob
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            // A mutated signature may still parse; it must never verify a changed message
            // with a changed signature silently or crash.
            if let signature = try? SSHSignature.parse(Self.armor(bytes)) {
                _ = try? signature.verifies(Data("m".utf8))
            }
        }
        let huge = Self.armor([UInt8](repeating: 0x41, count: SSHSignature.maxArmorBytes))
        #expect(throws: SSHSignature.Malformed.self) { try SSHSignature.parse(huge) }
    }
}

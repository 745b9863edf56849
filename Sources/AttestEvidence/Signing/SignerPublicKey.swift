import Crypto
import Foundation

/// A signer's Ed25519 public key, read from the text of its key file.
///
/// Three forms are read, so a signer can use the key they already have:
/// - the form attestation keys always had: the raw 32 bytes in base64 on one line;
/// - PEM `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo, RFC 8410), as `attest keygen`
///   writes it;
/// - an OpenSSH public key line, `ssh-ed25519 AAAA… comment`, as `ssh-keygen` writes it.
///
/// Blank lines and lines starting with `#` are ignored; exactly one key must remain.
struct SignerPublicKey: Equatable {
    var key: Curve25519.Signing.PublicKey

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.key.rawRepresentation == rhs.key.rawRepresentation
    }

    /// Why a key file cannot be used.
    enum Problem: Error, Equatable {
        /// Not one Ed25519 public key in a known form.
        case invalid(String)
        /// A key of another type (ssh-rsa, ecdsa, a security key…).
        case unsupported(String)

        var message: String {
            switch self {
            case .invalid(let message), .unsupported(let message): message
            }
        }
    }

    /// The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow.
    static let spkiPrefix: [UInt8] = [
        0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00,
    ]

    /// The OpenSSH key type Attest verifies.
    static let sshType = "ssh-ed25519"
    /// How OpenSSH key types begin (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256,
    /// sk-ssh-ed25519@openssh.com…): a line starting so is an OpenSSH key, of a type that may
    /// be unsupported.
    static let sshTypePrefixes = ["ssh-", "ecdsa-", "sk-"]

    /// Reads the text of a key file.
    static func parse(_ text: String) throws(Problem) -> SignerPublicKey {
        let lines = text.split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard let first = lines.first else { throw .invalid("the file holds no public key") }
        if first.hasPrefix("-----BEGIN ") { return try pem(lines) }
        guard lines.count == 1 else {
            throw .invalid("the file holds \(lines.count) keys; a signer has exactly one")
        }
        let fields = first.split(separator: " ", omittingEmptySubsequences: true)
        if fields.count >= 2, sshTypePrefixes.contains(where: { fields[0].hasPrefix($0) }) {
            return try openSSH(String(fields[0]), String(fields[1]))
        }
        guard let raw = Data(base64Encoded: first), raw.count == 32,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else {
            throw .invalid(
                "not an Ed25519 public key: expected the raw 32-byte key in base64, a PEM "
                    + "PUBLIC KEY, or an OpenSSH line 'ssh-ed25519 AAAA…'")
        }
        return SignerPublicKey(key: key)
    }

    private static func pem(_ lines: [String]) throws(Problem) -> SignerPublicKey {
        guard lines.first == "-----BEGIN PUBLIC KEY-----",
            let end = lines.firstIndex(of: "-----END PUBLIC KEY-----")
        else {
            throw .invalid("a PEM key file must hold one '-----BEGIN PUBLIC KEY-----' block")
        }
        guard end == lines.count - 1 else {
            throw .invalid("the file holds more than one key; a signer has exactly one")
        }
        guard let der = Data(base64Encoded: lines[1..<end].joined()) else {
            throw .invalid("the PEM block is not base64")
        }
        guard der.count == spkiPrefix.count + 32, Array(der.prefix(spkiPrefix.count)) == spkiPrefix
        else { throw .unsupported("the PEM key is not an Ed25519 key; only Ed25519 is supported") }
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32))
        else { throw .invalid("not an Ed25519 public key") }
        return SignerPublicKey(key: key)
    }

    private static func openSSH(
        _ type: String, _ encoded: String
    ) throws(Problem) -> SignerPublicKey {
        guard type == sshType else {
            throw .unsupported(
                "the key is of type '\(type.prefix(40))'; only ssh-ed25519 is supported "
                    + "(make one with `ssh-keygen -t ed25519`)")
        }
        guard let blob = Data(base64Encoded: encoded) else {
            throw .invalid("the ssh-ed25519 key is not base64")
        }
        return try fromSSHBlob([UInt8](blob))
    }

    /// A key from its SSH wire blob: `string "ssh-ed25519"`, `string key` (32 bytes).
    static func fromSSHBlob(_ blob: [UInt8]) throws(Problem) -> SignerPublicKey {
        var reader = SSHWireReader(blob)
        guard let type = reader.text() else { throw .invalid("the SSH key blob is malformed") }
        guard type == sshType else {
            throw .unsupported(
                "the key is of type '\(type.prefix(40))'; only ssh-ed25519 is supported")
        }
        guard let raw = reader.string(), raw.count == 32, reader.isAtEnd,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { throw .invalid("the ssh-ed25519 key blob is malformed") }
        return SignerPublicKey(key: key)
    }

    /// The key as an SSH wire blob, as SSHSIG embeds it.
    var sshBlob: [UInt8] {
        var writer = SSHWireWriter()
        writer.string(Array(Self.sshType.utf8))
        writer.string(Array(key.rawRepresentation))
        return writer.bytes
    }
}

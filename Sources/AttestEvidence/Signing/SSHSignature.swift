import Crypto
import Foundation

/// An OpenSSH signature (`ssh-keygen -Y sign`), the SSHSIG format of OpenSSH's
/// PROTOCOL.sshsig, restricted to Ed25519 keys.
///
/// ```
/// -----BEGIN SSH SIGNATURE-----
/// base64 of: "SSHSIG" uint32(1) string(public key) string(namespace) string(reserved)
///            string(hash algorithm) string(signature)
/// -----END SSH SIGNATURE-----
/// ```
///
/// The signature covers `"SSHSIG" string(namespace) string(reserved) string(hash algorithm)
/// string(H(message))`, so the namespace binds it to its use: Attest accepts only `attest`.
struct SSHSignature: Equatable {
    /// The key that made the signature (the signer's public key, embedded by ssh-keygen).
    var publicKey: SignerPublicKey
    var namespace: String
    /// `sha256` or `sha512`.
    var hashAlgorithm: String
    /// The raw 64-byte Ed25519 signature.
    var signature: [UInt8]

    static let beginLine = "-----BEGIN SSH SIGNATURE-----"
    static let endLine = "-----END SSH SIGNATURE-----"
    static let magic = Array("SSHSIG".utf8)
    /// The namespace attestations are signed in (`ssh-keygen -Y sign -n attest`).
    static let namespace = "attest"
    /// An Ed25519 SSHSIG armor is about 300 characters; this leaves room and bounds the work.
    static let maxArmorBytes = 8 * 1024

    /// Why an armored signature cannot be read.
    struct Malformed: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// Whether `text` looks like an SSHSIG armor (so it is parsed as one).
    static func isArmored(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix(beginLine)
    }

    /// Parses an armored signature; every length is checked, and nothing crashes on bad input.
    static func parse(_ armored: String) throws(Malformed) -> SSHSignature {
        guard armored.utf8.count <= maxArmorBytes else {
            throw Malformed(description: "the SSH signature is longer than \(maxArmorBytes) bytes")
        }
        let lines = armored.split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        guard lines.first == beginLine, lines.last == endLine, lines.count >= 3 else {
            throw Malformed(
                description: "the SSH signature must sit between '\(beginLine)' and '\(endLine)'")
        }
        guard let blob = Data(base64Encoded: lines.dropFirst().dropLast().joined()) else {
            throw Malformed(description: "the SSH signature is not base64")
        }
        var reader = SSHWireReader([UInt8](blob))
        func fail(_ what: String) -> Malformed {
            Malformed(description: "the SSH signature is malformed: \(what)")
        }
        guard reader.raw(magic.count) == magic else { throw fail("it does not start with SSHSIG") }
        guard let version = reader.uint32() else { throw fail("no version") }
        guard version == 1 else { throw fail("version \(version) is not supported (only 1)") }
        guard let keyBlob = reader.string(), let namespace = reader.text(),
            reader.string() != nil, let hashAlgorithm = reader.text(),
            let signatureBlob = reader.string()
        else { throw fail("a field is cut short") }
        guard reader.isAtEnd else { throw fail("bytes follow the signature") }
        let key: SignerPublicKey
        do { key = try SignerPublicKey.fromSSHBlob(keyBlob) } catch {
            throw Malformed(description: "the SSH signature's key: \(error.message)")
        }
        var inner = SSHWireReader(signatureBlob)
        guard let type = inner.text() else { throw fail("the signature blob is cut short") }
        guard type == SignerPublicKey.sshType else {
            throw Malformed(
                description: "the SSH signature is of type '\(type.prefix(40))'; only "
                    + "ssh-ed25519 is supported")
        }
        guard let raw = inner.string(), raw.count == 64, inner.isAtEnd else {
            throw fail("the Ed25519 signature is not 64 bytes")
        }
        return SSHSignature(
            publicKey: key, namespace: namespace, hashAlgorithm: hashAlgorithm, signature: raw)
    }

    /// Whether the signature is valid for `message` in the `attest` namespace.
    ///
    /// - Throws: `Malformed` for a namespace other than `attest` or an unknown hash algorithm,
    ///   which are refused whatever the signature.
    func verifies(_ message: Data) throws(Malformed) -> Bool {
        guard namespace == Self.namespace else {
            throw Malformed(
                description: "the SSH signature is in namespace '\(namespace.prefix(40))', not "
                    + "'\(Self.namespace)' (sign with `ssh-keygen -Y sign -n \(Self.namespace)`)")
        }
        let digest: [UInt8]
        switch hashAlgorithm {
        case "sha256": digest = Array(SHA256.hash(data: message))
        case "sha512": digest = Array(SHA512.hash(data: message))
        default:
            throw Malformed(
                description: "the SSH signature uses hash '\(hashAlgorithm.prefix(40))'; "
                    + "only sha256 and sha512 are supported")
        }
        return publicKey.key.isValidSignature(
            signature, for: Self.signedData(namespace: namespace, hash: hashAlgorithm, digest))
    }

    /// The bytes the Ed25519 signature covers.
    static func signedData(namespace: String, hash: String, _ digest: [UInt8]) -> Data {
        var writer = SSHWireWriter()
        writer.raw(magic)
        writer.string(Array(namespace.utf8))
        writer.string([UInt8]())
        writer.string(Array(hash.utf8))
        writer.string(digest)
        return Data(writer.bytes)
    }
}

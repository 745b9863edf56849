import AttestSystem
import Crypto
import Foundation

/// Ed25519 keys in the standard PEM forms (RFC 8410): `PRIVATE KEY` (PKCS #8) and
/// `PUBLIC KEY` (SubjectPublicKeyInfo), so OpenSSL and other tools read them too.
public enum BundleKeys {
    /// DER prefixes of the two structures; the 32 key bytes follow.
    static let privatePrefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04,
        0x20,
    ]
    static let publicPrefix: [UInt8] = [
        0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00,
    ]

    /// A new key pair as PEM text.
    public static func generate() -> (privateKey: String, publicKey: String) {
        let key = Curve25519.Signing.PrivateKey()
        return (pem(key), pem(key.publicKey))
    }

    public static func pem(_ key: Curve25519.Signing.PrivateKey) -> String {
        armor("PRIVATE KEY", privatePrefix + Array(key.rawRepresentation))
    }

    public static func pem(_ key: Curve25519.Signing.PublicKey) -> String {
        armor("PUBLIC KEY", publicPrefix + Array(key.rawRepresentation))
    }

    private static func armor(_ label: String, _ der: [UInt8]) -> String {
        "-----BEGIN \(label)-----\n\(Data(der).base64EncodedString())\n-----END \(label)-----\n"
    }

    private static func der(
        _ text: String, label: String, prefix: [UInt8]
    ) throws(BundleError) -> Data {
        let lines = text.split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----"),
            let end = lines.firstIndex(of: "-----END \(label)-----"), begin < end,
            let data = Data(base64Encoded: lines[(begin + 1)..<end].joined()),
            data.count == prefix.count + 32, Array(data.prefix(prefix.count)) == prefix
        else {
            throw BundleError(
                code: .invalidKey, detail: "not an Ed25519 \(label.lowercased()) in PEM form")
        }
        return data.dropFirst(prefix.count)
    }

    public static func privateKey(
        pem text: String
    ) throws(BundleError) -> Curve25519.Signing.PrivateKey {
        let raw = try der(text, label: "PRIVATE KEY", prefix: privatePrefix)
        do { return try Curve25519.Signing.PrivateKey(rawRepresentation: raw) } catch {
            throw BundleError(code: .invalidKey, detail: "not an Ed25519 private key")
        }
    }

    public static func publicKey(
        pem text: String
    ) throws(BundleError) -> Curve25519.Signing.PublicKey {
        let raw = try der(text, label: "PUBLIC KEY", prefix: publicPrefix)
        do { return try Curve25519.Signing.PublicKey(rawRepresentation: raw) } catch {
            throw BundleError(code: .invalidKey, detail: "not an Ed25519 public key")
        }
    }

    /// Lower-case hex SHA-256 of the raw 32-byte public key: what the trust center publishes.
    public static func fingerprint(_ key: Curve25519.Signing.PublicKey) -> String {
        Hex.encode(SHA256.hash(data: key.rawRepresentation))
    }

    /// The fingerprint of a public key file's contents.
    public static func fingerprint(ofPublicKeyFile data: Data) throws(BundleError) -> String {
        fingerprint(try publicKey(pem: String(decoding: data, as: UTF8.self)))
    }

    /// A fingerprint as people copy it from a trust center, in the form ``fingerprint(_:)``
    /// gives: 64 hex digits, upper or lower case, optionally after `ed25519` (as the site
    /// shows it) or `SHA256:`, optionally split by colons or spaces.
    ///
    /// - Throws: `BundleError.invalidKey` when what is left is not 64 hex digits.
    public static func fingerprint(parsing text: String) throws(BundleError) -> String {
        let cleaned = text.lowercased().filter { $0 != ":" && !$0.isWhitespace }
        for prefix in ["", "ed25519", "sha256"] where cleaned.hasPrefix(prefix) {
            let digits = cleaned.dropFirst(prefix.count)
            if digits.count == 64, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) {
                return String(digits)
            }
        }
        throw BundleError(
            code: .invalidKey,
            detail: "'\(text)' is not a key fingerprint (64 hex digits, as the trust center "
                + "publishes it)")
    }
}

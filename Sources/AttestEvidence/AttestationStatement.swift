import AttestCore
import Foundation

/// A person's signed-off statement that a control operates, read from a YAML or JSON file:
///
/// ```yaml
/// signer: jdoe
/// who: Jane Doe
/// role: CISO
/// date: 2026-05-01
/// statement: Quarterly access review completed; 3 accounts removed.
/// expires: 2026-08-01
/// attachment: { path: evidence/reviews/q2.pdf, sha256: 9f86d0… }
/// signature: base64 Ed25519 signature of `canonicalBytes`, or an SSHSIG armor
/// ```
struct AttestationStatement: Equatable {
    /// The id of the registered signer whose key signed it.
    var signer: String?
    var who: String
    var role: String
    var date: String
    var statement: String
    var expires: String?
    var attachment: Attachment?
    var signature: String?

    struct Attachment: Equatable {
        var path: String
        var sha256: String
    }

    static let keys: Set<String> = [
        "schema", "signer", "who", "role", "date", "statement", "expires", "attachment",
        "signature",
    ]

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads and checks the shape of a statement; dates are checked by the collector.
    static func read(_ value: ConfigValue) throws(Invalid) -> AttestationStatement {
        guard let entries = value.mapping else {
            throw Invalid(description: "an attestation must be a mapping")
        }
        let unknown = entries.map(\.key).filter { !keys.contains($0) }
        guard unknown.isEmpty else {
            throw Invalid(
                description: "unknown field(s) \(unknown.map { "'\($0)'" }.joined(separator: ", "))"
                    + "; allowed: \(keys.sorted().joined(separator: ", "))")
        }
        func text(_ key: String, required: Bool, singleLine: Bool = true) throws(Invalid) -> String?
        {
            guard let field = value[key] else {
                if required { throw Invalid(description: "missing '\(key)'") }
                return nil
            }
            guard let scalar = field.scalar, !scalar.isEmpty else {
                throw Invalid(description: "'\(key)' must be a non-empty string")
            }
            if singleLine, scalar.contains(where: \.isNewline) {
                throw Invalid(description: "'\(key)' must be a single line")
            }
            return scalar
        }
        var attachment: Attachment?
        if let field = value["attachment"] {
            guard let entries = field.mapping, Set(entries.map(\.key)) == ["path", "sha256"],
                let path = field["path"]?.scalar, let hash = field["sha256"]?.scalar
            else {
                throw Invalid(description: "'attachment' must be a mapping of 'path' and 'sha256'")
            }
            guard ContentHash.isSHA256Hex(hash) else {
                throw Invalid(description: "'attachment.sha256' must be 64 lower-case hex digits")
            }
            attachment = Attachment(path: path, sha256: hash)
        }
        // An SSH signature is armored over several lines; an Ed25519 one is a single line.
        let armored = value["signature"]?.scalar.map(SSHSignature.isArmored) ?? false
        return AttestationStatement(
            signer: try text("signer", required: false),
            who: try text("who", required: true) ?? "",
            role: try text("role", required: true) ?? "",
            date: try text("date", required: true) ?? "",
            statement: try text("statement", required: true, singleLine: false) ?? "",
            expires: try text("expires", required: false),
            attachment: attachment,
            signature: try text("signature", required: false, singleLine: !armored))
    }

    /// The bytes a signature covers: UTF-8 of eight lines joined by `\n` (no trailing newline):
    /// `attest-attestation-v2`, the signer id, who, role, date, expires (or empty), the
    /// attachment's sha256 (or empty), then the statement exactly as parsed (it alone may span
    /// lines, which is why it comes last). The signer id is signed so that a statement cannot
    /// be relabelled to someone else.
    var canonicalBytes: Data {
        let lines = [
            Self.canonicalHeader, signer ?? "", who, role, date, expires ?? "",
            attachment?.sha256 ?? "", statement,
        ]
        return Data(lines.joined(separator: "\n").utf8)
    }

    /// The first line of the signed bytes; it changes whenever their layout does.
    static let canonicalHeader = "attest-attestation-v2"

}

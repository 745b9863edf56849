import AttestCore
import AttestSystem
import Crypto
import Foundation

/// A statement about to be signed for a registered signer: `attest attestation sign` fills it
/// from the registry (who, role) and the command line, then writes it with its signature, so
/// nobody assembles the signed bytes by hand.
public struct AttestationDraft: Sendable {
    var statement: AttestationStatement

    /// Why a draft cannot be made or signed.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// A draft for `signer`, who and role taken from the registry.
    ///
    /// - Parameters:
    ///   - date: `YYYY-MM-DD`, within the signer's validity.
    ///   - expires: Optional last valid day, `YYYY-MM-DD`.
    ///   - attachment: Optional workspace file whose SHA-256 the statement pins (read
    ///     through the confinement function).
    /// - Throws: `Problem` for a bad date, a date outside the signer's validity, an empty or
    ///   unreadable statement or attachment.
    public init(
        signer: Signer, date: String, statement: String, expires: String? = nil,
        attachment: String? = nil, root: URL
    ) throws(Problem) {
        guard Timestamp.day(date) != nil else {
            throw Problem(description: "--date '\(date)' is not YYYY-MM-DD")
        }
        if let expires, Timestamp.day(expires) == nil {
            throw Problem(description: "--expires '\(expires)' is not YYYY-MM-DD")
        }
        guard signer.isValid(on: date) else {
            throw Problem(
                description: "\(date) is outside the validity of signer '\(signer.id)' (from "
                    + signer.validFrom + (signer.validUntil.map { " until \($0)" } ?? "") + ")")
        }
        guard !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Problem(description: "the statement is empty")
        }
        var pinned: AttestationStatement.Attachment?
        if let attachment {
            do {
                let path = try WorkspaceRoot.path(attachment)
                let file = try WorkspaceRoot(root).open(path, limit: 1 << 30)
                pinned = .init(path: path.relative, sha256: try ContentHash.sha256(of: file))
            } catch {
                throw Problem(description: "attachment \(attachment): \(error)")
            }
        }
        self.statement = AttestationStatement(
            signer: signer.id.rawValue, who: signer.name, role: signer.role, date: date,
            statement: statement, expires: expires, attachment: pinned, signature: nil)
    }

    /// The exact bytes to sign (docs/collectors.md, "Signed bytes").
    public var signedBytes: Data { statement.canonicalBytes }

    /// Signs with an Ed25519 private key, refusing a key that is not the signer's own.
    public func signed(
        with key: Curve25519.Signing.PrivateKey, keyring: SignerKeyring
    ) throws(Problem) -> String {
        let signature: Data
        do { signature = try key.signature(for: signedBytes) } catch {
            throw Problem(description: "cannot sign: \(error)")
        }
        return try withSignature(signature.base64EncodedString(), keyring: keyring)
    }

    /// The statement as YAML with `signature` (base64 Ed25519, or an SSHSIG armor), after
    /// checking it verifies against the signer's registered key exactly as collection will.
    ///
    /// - Throws: `Problem` naming what collection would report (another signer's key…).
    public func withSignature(
        _ signature: String, keyring: SignerKeyring
    ) throws(Problem) -> String {
        var signed = statement
        signed.signature = signature.trimmingCharacters(in: .whitespacesAndNewlines)
        switch SignatureCheck.verify(signed, keyring: keyring) {
        case .valid: return Self.yaml(signed)
        case .invalid(let reason), .undecidable(let reason):
            throw Problem(description: "the signature would not verify: \(reason)")
        case .unknownSigner(let id):
            throw Problem(description: "signer '\(id)' is not registered under 'signers:'")
        }
    }

    /// The statement in YAML, every field written so that it reads back exactly: single-line
    /// fields double-quoted, the statement as a literal block when that keeps it unchanged.
    static func yaml(_ statement: AttestationStatement) -> String {
        var lines = [
            "signer: \(quoted(statement.signer ?? ""))",
            "who: \(quoted(statement.who))",
            "role: \(quoted(statement.role))",
            "date: \(statement.date)",
        ]
        if let expires = statement.expires { lines.append("expires: \(expires)") }
        lines.append("statement: " + block(statement.statement))
        if let attachment = statement.attachment {
            lines += [
                "attachment:", "  path: \(quoted(attachment.path))",
                "  sha256: \(attachment.sha256)",
            ]
        }
        if let signature = statement.signature {
            if SSHSignature.isArmored(signature) {
                lines.append("signature: |")
                lines += signature.split(whereSeparator: \.isNewline).map { "  \($0)" }
            } else {
                lines.append("signature: \(quoted(signature))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar: `\`, `"` and control characters escaped, the rest as is.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out += String(format: "\\x%02X", scalar.value)
            case _ where scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A literal block (`|` with one final newline, `|-` without) when every line reads back
    /// unchanged under a two-space indent; otherwise a double-quoted scalar.
    static func block(_ text: String) -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let safe =
            !body.isEmpty && !body.hasSuffix("\n")
            && lines.allSatisfy { line in
                !line.hasSuffix(" ") && !line.hasSuffix("\t")
                    && line.unicodeScalars.allSatisfy {
                        $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)
                            && $0.value != 0xFEFF && $0.value != 0x2028 && $0.value != 0x2029
                    }
            }
            && lines.first?.first.map { !$0.isWhitespace } == true
        guard safe else { return quoted(text) }
        return (text.hasSuffix("\n") ? "|" : "|-") + "\n"
            + lines.map { $0.isEmpty ? "" : "  \($0)" }.joined(separator: "\n")
    }
}

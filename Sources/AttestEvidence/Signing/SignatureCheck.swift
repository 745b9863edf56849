import AttestCore
import Crypto
import Foundation

/// Verification of an attestation against the one signer it names: registered, the key file
/// usable, the statement dated within the signer's validity, and signed with that signer's
/// own key — an Ed25519 signature in base64, or an OpenSSH SSHSIG in the `attest` namespace.
enum SignatureCheck {
    /// Signed by the signer named; the entry gives the signer and the key file read.
    case valid(SignerKeyring.Entry, method: String)
    /// A failing check: no signer, an unregistered one, unsigned, outside the signer's
    /// validity, signed with another key, or a changed statement.
    case invalid(String)
    /// An unregistered signer (a failing check too; `validate` points at the name).
    case unknownSigner(SignerID)
    /// Cannot be decided: the signer's key file is unusable, or the signature is malformed.
    case undecidable(String)

    /// - Parameter cache: Where a signature that verified is remembered, so a later build
    ///   with the same key, signature and statement does not verify it again.
    static func verify(
        _ statement: AttestationStatement, keyring: SignerKeyring, cache: EvidenceCache? = nil
    ) -> SignatureCheck {
        guard let name = statement.signer else {
            return .invalid(
                "names no signer: an attestation names its registered signer in 'signer:' "
                    + "and is signed with their key")
        }
        let id = SignerID(name)
        guard let entry = keyring.entry(id) else { return .unknownSigner(id) }
        let key: SignerPublicKey
        switch entry.key {
        case .success(let usable): key = usable
        case .failure(let problem):
            return .undecidable("signer `\(id)`'s key cannot be used: \(problem.message)")
        }
        let signer = entry.signer
        guard statement.who == signer.name else {
            return .invalid(
                "'who' is \(ValueText.quote(statement.who)), but signer `\(id)` is "
                    + ValueText.quote(signer.name))
        }
        guard signer.isValid(on: statement.date) else {
            return .invalid(
                "dated \(statement.date), outside the validity of signer `\(id)` (from "
                    + signer.validFrom + (signer.validUntil.map { " until \($0)" } ?? "") + ")")
        }
        guard let encoded = statement.signature else {
            return .invalid("not signed: sign it with `attest attestation sign`")
        }
        let message = statement.canonicalBytes
        if SSHSignature.isArmored(encoded) {
            return verifySSH(
                encoded, message, key: key, id: id, entry: entry, keyring: keyring, cache: cache)
        }
        guard let signature = Data(base64Encoded: encoded), signature.count == 64 else {
            return .undecidable(
                "'signature' is neither a base64 Ed25519 signature nor an SSH signature")
        }
        let fact = cache.map { _ in
            EvidenceCache.ID(tag: "ed25519", [key.key.rawRepresentation, signature, message])
        }
        if remembered(fact, in: cache) { return .valid(entry, method: "Ed25519") }
        if key.key.isValidSignature(signature, for: message) {
            remember(fact, in: cache)
            return .valid(entry, method: "Ed25519")
        }
        if let other = keyring.signer(
            except: id, where: { $0.key.isValidSignature(signature, for: message) })
        {
            return .invalid(wrongKey(other, named: id))
        }
        return .invalid(
            "the signature does not verify with the key of signer `\(id)`: the statement was "
                + "changed after it was signed, or it was signed with another key")
    }

    private static func verifySSH(
        _ armored: String, _ message: Data, key: SignerPublicKey, id: SignerID,
        entry: SignerKeyring.Entry, keyring: SignerKeyring, cache: EvidenceCache?
    ) -> SignatureCheck {
        let signature: SSHSignature
        do { signature = try SSHSignature.parse(armored) } catch {
            return .undecidable(error.description)
        }
        guard signature.publicKey == key else {
            if let other = keyring.signer(except: id, where: { $0 == signature.publicKey }) {
                return .invalid(wrongKey(other, named: id))
            }
            return .invalid(
                "the SSH signature was made with a key that is not signer `\(id)`'s (nor any "
                    + "registered signer's)")
        }
        // The armored signature holds the key, already compared with the signer's above.
        let fact = cache.map { _ in
            EvidenceCache.ID(tag: "sshsig", [Data(armored.utf8), message])
        }
        if remembered(fact, in: cache) { return .valid(entry, method: "SSH") }
        do {
            guard try signature.verifies(message) else {
                return .invalid(
                    "the SSH signature does not verify with the key of signer `\(id)`: the "
                        + "statement was changed after it was signed")
            }
        } catch {
            return .invalid(error.description)
        }
        remember(fact, in: cache)
        return .valid(entry, method: "SSH")
    }

    /// Whether `cache` remembers that the signature of `fact` verified.
    private static func remembered(_ fact: EvidenceCache.ID?, in cache: EvidenceCache?) -> Bool {
        guard let fact, let cache else { return false }
        return cache.holds(fact)
    }

    /// Remembers that the signature of `fact` verified.
    private static func remember(_ fact: EvidenceCache.ID?, in cache: EvidenceCache?) {
        if let fact { cache?.record(fact) }
    }

    private static func wrongKey(_ other: SignerID, named id: SignerID) -> String {
        "signed with the key of signer `\(other)`, not of `\(id)` who is named"
    }
}

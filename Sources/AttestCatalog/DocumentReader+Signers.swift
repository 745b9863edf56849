import AttestCore
import Foundation

extension ConfigReader {
    /// Reads a `signers:` list. Each entry's shape and dates are checked here; ids shared
    /// across files are reported by ``SignerChecks/duplicates(_:)`` once everything is read,
    /// and the key files by the attestation collector's checks (they need the disk).
    mutating func readSigners(_ value: ConfigValue) -> [Signer] {
        guard let items = sequence(value, "signers") else { return [] }
        return items.compactMap { readSigner($0) }
    }

    private mutating func readSigner(_ value: ConfigValue) -> Signer? {
        guard
            let fields = fields(
                value, "a signer",
                allowed: ["id", "name", "role", "public_key", "valid_from", "valid_until"],
                required: ["id", "name", "role", "public_key", "valid_from"])
        else { return nil }
        let id = fields["id"].flatMap { plainString($0, "signer id") }
        let name = fields["name"].flatMap { string($0, "signer name") }
        let role = fields["role"].flatMap { string($0, "signer role") }
        let key = fields["public_key"]
        let path = key.flatMap { plainString($0, "public_key") }
        let from = fields["valid_from"].flatMap { date($0, "valid_from") }
        let until = fields["valid_until"].flatMap { date($0, "valid_until") }
        if let id, id.isEmpty || id.contains(where: { $0.isWhitespace }) {
            error(
                .schemaInvalidValue, "signer id '\(id)' must be a non-empty word without spaces",
                at: fields["id"]?.position ?? value.position)
            return nil
        }
        if let from, let until, until < from {
            report(
                .error(
                    .signerInvalidValidity,
                    "signer '\(id ?? "?")' is valid until \(until), before it is valid from "
                        + from,
                    at: fields["valid_until"]?.position ?? value.position,
                    notes: [.init("valid_from", at: fields["valid_from"]?.position)],
                    hint: "valid_until is the last day a statement may be dated with this key; "
                        + "it cannot come before valid_from"))
            return nil
        }
        guard let id, let name, let role, let key, let path, let from else { return nil }
        return Signer(
            id: SignerID(id), name: name, role: role, publicKey: path, validFrom: from,
            validUntil: until, position: value.position, publicKeyPosition: key.position)
    }
}

/// Checks of the whole `signers:` registry, once every file is read.
enum SignerChecks {
    /// Signers sharing an id: each later one is an error with a note at the first.
    static func duplicates(_ signers: [Signer]) -> [Diagnostic] {
        var first: [SignerID: SourcePosition] = [:]
        var diagnostics: [Diagnostic] = []
        for signer in signers {
            if let earlier = first[signer.id] {
                diagnostics.append(
                    .error(
                        .signerDuplicateID, "signer '\(signer.id)' is defined more than once",
                        at: signer.position, notes: [.init("first defined here", at: earlier)],
                        hint: "give each key its own id (for a rotated key, e.g. '\(signer.id)-2')"
                    ))
            } else {
                first[signer.id] = signer.position
            }
        }
        return diagnostics
    }
}

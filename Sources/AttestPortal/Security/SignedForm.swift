import Foundation

/// The validated request carried through the agreement page in hidden inputs, with an HMAC
/// over them: nothing is stored before the visitor accepts, and nothing they edit in between
/// (a name, a document, the agreement's version, the time) survives the check.
struct SignedForm: Sendable {
    let secret: PortalSecret
    static let purpose = "request-form"
    static let signatureField = "signature"

    /// The hidden fields and their order: everything the acceptance needs.
    struct Payload: Hashable, Sendable {
        var details: RequestDetails
        var locale: String
        var ndaSHA256: String
        /// When the agreement page was made (Unix seconds), for its lifetime.
        var issuedAt: Int64
    }

    /// The hidden inputs for `payload`, signature last.
    func fields(_ payload: Payload) -> [(name: String, value: String)] {
        var fields = Self.plainFields(payload)
        fields.append((Self.signatureField, Base64URL.encode(mac(fields))))
        return fields
    }

    /// The payload the form's hidden fields carry, if their signature holds and they are not
    /// older than `lifetime` at `now`.
    func verify(_ form: FormData, now: Date, lifetime: TimeInterval) -> Payload? {
        guard
            let signature = form[Self.signatureField].flatMap({ Base64URL.decode($0, maxBytes: 64) }
            ),
            let issuedText = form["issued"], issuedText.count <= 12, let issued = Int64(issuedText)
        else { return nil }
        let payload = Payload(
            details: RequestDetails(
                name: form["name"] ?? "", email: form["email"] ?? "",
                company: form["company"] ?? "", reason: form["reason"] ?? "",
                documents: form.all("documents")),
            locale: form["locale"] ?? "", ndaSHA256: form["nda"] ?? "", issuedAt: issued)
        guard
            secret.isValid(
                mac: signature, of: Self.canonical(Self.plainFields(payload)), purpose: Self.purpose
            )
        else { return nil }
        let age = now.timeIntervalSince1970 - TimeInterval(issued)
        guard age >= -60, age <= lifetime else { return nil }
        return payload
    }

    private func mac(_ fields: [(name: String, value: String)]) -> [UInt8] {
        secret.mac(Self.canonical(fields), purpose: Self.purpose)
    }

    private static func plainFields(_ payload: Payload) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [
            ("name", payload.details.name), ("email", payload.details.email),
            ("company", payload.details.company), ("reason", payload.details.reason),
        ]
        fields += payload.details.documents.map { ("documents", $0) }
        fields += [
            ("locale", payload.locale), ("nda", payload.ndaSHA256),
            ("issued", String(payload.issuedAt)),
        ]
        return fields
    }

    /// Each name and value length-prefixed, so no two field lists encode alike.
    private static func canonical(_ fields: [(name: String, value: String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, value) in fields {
            for part in [name, value] {
                let utf8 = Array(part.utf8)
                withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
                bytes += utf8
            }
        }
        return bytes
    }
}

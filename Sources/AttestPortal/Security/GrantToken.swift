import Foundation

/// The token of a grant link (`/access/<token>`): which request it opens and until when,
/// signed with the portal's secret.
///
/// Its text is `base64url(id "." expiry) "." base64url(HMAC-SHA256(secret, first part))`, the
/// expiry in Unix seconds. The id alone opens nothing: without the secret no one can make a
/// token for it, nor extend one's expiry. Verification recomputes the MAC and compares it in
/// constant time before reading anything else.
public struct GrantToken: Hashable, Sendable {
    public var id: AccessRequestID
    /// When the link stops working (whole seconds).
    public var expiresAt: Date

    /// The longest token text looked at; anything longer is malformed.
    public static let maxLength = 256
    static let purpose = "grant"

    public init(id: AccessRequestID, expiresAt: Date) {
        self.id = id
        self.expiresAt = Date(timeIntervalSince1970: expiresAt.timeIntervalSince1970.rounded(.down))
    }

    /// The token's text, for a link.
    public func encoded(with secret: PortalSecret) -> String {
        let payload = Base64URL.encode(
            Array("\(id.rawValue).\(Int64(expiresAt.timeIntervalSince1970))".utf8))
        return payload + "."
            + Base64URL.encode(secret.mac(Array(payload.utf8), purpose: Self.purpose))
    }

    /// The path of the grant link, `/access/<token>`, for the e-mail that carries it (prefix
    /// it with the portal's public `https://` address).
    public func path(with secret: PortalSecret) -> String {
        PortalPaths.access + encoded(with: secret)
    }

    /// Why a token was refused.
    public enum Refusal: String, Error, Hashable, Sendable {
        /// Not a token at all (wrong shape, encoding or id).
        case malformed = "portal.token-malformed"
        /// Well formed, but not signed with this secret (edited, or forged).
        case tampered = "portal.token-tampered"
        /// Genuine, but its expiry has passed.
        case expired = "portal.token-expired"
    }

    /// The token `text` stands for, if it is genuine and not expired at `now`.
    ///
    /// - Throws: ``Refusal``.
    public static func verify(
        _ text: String, secret: PortalSecret, now: Date
    ) throws(Refusal) -> GrantToken {
        guard text.utf8.count <= maxLength else { throw .malformed }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let mac = Base64URL.decode(parts[1], maxBytes: 64), mac.count == 32,
            let payloadBytes = Base64URL.decode(parts[0], maxBytes: 128), !payloadBytes.isEmpty
        else { throw .malformed }
        guard secret.isValid(mac: mac, of: Array(parts[0].utf8), purpose: purpose) else {
            throw .tampered
        }
        let payload = String(decoding: payloadBytes, as: UTF8.self)
        let fields = payload.split(separator: ".", omittingEmptySubsequences: false)
        guard fields.count == 2, let id = AccessRequestID(String(fields[0])),
            fields[1].utf8.count <= 12, fields[1].allSatisfy(\.isASCII),
            let seconds = Int64(fields[1]), seconds >= 0
        else { throw .malformed }
        let token = GrantToken(
            id: id, expiresAt: Date(timeIntervalSince1970: TimeInterval(seconds)))
        guard now < token.expiresAt else { throw .expired }
        return token
    }
}

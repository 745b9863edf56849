import Foundation

/// Cross-site request forgery protection for every form: a random per-visitor cookie, and in
/// each form a field holding HMAC-SHA256(secret, cookie). A POST passes only when both are
/// present and match (compared in constant time).
///
/// Another site can make a browser send the cookie, but cannot read it (HttpOnly,
/// SameSite=Strict) nor compute the field without the server's secret. Behind TLS the cookie is
/// `__Host-` prefixed and `Secure`, so neither a subdomain nor plain HTTP can set it.
struct CSRFGuard: Sendable {
    let secret: PortalSecret
    /// The name of the form field holding the token.
    static let field = "csrf"
    static let purpose = "csrf"
    /// Bytes of randomness in a cookie value.
    static let cookieBytes = 32

    /// The cookie's name: `__Host-` prefixed over HTTPS.
    static func cookieName(secure: Bool) -> String {
        secure ? "__Host-attest_csrf" : "attest_csrf"
    }

    /// The visitor's cookie value if it has the form this guard makes.
    static func validCookie(_ value: String?) -> String? {
        guard let value, let bytes = Base64URL.decode(value), bytes.count == cookieBytes else {
            return nil
        }
        return value
    }

    /// A new cookie value.
    static func newCookie() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(
            (0..<cookieBytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The `Set-Cookie` header value for `cookie`.
    static func setCookieHeader(_ cookie: String, secure: Bool) -> String {
        "\(cookieName(secure: secure))=\(cookie); Path=/; HttpOnly; SameSite=Strict"
            + (secure ? "; Secure" : "")
    }

    /// The form field value for the visitor holding `cookie`.
    func token(for cookie: String) -> String {
        Base64URL.encode(secret.mac(Array(cookie.utf8), purpose: Self.purpose))
    }

    /// Whether `token` (the form field) belongs with `cookie`.
    func isValid(token: String?, cookie: String?) -> Bool {
        guard let cookie = Self.validCookie(cookie), let token,
            let mac = Base64URL.decode(token, maxBytes: 64)
        else { return false }
        return secret.isValid(mac: mac, of: Array(cookie.utf8), purpose: Self.purpose)
    }
}

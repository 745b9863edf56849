import Hummingbird

/// The headers every portal response carries, static files and error pages alike.
///
/// The content security policy allows no script at all (the site and the portal need none), no
/// plugin, no `<base>`, forms posting only to the portal itself, and no framing (clickjacking
/// of the "I accept" box). No referrer is sent, because grant links carry their token in the
/// path. HSTS only over HTTPS: sent over plain HTTP it would be ignored at best, and would lock
/// out a site that has no TLS yet at worst.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        + "form-action 'self'; frame-ancestors 'none'"
    static let strictTransportSecurity = "max-age=31536000"

    static func apply(to headers: inout HTTPFields, secure: Bool) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers.set("Referrer-Policy", "no-referrer")
        headers.set("X-Frame-Options", "DENY")
        if secure { headers[.strictTransportSecurity] = strictTransportSecurity }
    }
}

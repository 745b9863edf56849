import Hummingbird

/// Who sent a request, as far as the portal can tell: the peer's address, or with
/// `--trust-proxy` the last entry of `X-Forwarded-For` (the one the proxy itself appended; the
/// entries before it are the client's word).
enum ClientAddress {
    /// The longest address text accepted from a header.
    static let maxLength = 64

    static func of(_ request: Request, peer: String?, trustProxy: Bool) -> String {
        if trustProxy, let forwarded = request.headers[named: "X-Forwarded-For"],
            let last = forwarded.split(separator: ",").last
        {
            let candidate = last.trimmingCharacters(in: .whitespaces)
            if isAddress(candidate) { return candidate }
        }
        return peer ?? "unknown"
    }

    /// Whether the request arrived over HTTPS: always behind a TLS proxy, or when the trusted
    /// proxy says so.
    static func isSecure(_ request: Request, behindTLS: Bool, trustProxy: Bool) -> Bool {
        if behindTLS { return true }
        guard trustProxy, let proto = request.headers[named: "X-Forwarded-Proto"] else {
            return false
        }
        return proto.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// An IPv4 or IPv6 address's characters only, bounded.
    private static func isAddress(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maxLength
            && text.unicodeScalars.allSatisfy {
                $0.properties.isASCIIHexDigit || $0 == "." || $0 == ":"
            }
    }
}

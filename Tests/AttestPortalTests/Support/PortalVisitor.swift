import Foundation

/// A browser without JavaScript, as far as the request flow needs one: it keeps the CSRF
/// cookie, reads the hidden fields of the page it was shown and posts the forms back.
struct PortalVisitor {
    let port: Int
    var cookie: String?
    var headers: [(String, String)] = []

    init(port: Int, headers: [(String, String)] = []) {
        self.port = port
        self.headers = headers
    }

    /// Opens the form, keeping the cookie it sets; returns the page.
    mutating func open(_ path: String) async throws -> RawResponse {
        let response = try await RawHTTP.request(
            "GET", path, port: port, headers: cookieHeader + headers)
        if let set = response.cookies.first, let pair = set.split(separator: ";").first {
            cookie = String(pair)
        }
        return response
    }

    /// Posts `fields` plus the page's CSRF token (when `csrfFrom` is given).
    func post(_ path: String, _ fields: [(String, String)]) async throws -> RawResponse {
        try await RawHTTP.post(path, port: port, form: fields, headers: cookieHeader + headers)
    }

    private var cookieHeader: [(String, String)] {
        cookie.map { [("Cookie", $0)] } ?? []
    }

    /// The hidden inputs of `html`, in order, entities decoded.
    static func hiddenFields(_ html: String) -> [(String, String)] {
        var fields: [(String, String)] = []
        let pattern = #"<input type="hidden" name="([^"]*)" value="([^"]*)">"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(html.startIndex..., in: html)
        for match in regex.matches(in: html, range: range) {
            guard let name = Range(match.range(at: 1), in: html),
                let value = Range(match.range(at: 2), in: html)
            else { continue }
            fields.append((unescape(String(html[name])), unescape(String(html[value]))))
        }
        return fields
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
                of: "&#39;", with: "'"
            )
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

import Foundation

/// The `Content-Type` of a site file, by its extension. Browsers must not guess
/// (`X-Content-Type-Options: nosniff` is sent), so unknown extensions are served as bytes.
enum ContentType {
    static let html = "text/html; charset=utf-8"
    static let json = "application/json"
    static let zip = "application/zip"
    static let plain = "text/plain; charset=utf-8"

    private static let byExtension: [String: String] = [
        "html": html, "htm": html,
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "json": json,
        "xml": "application/xml; charset=utf-8",
        "xsd": "application/xml; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8",
        "txt": plain, "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "ico": "image/x-icon", "avif": "image/avif",
        "pdf": "application/pdf", "zip": zip,
        "woff": "font/woff", "woff2": "font/woff2",
        "sig": "application/octet-stream",
    ]

    /// The type of the file named `name`.
    static func of(fileNamed name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        let ext = name[name.index(after: dot)...].lowercased()
        return byExtension[ext] ?? "application/octet-stream"
    }
}

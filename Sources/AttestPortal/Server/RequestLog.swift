import Logging

/// One structured log line per request, with nothing in it that grants access or identifies a
/// requester beyond their address: the query string is dropped, a grant link's token becomes
/// `[redacted]`, and no body (names, e-mail addresses, reasons) is ever logged.
enum RequestLog {
    /// The longest path logged; the rest is cut.
    static let maxPathLength = 200

    static func record(
        _ logger: Logger, method: String, path: String, status: Int, client: String
    ) {
        let level: Logger.Level = status >= 500 ? .error : .info
        logger.log(
            level: level, "request",
            metadata: [
                "method": .string(method), "path": .string(redacted(path)),
                "status": .stringConvertible(status), "client": .string(client),
            ])
    }

    /// `path` as it may be logged.
    static func redacted(_ path: String) -> String {
        let withoutQuery = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        if withoutQuery.hasPrefix(PortalPaths.access) {
            let rest = withoutQuery.dropFirst(PortalPaths.access.count)
            let suffix = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? ""
            return PortalPaths.access + "[redacted]" + sanitized(suffix)
        }
        return sanitized(withoutQuery)
    }

    /// Control characters replaced and the length bounded, so a path cannot forge log lines.
    private static func sanitized(_ text: String) -> String {
        var result = String(
            String.UnicodeScalarView(
                text.unicodeScalars.prefix(maxPathLength).map {
                    $0.value < 0x20 || (0x7f...0x9f).contains($0.value) ? "?" : $0
                }))
        if text.unicodeScalars.count > maxPathLength { result += "…" }
        return result
    }
}

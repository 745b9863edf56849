import Foundation

/// Where the portal listens: a host (name, IPv4, or IPv6 in brackets) and a TCP port.
public struct ListenAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    /// 0 asks the system for a free port (tests); the port bound is reported when listening.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` or `[v6]:port`, as `--listen` takes it.
    ///
    /// - Throws: `PortalError` (`portal.invalid-listen-address`) for anything else.
    public init(parsing text: String) throws(PortalError) {
        let invalid = PortalError(
            .invalidListenAddress, text,
            "'\(text)' is not a listen address: write host:port, such as 127.0.0.1:8080")
        guard let colon = text.lastIndex(of: ":") else { throw invalid }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let portText = text[text.index(after: colon)...]
        guard !host.isEmpty, !host.contains(where: { $0 == "[" || $0 == "]" || $0 == "/" }),
            host.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }),
            !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCII),
            let port = Int(portText), (0...65535).contains(port)
        else { throw invalid }
        self.init(host: host, port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

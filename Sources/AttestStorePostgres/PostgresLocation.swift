import AttestStore
import Foundation

/// Where a PostgreSQL store lives: `postgres://user[:password]@host[:port]/database`.
///
/// `--store` and `store:` in attest.yaml name either a SQLite file or such a URL; this type
/// decides which, and is the only place the URL's password is read. Every message shows the
/// URL as `redacted`, with the password replaced, so a password never reaches a log, an error
/// or `attest validate`'s output.
public struct PostgresLocation: Hashable, Sendable {
    public var host: String
    public var port: Int
    public var user: String
    /// From the URL, else from `PGPASSWORD`; nil when neither gives one (trust or peer
    /// authentication).
    public var password: String?
    public var database: String
    /// `sslmode=require` asks for TLS; the default (and `sslmode=disable`) is a plain
    /// connection, as on loopback or inside a private network.
    public var requiresTLS: Bool
    /// The URL as given, with its password (if any) replaced by `[REDACTED]`.
    public var redacted: String

    /// The marker that replaces a password, as the collectors' secret redaction writes it.
    public static let redactionMarker = "[REDACTED]"

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// `text` with the password of a `scheme://user:password@…` URL replaced, whatever the
    /// scheme; any other text unchanged. Works on URLs that do not parse, so a malformed one is
    /// still shown without its secret.
    public static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"),
            let colon = authority[..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<authority.index(after: colon)]) + redactionMarker
            + String(text[at...])
    }

    /// Parses a store URL. `environment` supplies `PGPASSWORD` when the URL has no password.
    ///
    /// - Throws: `store.io` naming the redacted URL and what is wrong with it.
    public init(
        parsing text: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) {
        let shown = Self.redact(text)
        func invalid(_ why: String) -> StoreError {
            StoreError(code: .io, path: shown, detail: why)
        }
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw invalid("not a postgres:// URL (postgres://user[:password]@host:port/database)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw invalid("the URL names no host")
        }
        guard let user = components.percentEncodedUser?.removingPercentEncoding, !user.isEmpty
        else { throw invalid("the URL names no user") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw invalid("the URL names no database (postgres://user@host:port/database)")
        }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw invalid("the port is out of range") }
        var requiresTLS = false
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", "require"): requiresTLS = true
            case ("sslmode", "disable"): requiresTLS = false
            default:
                throw invalid(
                    "unsupported URL option '\(item.name)' (only sslmode=require|disable)")
            }
        }
        self.host = host
        self.port = port
        self.user = user
        self.password =
            components.percentEncodedPassword?.removingPercentEncoding
            ?? environment["PGPASSWORD"]
        self.database = database
        self.requiresTLS = requiresTLS
        self.redacted = shown
    }
}

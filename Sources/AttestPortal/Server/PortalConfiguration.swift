import Foundation

/// Everything `PortalServer` needs besides its access desk: where to listen, what to serve,
/// how it is deployed, its secret, its limits and the words of its pages.
public struct PortalConfiguration: Sendable {
    /// The built static site (`reports/site`), served unchanged.
    public var siteFolder: URL
    public var listen: ListenAddress
    /// The portal is reached over HTTPS through a TLS proxy: send HSTS and make the CSRF cookie
    /// `__Host-` and `Secure`.
    public var behindTLS: Bool
    /// Believe `X-Forwarded-For` (its last entry is the client's address) and
    /// `X-Forwarded-Proto` from the proxy. Only when every request comes through that proxy:
    /// otherwise a client chooses its own address and escapes the rate limits.
    public var trustProxy: Bool
    public var secret: PortalSecret
    public var limits: PortalLimits
    /// What visitors may request and the agreement they accept, per locale.
    public var content: PortalContent

    public init(
        siteFolder: URL, listen: ListenAddress, behindTLS: Bool = false, trustProxy: Bool = false,
        secret: PortalSecret, limits: PortalLimits = PortalLimits(),
        content: PortalContent = PortalContent()
    ) {
        self.siteFolder = siteFolder
        self.listen = listen
        self.behindTLS = behindTLS
        self.trustProxy = trustProxy
        self.secret = secret
        self.limits = limits
        self.content = content
    }
}

/// Sizes and rates the portal never exceeds, whatever its visitors send.
public struct PortalLimits: Sendable {
    /// The largest request body accepted (a form); larger is refused with 413.
    public var maxBodyBytes = 16 * 1024
    /// The largest site file served; a larger one is not served (404).
    public var maxFileBytes = 32 * 1024 * 1024
    /// POSTs one client address may make in `perAddressWindow`.
    public var postsPerClient = 10
    public var clientWindow: TimeInterval = 10 * 60
    /// Access requests one e-mail address may make in `addressWindow`.
    public var requestsPerEmail = 3
    public var emailWindow: TimeInterval = 60 * 60
    /// The most keys (client addresses, e-mail addresses) each limiter remembers; the oldest is
    /// forgotten first, so memory stays bounded under a flood of new addresses.
    public var maxTrackedKeys = 10_000
    /// How long the signed form of the agreement step stays valid.
    public var formLifetime: TimeInterval = 60 * 60
    /// Seconds a connection may stay silent before it is closed.
    public var idleTimeout = 30
    /// The largest request head (all header fields together), and the most fields in it.
    public var maxHeaderBytes = 32 * 1024
    public var maxHeaderFields = 100
    /// Connections served at once; more wait in the listen backlog.
    public var maxConnections = 1024

    public init() {}
}

/// What the request pages offer: the documents one may ask for and the agreement text.
public struct PortalContent: Sendable {
    /// The NDA documents a visitor may tick, in the order shown.
    public var documents: [RequestableDocument]
    /// The agreement (NDA) text per locale code (`en`, `fr`); its SHA-256 is its version.
    public var agreements: [String: String]
    /// UI labels per locale code, from `templates/locales/<locale>.yaml` (`portal_*` keys).
    public var labels: [String: [String: String]]

    public init(
        documents: [RequestableDocument] = [], agreements: [String: String] = [:],
        labels: [String: [String: String]] = [:]
    ) {
        self.documents = documents
        self.agreements = agreements
        self.labels = labels
    }

    /// The locales the request pages are offered in: those with both labels and an agreement.
    public var locales: [String] {
        labels.keys.filter { agreements[$0] != nil }.sorted()
    }
}

/// A document a visitor may request under NDA: its id in the workspace and its title per
/// locale.
public struct RequestableDocument: Hashable, Sendable {
    public var id: String
    public var titles: [String: String]

    public init(id: String, titles: [String: String]) {
        self.id = id
        self.titles = titles
    }

    /// The title in `locale`, else English, else the id.
    public func title(in locale: String) -> String {
        titles[locale] ?? titles["en"] ?? id
    }
}

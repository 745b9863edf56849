import Foundation

/// The served trust portal's settings (`portal:` in attest.yaml; docs/portal.md).
///
/// Only what may sit in git lives here: the secret that signs grant links and forms, and any
/// SMTP credentials, come from the environment of `attest serve`.
public struct PortalSettings: Hashable, Sendable {
    /// The portal's public address (`https://trust.example.com`), for the links it e-mails.
    public var url: String
    /// The NDA a visitor accepts, one workspace file per locale; every locale of the site
    /// has one. Its version is the SHA-256 of the file's bytes.
    public var nda: [String: String]
    /// E-mail domains whose requests are approved at once (`buyer.example` matches
    /// `a@buyer.example` only, not a subdomain); the link still goes to the mailbox.
    public var autoApproveDomains: [String]
    /// How long a grant lasts once approved.
    public var grantDuration: TimeSpan
    /// Who is told of a pending request.
    public var notify: String?
    /// The sender of the portal's e-mails.
    public var mailFrom: String
    /// `smtp://host:port` of the mail relay; nil sends no e-mail (links are printed by
    /// `attest access approve` instead). `ATTEST_SMTP_URL` overrides it.
    public var smtp: String?
    /// The frameworks whose reports a viewer's bundle holds; nil for every framework.
    public var frameworks: [FrameworkID]?
    /// The nda documents a visitor may ask for; nil for every nda document.
    public var documents: [DocumentID]?
    public var position: SourcePosition
    /// Where each locale's NDA file was written.
    public var ndaPositions: [String: SourcePosition]

    /// A grant longer than a year is refused: a link that outlives the NDA's review cycle is
    /// a leak waiting to happen.
    public static let longestGrant = TimeSpan.days(366)

    public init(
        url: String, nda: [String: String], autoApproveDomains: [String] = [],
        grantDuration: TimeSpan = .days(14), notify: String? = nil, mailFrom: String,
        smtp: String? = nil, frameworks: [FrameworkID]? = nil, documents: [DocumentID]? = nil,
        position: SourcePosition, ndaPositions: [String: SourcePosition] = [:]
    ) {
        self.url = url
        self.nda = nda
        self.autoApproveDomains = autoApproveDomains
        self.grantDuration = grantDuration
        self.notify = notify
        self.mailFrom = mailFrom
        self.smtp = smtp
        self.frameworks = frameworks
        self.documents = documents
        self.position = position
        self.ndaPositions = ndaPositions
    }

    /// Whether `email`'s domain is one approved at once (compared without case).
    public func isAutoApproved(_ email: String) -> Bool {
        guard let at = email.lastIndex(of: "@") else { return false }
        let domain = email[email.index(after: at)...].lowercased()
        return autoApproveDomains.contains(domain)
    }
}

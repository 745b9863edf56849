import Foundation

/// Where the portal hands access requests and asks about grants: the ledger in the store and
/// the bundle maker, wired by the CLI. The portal itself stores nothing.
///
/// Every method may be called concurrently. Errors thrown are logged by type only (never their
/// text, which may hold personal data) and shown to the visitor as a generic failure, except
/// for ``submit(_:acceptedNDA:)``, whose outcome the visitor never learns.
public protocol AccessDesk: Sendable {
    /// Records a request and the agreement accepted with it; decides whether it is approved at
    /// once (an allowed domain), pending, a duplicate of an open request, or refused because
    /// the address asked too often; sends whatever e-mail follows.
    func submit(
        _ application: AccessApplication, acceptedNDA: NDAAcceptance
    ) async throws -> SubmissionOutcome

    /// The grant of request `id`, or nil when there is none.
    func grant(id: AccessRequestID) async throws -> AccessGrant?

    /// The viewer's own bundle for grant `id` (a ZIP, watermarked and signed), made at `now`;
    /// nil when the grant is not active at `now`.
    func bundle(for id: AccessRequestID, at now: Date) async throws -> Data?
}

/// What a visitor asked for, validated by the portal.
public struct AccessApplication: Hashable, Sendable {
    /// A new random id, made by the portal when the agreement is accepted.
    public var id: AccessRequestID
    public var name: String
    /// The work e-mail address, as typed (trimmed); the desk may lowercase it for matching.
    public var email: String
    public var company: String
    public var reason: String
    /// Ids of the requested documents (among `PortalContent.documents`).
    public var documents: [String]
    /// The locale the visitor used, for the e-mail that follows.
    public var locale: String

    public init(
        id: AccessRequestID, name: String, email: String, company: String, reason: String,
        documents: [String], locale: String
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.company = company
        self.reason = reason
        self.documents = documents
        self.locale = locale
    }
}

/// The click-wrap evidence: who accepted which agreement text, when, from where.
public struct NDAAcceptance: Hashable, Sendable {
    public var name: String
    public var email: String
    public var company: String
    public var acceptedAt: Date
    /// The client's address as the portal saw it (see `--trust-proxy`).
    public var clientAddress: String
    /// The `User-Agent` header, bounded and without control characters; empty when absent.
    public var userAgent: String
    /// SHA-256 of the agreement text shown, lowercase hex: the agreement's version.
    public var ndaSHA256: String
    /// The locale of the agreement text shown.
    public var ndaLocale: String

    public init(
        name: String, email: String, company: String, acceptedAt: Date, clientAddress: String,
        userAgent: String, ndaSHA256: String, ndaLocale: String
    ) {
        self.name = name
        self.email = email
        self.company = company
        self.acceptedAt = acceptedAt
        self.clientAddress = clientAddress
        self.userAgent = userAgent
        self.ndaSHA256 = ndaSHA256
        self.ndaLocale = ndaLocale
    }
}

/// What became of a submitted request. The visitor sees the same page for every case (no
/// account enumeration); the outcome is for logs and tests.
public enum SubmissionOutcome: Hashable, Sendable {
    case approved
    case pending
    /// An open request or active grant for the same address and documents already exists.
    case duplicate
    /// The address made too many requests recently.
    case rateLimited
}

/// A grant as the viewer's page shows it.
public struct AccessGrant: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        case pending, active, denied, revoked
    }

    public var id: AccessRequestID
    public var status: Status
    /// When access ends; an active grant past this date is expired.
    public var expiresAt: Date
    /// Titles of the documents the bundle holds, in the viewer's language where known.
    public var documents: [String]
    /// The viewer's name, as the bundle's watermark carries it.
    public var viewerName: String

    public init(
        id: AccessRequestID, status: Status, expiresAt: Date, documents: [String],
        viewerName: String
    ) {
        self.id = id
        self.status = status
        self.expiresAt = expiresAt
        self.documents = documents
        self.viewerName = viewerName
    }
}

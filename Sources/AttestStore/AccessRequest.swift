import AttestCore
import Foundation

/// Where a request for the reports under NDA stands.
public enum AccessStatus: String, Sendable, CaseIterable, Codable {
    /// Accepted the NDA; waits for someone to approve or deny it.
    case pending
    /// Granted until `AccessRequest.expiresAt`.
    case approved
    /// Refused; nothing was sent.
    case denied
    /// Was granted, then withdrawn before it expired.
    case revoked
}

/// One visitor's request for the reports under NDA, with the NDA acceptance a legal team asks
/// for: who accepted which text, when, from where.
///
/// A request is recorded once, when its NDA is accepted; only its decision changes later, by
/// `AccessLedger.decide`.
public struct AccessRequest: Hashable, Sendable {
    /// Random and unguessable (128 bits); grant links carry it inside a signed token.
    public var id: String
    /// When the NDA was accepted, which is when the request was recorded.
    public var createdAt: Date
    public var name: String
    public var email: String
    public var company: String
    public var reason: String
    /// The page's language, for the messages sent back.
    public var locale: String
    /// Ids of the `documents:` asked for (nda documents); empty for the reports alone.
    public var documents: [String]
    /// SHA-256 (hex) of the exact NDA text shown and accepted.
    public var ndaSHA256: String
    /// The client address the portal saw (behind a trusted proxy, the forwarded one).
    public var ipAddress: String
    public var userAgent: String
    public var status: AccessStatus
    public var decidedAt: Date?
    /// Who decided: `auto: allowed domain example.com`, `cli: alice`.
    public var decidedBy: String?
    /// When an approved grant ends.
    public var expiresAt: Date?

    public init(
        id: String, createdAt: Date, name: String, email: String, company: String,
        reason: String, locale: String, documents: [String], ndaSHA256: String,
        ipAddress: String, userAgent: String, status: AccessStatus = .pending,
        decidedAt: Date? = nil, decidedBy: String? = nil, expiresAt: Date? = nil
    ) {
        self.id = id
        self.createdAt = createdAt
        self.name = name
        self.email = email
        self.company = company
        self.reason = reason
        self.locale = locale
        self.documents = documents
        self.ndaSHA256 = ndaSHA256
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.status = status
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.expiresAt = expiresAt
    }

    /// Whether the grant lets its holder download at `now`: approved and not yet expired.
    public func isGranted(at now: Date) -> Bool {
        guard status == .approved, let expiresAt else { return false }
        return now < expiresAt
    }
}

/// A decision on a request: the new status, who took it, when, and for an approval, until when.
public struct AccessDecision: Hashable, Sendable {
    public var status: AccessStatus
    public var at: Date
    public var by: String
    public var expiresAt: Date?

    public init(status: AccessStatus, at: Date, by: String, expiresAt: Date? = nil) {
        self.status = status
        self.at = at
        self.by = by
        self.expiresAt = expiresAt
    }

    /// The statuses a request may be in for this decision to apply: pending requests are
    /// approved or denied, approved ones revoked; nothing leaves denied or revoked.
    public var allowedFrom: Set<AccessStatus> {
        switch status {
        case .approved, .denied: [.pending]
        case .revoked: [.approved]
        case .pending: []
        }
    }
}

/// The record of access requests, in the same database as the runs, so several portal
/// instances and the CLI share one ledger.
public protocol AccessLedger: Sendable {
    /// Records a new request. A request whose id is already recorded is refused
    /// (`store.invalid-record`), never recorded twice.
    func record(_ request: AccessRequest) throws(StoreError)

    /// The request with `id`, nil when there is none.
    func accessRequest(id: String) throws(StoreError) -> AccessRequest?

    /// Requests in one of `statuses`, newest first.
    func accessRequests(statuses: Set<AccessStatus>) throws(StoreError) -> [AccessRequest]

    /// Applies `decision` to request `id` atomically when the request is in one of
    /// `decision.allowedFrom`, and returns it as decided; nil when there is no such request or
    /// it was in another status (so of two instances deciding at once, one wins).
    func decide(_ id: String, _ decision: AccessDecision) throws(StoreError) -> AccessRequest?
}

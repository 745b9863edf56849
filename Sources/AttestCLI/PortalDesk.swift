import AttestCore
import AttestPortal
import AttestStore
import Crypto
import Foundation

/// The portal's `AccessDesk` on the store's ledger: records each accepted NDA as a request,
/// approves allowed domains at once, e-mails grant links and notices, and makes each viewer's
/// bundle with ``ViewerBundle``.
///
/// Store and bundle work is blocking, so it runs on threads of its own (``OffPool``), never on
/// Swift's cooperative pool, which the server's connections share.
final class PortalDesk: AccessDesk {
    let session: WorkspaceSession
    let portal: PortalSettings
    let store: any ScoreStore
    let signingKey: Curve25519.Signing.PrivateKey
    let secret: PortalSecret
    let mail: PortalMail

    init(
        session: WorkspaceSession, portal: PortalSettings, store: any ScoreStore,
        signingKey: Curve25519.Signing.PrivateKey, secret: PortalSecret, mail: PortalMail
    ) {
        self.session = session
        self.portal = portal
        self.store = store
        self.signingKey = signingKey
        self.secret = secret
        self.mail = mail
    }

    func submit(
        _ application: AccessApplication, acceptedNDA: NDAAcceptance
    ) async throws -> SubmissionOutcome {
        let request = AccessRequest(
            id: application.id.rawValue, createdAt: acceptedNDA.acceptedAt,
            name: application.name, email: application.email, company: application.company,
            reason: application.reason, locale: application.locale,
            documents: application.documents.sorted(), ndaSHA256: acceptedNDA.ndaSHA256,
            ipAddress: acceptedNDA.clientAddress, userAgent: acceptedNDA.userAgent)
        let portal = self.portal
        let store = self.store
        let decided = try await OffPool.run { () throws -> AccessRequest? in
            if let open = try Self.openRequest(like: request, in: store, at: request.createdAt) {
                return open.status == .approved ? open : nil
            }
            try store.record(request)
            guard portal.isAutoApproved(request.email) else { return request }
            let domain = request.email.split(separator: "@").last.map(String.init) ?? ""
            return try store.decide(
                request.id,
                AccessDecision(
                    status: .approved, at: request.createdAt,
                    by: "auto: allowed domain \(domain.lowercased())",
                    expiresAt: request.createdAt.addingTimeInterval(
                        TimeInterval(portal.grantDuration.seconds))))
        }
        guard let decided else { return .duplicate }
        if decided.id != request.id {
            // An active grant for the same address and documents: the link is sent again.
            try await mail.sendGrant(decided, secret: secret)
            return .duplicate
        }
        switch decided.status {
        case .approved:
            try await mail.sendGrant(decided, secret: secret)
            return .approved
        default:
            try await mail.sendReceived(decided)
            return .pending
        }
    }

    /// An open request (pending, or approved and not expired at `now`) of the same address for
    /// the same documents: a second submission adds nothing to the ledger.
    static func openRequest(
        like request: AccessRequest, in store: any ScoreStore, at now: Date
    ) throws -> AccessRequest? {
        try store.accessRequests(statuses: [.pending, .approved]).first {
            $0.email.lowercased() == request.email.lowercased()
                && $0.documents == request.documents
                && ($0.status == .pending || $0.isGranted(at: now))
        }
    }

    func grant(id: AccessRequestID) async throws -> AccessGrant? {
        let store = self.store
        guard let request = try await OffPool.run({ try store.accessRequest(id: id.rawValue) })
        else { return nil }
        let status: AccessGrant.Status =
            switch request.status {
            case .pending: .pending
            case .approved: .active
            case .denied: .denied
            case .revoked: .revoked
            }
        let library = Dictionary(
            session.manifest.documents.map { ($0.id.rawValue, $0) },
            uniquingKeysWith: { first, _ in first })
        return AccessGrant(
            id: id, status: status, expiresAt: request.expiresAt ?? request.createdAt,
            documents: request.documents.map {
                library[$0]?.title.text(for: request.locale) ?? $0
            }, viewerName: request.name)
    }

    func bundle(for id: AccessRequestID, at now: Date) async throws -> Data? {
        let store = self.store
        let session = self.session
        let signingKey = self.signingKey
        let portal = self.portal
        return try await OffPool.run { () throws -> Data? in
            guard let request = try store.accessRequest(id: id.rawValue),
                request.isGranted(at: now), let expiresAt = request.expiresAt
            else { return nil }
            let frameworks = (portal.frameworks ?? session.manifest.frameworks.map(\.id)).sorted()
            // A document that expired since the grant is left out, not the whole bundle.
            let today = Timestamp.formatDay(now)
            let documents = request.documents.filter { id in
                session.manifest.documents.contains {
                    $0.id.rawValue == id && $0.visibility == .nda
                        && ($0.expires.map { $0 >= today } ?? true)
                }
            }
            let made = try ViewerBundle(
                recipient: Self.recipient(request), ndaReference: Self.ndaReference(request),
                frameworks: frameworks, documents: documents,
                validity: TimeSpan(seconds: max(1, Int(expiresAt.timeIntervalSince(now)))),
                accessRequestID: request.id
            ).make(session: session, store: store, signingKey: signingKey, time: now)
            return made.bytes
        }
    }

    /// The watermark's recipient: name, address and company, as `attest verify` shows them.
    static func recipient(_ request: AccessRequest) -> String {
        "\(request.name) <\(request.email)>, \(request.company)"
    }

    /// The NDA reference: the agreement's version (the first 16 hex digits of its SHA-256),
    /// when it was accepted, and the request.
    static func ndaReference(_ request: AccessRequest) -> String {
        "NDA sha256:\(request.ndaSHA256.prefix(16)) accepted "
            + Timestamp.format(request.createdAt) + " · request \(request.id)"
    }
}

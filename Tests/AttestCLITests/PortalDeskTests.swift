import AttestBundle
import AttestCore
import AttestPortal
import AttestStore
import AttestTestSupport
import Crypto
import Foundation
import Testing

@testable import AttestCLI

/// The portal's desk on the real ledger and bundle maker, over a copy of the demo: what a
/// submission records, when it is approved at once, and what a viewer's bundle holds.
@Suite struct PortalDeskTests: InProcessCommands {
    static let accepted = Date(timeIntervalSince1970: 1_780_272_000)

    struct Fixture {
        var folder: TemporaryWorkspace
        var desk: PortalDesk
        var store: any ScoreStore
        var publicKey: Curve25519.Signing.PublicKey
    }

    /// The demo copied, built once into its store, and a desk on it without e-mail.
    func fixture() async throws -> Fixture {
        let folder = try DemoAggregationTests.demoCopy()
        let storePath = folder.root.appendingPathComponent(".attest/attest.sqlite").path
        let built = await run([
            "build", "--workspace", folder.root.path, "--store", storePath,
            "--out", folder.root.appendingPathComponent("reports").path, "--quiet",
            "--build-time", "2026-06-01T00:00:00Z",
        ])
        #expect(built.status == 0, "\(built.err)")
        let session = try WorkspaceSession(
            options: try WorkspaceOptions.parse(["--workspace", folder.root.path]),
            console: CapturedConsole().console)
        let portal = try #require(session.manifest.portal)
        let store = try session.openStore(storePath)
        let key = Curve25519.Signing.PrivateKey()
        let secret = try PortalSecret(String(repeating: "s", count: 40))
        let desk = PortalDesk(
            session: session, portal: portal, store: store, signingKey: key, secret: secret,
            mail: PortalMail(portal: portal, labels: [:], sender: nil, clock: { Self.accepted }))
        return Fixture(folder: folder, desk: desk, store: store, publicKey: key.publicKey)
    }

    static func application(_ email: String) -> (AccessApplication, NDAAcceptance) {
        let id = AccessRequestID.random()
        return (
            AccessApplication(
                id: id, name: "Zoë Viewer", email: email, company: "Buyer & Sons",
                reason: "vendor review", documents: ["pentest-summary-2026"], locale: "fr"),
            NDAAcceptance(
                name: "Zoë Viewer", email: email, company: "Buyer & Sons", acceptedAt: accepted,
                clientAddress: "192.0.2.7", userAgent: "Mozilla/5.0 test",
                ndaSHA256: String(repeating: "c4", count: 32), ndaLocale: "fr")
        )
    }

    @Test func aRequestIsRecordedWithItsAcceptanceAndWaitsUnlessItsDomainIsAllowed() async throws {
        let fixture = try await fixture()
        let (pending, acceptance) = Self.application("zoe@buyer.example")
        #expect(try await fixture.desk.submit(pending, acceptedNDA: acceptance) == .pending)
        let stored = try #require(try fixture.store.accessRequest(id: pending.id.rawValue))
        #expect(stored.status == .pending)
        #expect(stored.createdAt == Self.accepted)
        #expect(stored.ndaSHA256 == acceptance.ndaSHA256)
        #expect(stored.ipAddress == "192.0.2.7")
        #expect(stored.userAgent == "Mozilla/5.0 test")
        #expect(stored.documents == ["pentest-summary-2026"])
        // The same address and documents again: nothing new is recorded.
        let (again, _) = Self.application("ZOE@buyer.example")
        #expect(try await fixture.desk.submit(again, acceptedNDA: acceptance) == .duplicate)
        #expect(try fixture.store.accessRequest(id: again.id.rawValue) == nil)

        let (allowed, partner) = Self.application("pat@partner.nuage-agents.example")
        #expect(try await fixture.desk.submit(allowed, acceptedNDA: partner) == .approved)
        let granted = try #require(try fixture.store.accessRequest(id: allowed.id.rawValue))
        #expect(granted.status == .approved)
        #expect(granted.decidedBy == "auto: allowed domain partner.nuage-agents.example")
        #expect(granted.expiresAt == Self.accepted.addingTimeInterval(14 * 86_400))
        let grant = try #require(try await fixture.desk.grant(id: allowed.id))
        #expect(grant.status == .active)
        #expect(grant.documents == ["Synthèse du test d'intrusion (2026)"])
    }

    @Test func aGrantedViewerGetsASignedBundleNamingThemWithTheDocument() async throws {
        let fixture = try await fixture()
        let (application, acceptance) = Self.application("pat@partner.nuage-agents.example")
        _ = try await fixture.desk.submit(application, acceptedNDA: acceptance)
        let now = Self.accepted.addingTimeInterval(3_600)
        let bytes = try #require(try await fixture.desk.bundle(for: application.id, at: now))
        let report = try BundleVerifier(trust: .publicKey(fixture.publicKey)).verify(
            bytes, now: now)
        #expect(report.isValid, "\(report.problems)")
        let manifest = try #require(report.manifest)
        #expect(manifest.recipient == "Zoë Viewer <pat@partner.nuage-agents.example>, Buyer & Sons")
        #expect(manifest.ndaReference.contains(application.id.rawValue))
        #expect(manifest.ndaReference.contains("sha256:" + String(repeating: "c4", count: 8)))
        #expect(manifest.frameworks == ["hipaa", "soc2"])
        #expect(manifest.entries.contains { $0.path.hasSuffix("pentest-summary-2026.md") })
        let logged = try fixture.store.disclosures()
        #expect(logged.count == 1)
        #expect(logged.first?.accessRequestID == application.id.rawValue)
        #expect(logged.first?.documents == ["pentest-summary-2026"])
        // Expired, or revoked: no file.
        #expect(
            try await fixture.desk.bundle(
                for: application.id, at: Self.accepted.addingTimeInterval(15 * 86_400)) == nil)
        _ = try fixture.store.decide(
            application.id.rawValue, AccessDecision(status: .revoked, at: now, by: "test"))
        #expect(try await fixture.desk.bundle(for: application.id, at: now) == nil)
        #expect(try await fixture.desk.grant(id: application.id)?.status == .revoked)
    }
}

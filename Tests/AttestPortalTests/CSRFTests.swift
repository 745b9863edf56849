import Foundation
import Testing

@testable import AttestPortal

/// Every POST of the request flow needs the visitor's cookie and the matching form token.
@Suite struct CSRFTests {
    static let details: [(String, String)] = [
        ("step", "details"), ("name", "Ada Lovelace"), ("email", "ada@example.com"),
        ("company", "Analytical Engines"), ("reason", "Vendor review"), ("documents", "soc2"),
    ]

    @Test func theFormSetsAStrictHttpOnlyCookie() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: InMemoryDesk()) {
            port in
            var visitor = PortalVisitor(port: port)
            let page = try await visitor.open("/en/request")
            #expect(page.status == 200)
            let cookie = try #require(page.cookies.first)
            #expect(cookie.hasPrefix("attest_csrf="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"))
        }
    }

    @Test func behindTLSTheCookieIsHostPrefixedAndSecure() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(
            try fixture.flowConfiguration(behindTLS: true), desk: InMemoryDesk()
        ) { port in
            var visitor = PortalVisitor(port: port)
            let cookie = try #require(try await visitor.open("/en/request").cookies.first)
            #expect(cookie.hasPrefix("__Host-attest_csrf="))
            #expect(cookie.contains("; Secure"))
            #expect(cookie.contains("Path=/"))
        }
    }

    @Test func aPostWithTheCookieAndTokenIsAccepted() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: InMemoryDesk()) {
            port in
            var visitor = PortalVisitor(port: port)
            let form = try await visitor.open("/en/request")
            let token = try #require(PortalVisitor.hiddenFields(form.text).first { $0.0 == "csrf" })
            let response = try await visitor.post("/en/request", [token] + Self.details)
            #expect(response.status == 200)
        }
    }

    @Test(arguments: ["missing-token", "wrong-token", "missing-cookie", "other-cookie"])
    func aPostWithoutAMatchingPairIsForbidden(variant: String) async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: InMemoryDesk()) {
            port in
            var visitor = PortalVisitor(port: port)
            let form = try await visitor.open("/en/request")
            let token = try #require(PortalVisitor.hiddenFields(form.text).first { $0.0 == "csrf" })
            var fields = [token] + Self.details
            switch variant {
            case "missing-token": fields.removeFirst()
            case "wrong-token": fields[0].1 = String(token.1.reversed())
            case "missing-cookie": visitor.cookie = nil
            default:
                var other = PortalVisitor(port: port)
                _ = try await other.open("/en/request")
                visitor.cookie = other.cookie
            }
            let response = try await visitor.post("/en/request", fields)
            #expect(response.status == 403)
            #expect(response.text.contains("Form expired"))
        }
    }
}

extension SiteFixture {
    /// A configuration with the request flow: two documents and an agreement per locale.
    func flowConfiguration(
        behindTLS: Bool = false, trustProxy: Bool = false, limits: PortalLimits = PortalLimits()
    ) throws -> PortalConfiguration {
        try configuration(
            behindTLS: behindTLS, trustProxy: trustProxy, limits: limits,
            content: PortalContent(
                documents: [
                    RequestableDocument(
                        id: "soc2", titles: ["en": "SOC 2 report", "fr": "Rapport SOC 2"]),
                    RequestableDocument(id: "pentest", titles: ["en": "Pen-test summary"]),
                ],
                agreements: ["en": Self.agreementEN, "fr": Self.agreementFR],
                labels: TestLabels.portal))
    }

    static let agreementEN = "MUTUAL NDA\nKeep it secret.\n<b>not bold</b>"
    static let agreementFR = "ACCORD DE CONFIDENTIALITÉ\nGardez-le secret."
}

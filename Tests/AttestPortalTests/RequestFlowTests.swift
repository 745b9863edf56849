import Crypto
import Foundation
import Testing

@testable import AttestPortal

/// The request pages end to end over HTTP: form, agreement, acceptance, in both locales.
@Suite struct RequestFlowTests {
    /// Opens the form and posts `details`; returns the visitor and the agreement page.
    static func reachAgreement(
        port: Int, locale: String = "en", details: [(String, String)] = CSRFTests.details,
        headers: [(String, String)] = []
    ) async throws -> (PortalVisitor, RawResponse) {
        var visitor = PortalVisitor(port: port, headers: headers)
        let form = try await visitor.open("/\(locale)/request")
        let token = try #require(PortalVisitor.hiddenFields(form.text).first { $0.0 == "csrf" })
        let page = try await visitor.post("/\(locale)/request", [token] + details)
        return (visitor, page)
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    @Test func anAcceptedAgreementReachesTheDeskWithItsEvidence() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let desk = InMemoryDesk()
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk) { port in
            let (visitor, agreement) = try await Self.reachAgreement(
                port: port, headers: [("User-Agent", "TestBrowser/1.0")])
            #expect(agreement.status == 200)
            #expect(agreement.text.contains("MUTUAL NDA"))
            #expect(agreement.text.contains("&lt;b&gt;not bold&lt;/b&gt;"))
            #expect(agreement.text.contains(Self.sha256(SiteFixture.agreementEN)))
            let hidden = PortalVisitor.hiddenFields(agreement.text)
            let done = try await visitor.post("/en/request", hidden + [("accept", "yes")])
            #expect(done.status == 200)
            #expect(done.text.contains("Check your e-mail"))
            let submissions = await desk.submissions
            try #require(submissions.count == 1)
            let application = submissions[0].application
            #expect(application.name == "Ada Lovelace")
            #expect(application.email == "ada@example.com")
            #expect(application.company == "Analytical Engines")
            #expect(application.reason == "Vendor review")
            #expect(application.documents == ["soc2"])
            #expect(application.locale == "en")
            #expect(application.id.rawValue.count == 26)
            let acceptance = submissions[0].acceptance
            #expect(acceptance.clientAddress == "127.0.0.1")
            #expect(acceptance.userAgent == "TestBrowser/1.0")
            #expect(acceptance.ndaSHA256 == Self.sha256(SiteFixture.agreementEN))
            #expect(acceptance.ndaLocale == "en")
            #expect(abs(acceptance.acceptedAt.timeIntervalSinceNow) < 3600)
        }
    }

    @Test func theFrenchPagesShowTheFrenchAgreement() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let desk = InMemoryDesk()
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk) { port in
            var visitor = PortalVisitor(port: port)
            let form = try await visitor.open("/fr/request")
            #expect(form.text.contains(#"<html lang="fr">"#))
            #expect(form.text.contains("Demander l’accès à des documents"))
            #expect(form.text.contains("Rapport SOC 2"))
            let (second, agreement) = try await Self.reachAgreement(port: port, locale: "fr")
            #expect(agreement.text.contains("ACCORD DE CONFIDENTIALITÉ"))
            let done = try await second.post(
                "/fr/request", PortalVisitor.hiddenFields(agreement.text) + [("accept", "yes")])
            #expect(done.text.contains("Consultez votre messagerie"))
            #expect(await desk.submissions.first?.acceptance.ndaLocale == "fr")
        }
    }

    @Test func invalidFieldsAreShownBesideThemWithTheValuesRefilledEscaped() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: InMemoryDesk()) {
            port in
            let (_, page) = try await Self.reachAgreement(
                port: port,
                details: [
                    ("step", "details"), ("name", String(repeating: "n", count: 201)),
                    ("email", "not an address"), ("company", "Evil\u{1}Corp"),
                    ("reason", "<script>alert(1)</script>"), ("documents", "unknown"),
                ])
            #expect(page.status == 422)
            #expect(page.text.contains(#"id="error-name">This answer is too long."#))
            #expect(page.text.contains(#"id="error-email">Enter an e-mail address"#))
            #expect(page.text.contains(#"id="error-company">This answer contains characters"#))
            #expect(page.text.contains(#"id="error-documents">Tick at least one document."#))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"))
            #expect(!page.text.contains("<script>"))
            #expect(page.text.contains(#"value="not an address""#))
        }
    }

    @Test(arguments: [
        ("email", "a@b"), ("email", "a..b@example.com"), ("email", "a@-example.com"),
        ("email", String(repeating: "a", count: 65) + "@example.com"), ("name", ""),
        ("company", "   "), ("reason", String(repeating: "r", count: 2001)),
        ("name", "Ada\u{202E}ecalevol"),
    ])
    func eachBadFieldIsRefused(field: String, value: String) async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: InMemoryDesk()) {
            port in
            let details = CSRFTests.details.map { $0.0 == field ? (field, value) : $0 }
            let (_, page) = try await Self.reachAgreement(port: port, details: details)
            #expect(page.status == 422)
            #expect(page.text.contains(#"id="error-\#(field)""#))
        }
    }

    @Test func acceptanceWithoutTheBoxTickedSendsNothing() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let desk = InMemoryDesk()
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk) { port in
            let (visitor, agreement) = try await Self.reachAgreement(port: port)
            let page = try await visitor.post(
                "/en/request", PortalVisitor.hiddenFields(agreement.text))
            #expect(page.status == 422)
            #expect(page.text.contains("Tick the box to accept the agreement"))
            #expect(await desk.submissions.isEmpty)
        }
    }

    @Test(arguments: ["email", "documents", "nda", "issued", "locale"])
    func anEditedHiddenFieldIsForbiddenAndSendsNothing(field: String) async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let desk = InMemoryDesk()
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk) { port in
            let (visitor, agreement) = try await Self.reachAgreement(port: port)
            var hidden = PortalVisitor.hiddenFields(agreement.text)
            let index = try #require(hidden.firstIndex { $0.0 == field })
            hidden[index].1 =
                field == "issued" ? String((Int(hidden[index].1) ?? 0) + 1) : "x" + hidden[index].1
            let page = try await visitor.post("/en/request", hidden + [("accept", "yes")])
            #expect(page.status == 403)
            #expect(await desk.submissions.isEmpty)
        }
    }

    @Test func everyOutcomeLooksTheSameToTheVisitor() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        var pages: [Data] = []
        for outcome in [SubmissionOutcome.approved, .pending, .duplicate, .rateLimited] {
            let desk = InMemoryDesk()
            await desk.set(outcome: outcome)
            try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk) { port in
                let (visitor, agreement) = try await Self.reachAgreement(port: port)
                let done = try await visitor.post(
                    "/en/request", PortalVisitor.hiddenFields(agreement.text) + [("accept", "yes")])
                #expect(done.status == 200)
                pages.append(done.body)
            }
        }
        #expect(Set(pages).count == 1)
    }

    @Test func anAddressOverItsLimitSeesTheSamePageAndReachesNoDesk() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        var limits = PortalLimits()
        limits.requestsPerEmail = 1
        let desk = InMemoryDesk()
        try await RunningPortal.with(try fixture.flowConfiguration(limits: limits), desk: desk) {
            port in
            var bodies: [Data] = []
            for email in ["ada@example.com", "ADA@example.com"] {
                let details = CSRFTests.details.map { $0.0 == "email" ? ("email", email) : $0 }
                let (visitor, agreement) = try await Self.reachAgreement(
                    port: port, details: details)
                let done = try await visitor.post(
                    "/en/request", PortalVisitor.hiddenFields(agreement.text) + [("accept", "yes")])
                #expect(done.status == 200)
                bodies.append(done.body)
            }
            #expect(bodies[0] == bodies[1])
            #expect(await desk.submissions.count == 1)
        }
    }

    @Test func oversizedMalformedAndMistypedBodiesAreRefusedWith4xx() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: InMemoryDesk()) {
            port in
            let formType = [("Content-Type", "application/x-www-form-urlencoded")]
            let large = try await RawHTTP.request(
                "POST", "/en/request", port: port, headers: formType,
                body: Array(repeating: UInt8(ascii: "a"), count: 17 * 1024))
            #expect(large.status == 413)
            let chunked = try await RawHTTP.send(
                Array(
                    ("POST /en/request HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n4000\r\n"
                        + String(repeating: "a", count: 0x4000) + "\r\n4000\r\n"
                        + String(repeating: "a", count: 0x4000) + "\r\n0\r\n\r\n").utf8),
                port: port)
            #expect(chunked.status == 413)
            var visitor = PortalVisitor(port: port)
            let form = try await visitor.open("/en/request")
            let token = try #require(PortalVisitor.hiddenFields(form.text).first { $0.0 == "csrf" })
            let broken = try await RawHTTP.request(
                "POST", "/en/request", port: port,
                headers: formType + [("Cookie", visitor.cookie ?? "")],
                body: Array("csrf=\(token.1)&name=%zz&step=details".utf8))
            #expect(broken.status == 400)
            let json = try await RawHTTP.request(
                "POST", "/en/request", port: port, headers: [("Content-Type", "application/json")],
                body: Array("{}".utf8))
            #expect(json.status == 400)
            #expect(try await RawHTTP.request("GET", "/", port: port).status == 200)
        }
    }

    /// The site links `portal.url/request`, which names no language: the visitor is sent to
    /// the form in theirs when the portal has it, else to English.
    @Test func theLanguageFreeRequestPathLeadsToTheVisitorsForm() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: InMemoryDesk()) {
            port in
            for (accept, target) in [
                ("fr-CA,fr;q=0.9", "/fr/request"), ("de, en;q=0.5", "/en/request"),
                ("", "/en/request"),
            ] {
                let response = try await RawHTTP.request(
                    "GET", "/request", port: port, headers: [("Accept-Language", accept)])
                #expect(response.status == 303)
                #expect(response.headers["location"] == target, "\(accept)")
            }
        }
        try await RunningPortal.with(try fixture.flowConfiguration()) { port in
            let response = try await RawHTTP.request("GET", "/request", port: port)
            #expect(response.status == 404)
        }
    }

    @Test func aLocaleWithoutAnAgreementHasNoRequestPage() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: InMemoryDesk()) {
            port in
            let response = try await RawHTTP.request("GET", "/de/request", port: port)
            #expect(response.status == 404)
        }
        try await RunningPortal.with(try fixture.flowConfiguration()) { port in
            let response = try await RawHTTP.request("GET", "/en/request", port: port)
            #expect(response.status == 404)
        }
    }

    @Test func noNameEmailOrReasonReachesTheLogs() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let logs = LogRecorder()
        try await RunningPortal.with(
            try fixture.flowConfiguration(), desk: InMemoryDesk(), logs: logs
        ) { port in
            let (visitor, agreement) = try await Self.reachAgreement(port: port)
            _ = try await visitor.post(
                "/en/request", PortalVisitor.hiddenFields(agreement.text) + [("accept", "yes")])
        }
        let text = logs.all.joined(separator: "\n")
        #expect(text.contains("access request"))
        for secret in ["Ada", "ada@example.com", "Analytical", "Vendor review"] {
            #expect(!text.contains(secret))
        }
    }
}

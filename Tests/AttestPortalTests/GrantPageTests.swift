import Foundation
import Testing

@testable import AttestPortal

/// The grant links: the viewer's page, the download, and the refusals that carry no file.
@Suite struct GrantPageTests {
    let secret = try! PortalSecret(TestSecret.text)
    static let bundle = Data("PK\u{3}\u{4}fake-bundle-bytes".utf8)

    func grant(
        _ status: AccessGrant.Status = .active, expiresIn: TimeInterval = 86_400
    ) -> AccessGrant {
        AccessGrant(
            id: AccessRequestID.random(), status: status,
            expiresAt: Date().addingTimeInterval(expiresIn),
            documents: ["SOC 2 report", "<i>Pen-test</i>"], viewerName: "Ada <Lovelace>")
    }

    func link(_ grant: AccessGrant, expiresIn: TimeInterval = 3600) -> String {
        PortalPaths.access
            + GrantToken(id: grant.id, expiresAt: Date().addingTimeInterval(expiresIn))
            .encoded(with: secret)
    }

    @Test func anActiveGrantShowsItsDocumentsAndDeliversTheBundle() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let desk = InMemoryDesk()
        let active = grant()
        await desk.add(active, bundle: Self.bundle)
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk) { port in
            let page = try await RawHTTP.request("GET", link(active), port: port)
            #expect(page.status == 200)
            #expect(page.text.contains("Ada &lt;Lovelace&gt;"))
            #expect(page.text.contains("<li>SOC 2 report</li>"))
            #expect(page.text.contains("&lt;i&gt;Pen-test&lt;/i&gt;"))
            #expect(
                page.text.contains(#"href="\#(link(active))/bundle.zip""#)
                    || page.text.contains("/bundle.zip"))
            #expect(page.header("Cache-Control") == "no-store")
            let download = try await RawHTTP.request(
                "GET", link(active) + "/bundle.zip", port: port)
            #expect(download.status == 200)
            #expect(download.body == Self.bundle)
            #expect(download.header("Content-Type") == "application/zip")
            #expect(download.header("Content-Disposition")?.hasPrefix("attachment;") == true)
        }
    }

    @Test func theGrantPageFollowsTheBrowsersLanguage() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let desk = InMemoryDesk()
        let active = grant()
        await desk.add(active, bundle: Self.bundle)
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk) { port in
            let page = try await RawHTTP.request(
                "GET", link(active), port: port, headers: [("Accept-Language", "fr-FR,fr;q=0.9")])
            #expect(page.text.contains("Vos documents"))
        }
    }

    @Test(arguments: [AccessGrant.Status.revoked, .denied])
    func aWithdrawnGrantGetsAClearPageAndNoFile(status: AccessGrant.Status) async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let desk = InMemoryDesk()
        let withdrawn = grant(status)
        await desk.add(withdrawn, bundle: Self.bundle)
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk) { port in
            for path in [link(withdrawn), link(withdrawn) + "/bundle.zip"] {
                let response = try await RawHTTP.request("GET", path, port: port)
                #expect(response.status == 410)
                #expect(response.text.contains("Access withdrawn"))
                #expect(response.header("Content-Type") == "text/html; charset=utf-8")
                #expect(response.body != Self.bundle)
            }
        }
    }

    @Test func anExpiredLinkOrGrantGetsTheExpiredPageAndNoFile() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let desk = InMemoryDesk()
        let active = grant()
        let ended = grant(expiresIn: -60)
        await desk.add(active, bundle: Self.bundle)
        await desk.add(ended, bundle: Self.bundle)
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk) { port in
            for path in [
                link(active, expiresIn: -1), link(active, expiresIn: -1) + "/bundle.zip",
                link(ended), link(ended) + "/bundle.zip",
            ] {
                let response = try await RawHTTP.request("GET", path, port: port)
                #expect(response.status == 410)
                #expect(response.text.contains("Link expired"))
                #expect(response.body != Self.bundle)
            }
        }
    }

    @Test func aTamperedForeignOrUnknownLinkIsNotValid() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let desk = InMemoryDesk()
        let active = grant()
        await desk.add(active, bundle: Self.bundle)
        let other = try PortalSecret(String(TestSecret.text.reversed()))
        let forged =
            PortalPaths.access
            + GrantToken(id: active.id, expiresAt: Date().addingTimeInterval(3600)).encoded(
                with: other)
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk) { port in
            for path in [
                forged, forged + "/bundle.zip", link(grant()), "/access/nonsense",
                "/access/" + active.id.rawValue, link(active) + "/other.zip",
            ] {
                let response = try await RawHTTP.request("GET", path, port: port)
                #expect(response.status == 404)
                #expect(response.body != Self.bundle)
            }
        }
    }

    @Test func tokensNeverReachTheLogs() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let desk = InMemoryDesk()
        let active = grant()
        await desk.add(active, bundle: Self.bundle)
        let logs = LogRecorder()
        let path = link(active)
        try await RunningPortal.with(try fixture.flowConfiguration(), desk: desk, logs: logs) {
            port in
            _ = try await RawHTTP.request("GET", path, port: port)
            _ = try await RawHTTP.request("GET", path + "/bundle.zip?x=1", port: port)
        }
        let text = logs.all.joined(separator: "\n")
        let token = String(path.dropFirst(PortalPaths.access.count))
        #expect(text.contains("/access/[redacted]/bundle.zip"))
        #expect(!text.contains(token))
        #expect(!text.contains(active.id.rawValue))
        #expect(!text.contains("Lovelace"))
    }
}

import Foundation
import Testing

@testable import AttestPortal

/// The built site served unchanged over real HTTP, and nothing outside it.
@Suite struct StaticSiteTests {
    @Test func rootServesTheSiteIndexAsHTML() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let response = try await RawHTTP.request("GET", "/", port: port)
            #expect(response.status == 200)
            #expect(response.text.contains("ROOT-INDEX"))
            #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        }
    }

    @Test func aFolderWithItsSlashServesItsIndexAndWithoutRedirects() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let page = try await RawHTTP.request("GET", "/fr/", port: port)
            #expect(page.status == 200)
            #expect(page.text.contains("FR-INDEX"))
            let bare = try await RawHTTP.request("GET", "/fr", port: port)
            #expect(bare.status == 301)
            #expect(bare.header("Location") == "/fr/")
        }
    }

    @Test(arguments: [
        ("/style.css", "text/css; charset=utf-8"),
        ("/trust-center.json", "application/json"),
        ("/en/index.html", "text/html; charset=utf-8"),
    ])
    func filesCarryTheTypeOfTheirExtension(path: String, type: String) async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let response = try await RawHTTP.request("GET", path, port: port)
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == type)
            let onDisk = try Data(contentsOf: fixture.site.appendingPathComponent(path))
            #expect(response.body == onDisk)
        }
    }

    @Test func headAnswersTheHeadersWithoutTheBody() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let response = try await RawHTTP.request("HEAD", "/style.css", port: port)
            #expect(response.status == 200)
            #expect(response.header("Content-Length") == "22")
            #expect(response.body.isEmpty)
        }
    }

    @Test(arguments: [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/en/..%2fsecret.txt",
        "/en/%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/en\\..\\..\\secret.txt",
        "/index.html%00.css", "/leak.txt", "/up/secret.txt", "/.env", "/%2eenv",
        "/en//index.html", "/%zz", "/%c0%ae%c0%ae/secret.txt", "/large.txt", "/missing.html",
        "/style.css/", "//etc/passwd",
    ])
    func pathsLeavingTheSiteOrHiddenAreNotFound(path: String) async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let response = try await RawHTTP.request("GET", path, port: port)
            #expect(response.status == 404)
            #expect(!response.text.contains(SiteFixture.secretText))
            #expect(!response.text.contains("hidden"))
        }
    }

    @Test func otherMethodsAreRefusedWithTheAllowedOnes() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let put = try await RawHTTP.request("PUT", "/index.html", port: port, body: [65])
            #expect(put.status == 405)
            #expect(put.header("Allow") == "GET, HEAD, POST")
            let post = try await RawHTTP.request("POST", "/index.html", port: port, body: [65])
            #expect(post.status == 405)
        }
    }

    @Test func aGarbledRequestIsRefusedAndTheServerGoesOn() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let garbage = Array("GET / HTTP/9\r\n\u{1}\u{2}\r\n\r\n".utf8)
            let answer = try? await RawHTTP.send(garbage, port: port)
            if let answer { #expect(answer.status == 400) }
            let after = try await RawHTTP.request("GET", "/", port: port)
            #expect(after.status == 200)
        }
    }

    @Test func startingWithoutTheSiteFolderIsRefusedWithItsCode() throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        var configuration = try fixture.configuration()
        configuration.siteFolder = fixture.parent.appendingPathComponent("absent")
        let error = #expect(throws: PortalError.self) {
            try PortalServer(configuration: configuration)
        }
        #expect(error?.code == .missingSite)
    }
}

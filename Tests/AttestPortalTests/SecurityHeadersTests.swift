import Foundation
import Testing

@testable import AttestPortal

/// The headers every response carries, and HSTS only over HTTPS.
@Suite struct SecurityHeadersTests {
    @Test(arguments: ["/", "/missing", "/healthz", "/_portal/portal.css"])
    func everyResponseCarriesTheSecurityHeaders(path: String) async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let response = try await RawHTTP.request("GET", path, port: port)
            #expect(
                response.header("Content-Security-Policy")
                    == "default-src 'self'; script-src 'none'; object-src 'none'; "
                    + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.header("Referrer-Policy") == "no-referrer")
            #expect(response.header("X-Frame-Options") == "DENY")
            #expect(response.header("Strict-Transport-Security") == nil)
        }
    }

    @Test func behindTLSEveryResponseCarriesHSTS() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration(behindTLS: true)) { port in
            let response = try await RawHTTP.request("GET", "/missing", port: port)
            #expect(response.header("Strict-Transport-Security") == "max-age=31536000")
        }
    }

    @Test func theForwardedProtocolCountsOnlyWhenTheProxyIsTrusted() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let forwarded = [("X-Forwarded-Proto", "https")]
        try await RunningPortal.with(try fixture.configuration()) { port in
            let response = try await RawHTTP.request("GET", "/", port: port, headers: forwarded)
            #expect(response.header("Strict-Transport-Security") == nil)
        }
        try await RunningPortal.with(try fixture.configuration(trustProxy: true)) { port in
            let response = try await RawHTTP.request("GET", "/", port: port, headers: forwarded)
            #expect(response.header("Strict-Transport-Security") == "max-age=31536000")
        }
    }
}

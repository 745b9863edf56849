import Foundation
import Testing

@testable import AttestPortal

/// `GET /healthz` reports whether the store can be read.
@Suite struct HealthTests {
    @Test func healthyStoreAnswersOK() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let response = try await RawHTTP.request("GET", "/healthz", port: port)
            #expect(response.status == 200)
            #expect(response.text == #"{"status":"ok"}"#)
            #expect(response.header("Content-Type") == "application/json")
        }
    }

    @Test func unreadableStoreAnswers503() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration(), isHealthy: { false }) { port in
            let response = try await RawHTTP.request("GET", "/healthz", port: port)
            #expect(response.status == 503)
            #expect(response.text == #"{"status":"unavailable"}"#)
        }
    }
}

import Foundation
import Testing

@testable import AttestPortal

/// Requests whose head is out of bounds are refused and the server goes on.
@Suite struct RequestHeadTests {
    @Test func anOversizedHeaderIsRefusedAndTheServerGoesOn() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let huge = String(repeating: "a", count: 40 * 1024)
            let answer = try? await RawHTTP.request(
                "GET", "/", port: port, headers: [("X-Padding", huge)])
            #expect(answer.map { $0.status >= 400 && $0.status < 500 } ?? true)
            #expect(answer?.text.contains("ROOT-INDEX") != true)
            let after = try await RawHTTP.request("GET", "/", port: port)
            #expect(after.status == 200)
        }
    }

    @Test func tooManyHeaderFieldsAreRefused() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try await RunningPortal.with(try fixture.configuration()) { port in
            let fields = (0..<150).map { ("X-Field-\($0)", "1") }
            let answer = try? await RawHTTP.request("GET", "/", port: port, headers: fields)
            #expect(answer?.text.contains("ROOT-INDEX") != true)
        }
    }
}

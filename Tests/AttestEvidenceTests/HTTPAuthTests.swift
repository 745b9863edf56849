import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// `auth:` and `request_headers:` of the http collector: an API token read from the
/// environment variable the evidence names, sent as `Authorization`, and never shown.
@Suite struct HTTPAuthTests {
    static let token = "tok3n-value-for-tests-0123456789"

    static func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(routes: [
            "/org": .init(
                status: 200, headers: [("Content-Type", "application/json")],
                body: Data(#"{"two_factor_requirement_enabled": true}"#.utf8),
                requiredHeaders: [
                    ("Authorization", "Bearer \(token)"), ("X-Api-Version", "2022-11-28"),
                ]),
            "/echo": .init(
                status: 200, headers: [("Content-Type", "application/json")],
                body: Data(#"{"seen": "\#(token)"}"#.utf8),
                requiredHeaders: [("Authorization", "SSWS \(token)")]),
        ])
    }

    static let collector = HTTPCollector(environment: ["API_TOKEN": token])

    private func get(
        _ server: LoopbackHTTPServer, _ path: String, _ options: String,
        collector: HTTPCollector = HTTPAuthTests.collector
    ) async -> EvidenceResult {
        await collector.collect(
            Kit.spec(.http, options: "url: \(server.url(path))\n" + options),
            context: Kit.context())
    }

    @Test func theTokenFromTheNamedVariableIsSentWithTheRequestHeaders() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let result = await get(
            server, "/org",
            """
            auth: { token_env: API_TOKEN }
            request_headers: { X-Api-Version: "2022-11-28" }
            expect: { two_factor_requirement_enabled: true }
            """)
        #expect(result.status == .pass, "\(result.message)")
        let anonymous = await get(
            server, "/org", "expect: { two_factor_requirement_enabled: true }")
        #expect(anonymous.status == .fail)
        #expect(anonymous.message.contains("→ 401; status: expected 2xx, found 401"))
    }

    @Test func theSchemeWordIsConfigurableAndTheTokenNeverAppearsInTheMessage() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let result = await get(
            server, "/echo", "auth: { token_env: API_TOKEN, scheme: SSWS }\nexpect: { seen: x }")
        #expect(result.status == .fail)
        #expect(!result.message.contains(Self.token))
        #expect(result.message.hasSuffix(#"seen: expected "x", found "[REDACTED]""#))
    }

    @Test func anUnsetVariableIsAnErrorWithoutARequest() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let result = await get(
            server, "/org", "auth: { token_env: API_TOKEN }",
            collector: HTTPCollector(environment: [:]))
        #expect(result.status == .error)
        #expect(result.message == "the environment variable API_TOKEN (auth.token_env) is not set")
    }

    @Test func credentialsAreRefusedInRequestHeadersAndAuthIsChecked() {
        let collector = HTTPCollector()
        func codes(_ options: String) -> [String] {
            Kit.codes(collector.validate(Kit.spec(.http, options: "url: http://x/\n" + options)))
        }
        #expect(
            codes("request_headers: { Authorization: Bearer abc }") == [
                "evidence.invalid-option 2:20"
            ])
        #expect(codes("auth: { token_env: 'no such' }") == ["evidence.invalid-option 2:20"])
        #expect(codes("auth: { token_env: T, scheme: 'a b' }") == ["evidence.invalid-option 2:31"])
        #expect(
            codes("auth: { token: abc }") == [
                "evidence.invalid-option 2:9", "evidence.invalid-option 2:7",
            ])
        #expect(
            codes("auth: { token_env: T, scheme: token }\nrequest_headers: { Accept: x }") == [])
    }
}

import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// Every request goes to a server this test process runs on 127.0.0.1.
@Suite struct HTTPCollectorTests {
    let collector = HTTPCollector()

    static func health() throws -> Data {
        try Data(contentsOf: Kit.fixtures.appendingPathComponent("http/health.json"))
    }

    static func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(routes: [
            "/": .init(
                status: 200,
                headers: [
                    ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
                    ("Content-Type", "text/html"),
                ],
                body: Data("<h1>Trust Center</h1>".utf8)),
            "/no-hsts": .init(status: 200, body: Data("plain".utf8)),
            "/health": .init(
                status: 200, headers: [("Content-Type", "application/json")], body: try health()),
            "/missing": .init(status: 404, reason: "Not Found", body: Data("gone".utf8)),
            "/slow": .init(status: 200, body: Data("late".utf8), delay: 3),
            "/big": .init(status: 200, body: Data(repeating: UInt8(ascii: "a"), count: 200_000)),
            "/to-ftp": .init(
                status: 302, reason: "Found", headers: [("Location", "ftp://127.0.0.1:1/pub/x")]),
            "/to-health": .init(status: 301, reason: "Moved", headers: [("Location", "/health")]),
            "/health?token=abc123&page=1": .init(
                status: 200, headers: [("Content-Type", "application/json")], body: try health()),
        ])
    }

    private func get(
        _ server: LoopbackHTTPServer, _ path: String, _ options: String = "",
        context: CollectionContext = Kit.context()
    ) async -> EvidenceResult {
        let url = server.url(path)
        return await collector.collect(
            Kit.spec(.http, options: "url: \(url)" + (options.isEmpty ? "" : "\n" + options)),
            context: context)
    }

    @Test func anHSTSHeaderIsFoundCaseInsensitively() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let result = await get(
            server, "/",
            #"""
            status: 200
            headers: { Strict-Transport-Security: { matches: "max-age=\\d{7,}" } }
            body_contains: Trust Center
            """#)
        #expect(result.status == .pass)
        #expect(result.message == "GET \(server.url("/")) → 200; all 3 checks passed")
        // sha256 of "<h1>Trust Center</h1>".
        let hash = "38f08e2d7766bc4a4aad3a1532ed5915d85a1f09492d1d869bbba7f95222d0f9"
        #expect(result.sha256 == hash)
        #expect(result.artifacts == [Artifact(path: server.url("/"), sha256: hash)])
    }

    @Test func anAbsentHeaderFails() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let result = await get(
            server, "/no-hsts", "headers: { strict-transport-security: { exists: true } }")
        #expect(result.status == .fail)
        #expect(
            result.message
                == "GET \(server.url("/no-hsts")) → 200; strict-transport-security: not found")
    }

    @Test func anUnexpectedStatusFails() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let result = await get(server, "/missing", #"body_contains: "ok""#)
        #expect(result.status == .fail)
        #expect(
            result.message
                == "GET \(server.url("/missing")) → 404; status: expected 2xx, found 404; "
                + #"body: does not contain "ok""#
        )

        let expected = await get(server, "/missing", "status: 404")
        #expect(expected.status == .pass)
    }

    @Test func aJSONBodyIsJudgedWithExpect() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let passing = await get(server, "/health", "expect: { status: ok, checks.database: ok }")
        #expect(passing.status == .pass)
        #expect(passing.message == "GET \(server.url("/health")) → 200; all 3 checks passed")

        let failing = await get(server, "/health", "expect: { checks.queue: degraded }")
        #expect(failing.status == .fail)
        #expect(
            failing.message
                == "GET \(server.url("/health")) → 200; "
                + #"checks.queue: expected "degraded", found "ok""#
        )
    }

    @Test func aSlowServerTimesOut() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let result = await get(server, "/slow", "timeout: 1s")
        #expect(result.status == .error)
        #expect(result.message == "GET \(server.url("/slow")) timed out after 1s")
    }

    @Test func theBodyIsCappedAndTheTruncationNoted() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let result = await get(server, "/big", "", context: Kit.context(maxOutputBytes: 1_000))
        #expect(result.status == .pass)
        #expect(
            result.message
                == "GET \(server.url("/big")) → 200; 1 check passed "
                + "(body truncated at 1000 bytes)")
        // sha256 of the 1,000 bytes kept: `head -c 1000 /dev/zero | tr '\0' a | sha256sum`.
        #expect(result.sha256 == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// A check that needs the body cannot be decided on its first bytes only: an error, not
    /// a failure (or a pass).
    @Test func aBodyLargerThanTheCapIsAnErrorWhenTheBodyIsJudged() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let context = Kit.context(maxOutputBytes: 1_000)
        let needle = await get(server, "/big", "body_contains: needle", context: context)
        #expect(needle.status == .error)
        #expect(
            needle.message
                == "GET \(server.url("/big")) → 200; body: larger than the cap of 1000 bytes and "
                + #""needle" is not in its first 1000 bytes"#)
        let expect = await get(server, "/big", "expect: { a: 1 }", context: context)
        #expect(expect.status == .error)
        #expect(
            expect.message
                == "GET \(server.url("/big")) → 200; body: larger than the cap of 1000 bytes; "
                + "expectations not checked")
        // Found within the bytes kept: decided.
        let found = await get(server, "/big", "body_contains: aaaa", context: context)
        #expect(found.status == .pass)
        // A failed status decides the result whatever the body holds.
        let failed = await get(
            server, "/big", "status: 204\nbody_contains: needle", context: context)
        #expect(failed.status == .fail)
    }

    @Test func redirectsAreFollowedOnlyToHTTP() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let followed = await get(server, "/to-health", "expect: { status: ok }")
        #expect(followed.status == .pass)

        let refused = await get(server, "/to-ftp")
        #expect(refused.status == .fail)
        #expect(
            refused.message
                == "GET \(server.url("/to-ftp")) → 302; status: expected 2xx, found 302"
        )
    }

    /// Credentials written in the URL (userinfo, secret query values) never reach the
    /// message or the artifact, which are stored and published.
    @Test func credentialsInTheURLAreRedactedFromTheResult() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let url = "http://deploy:hunter2@127.0.0.1:\(server.port)/health?token=abc123&page=1"
        let result = await collector.collect(
            Kit.spec(.http, options: "url: \(url)\nexpect: { status: ok }"), context: Kit.context())
        #expect(result.status == .pass)
        let shown =
            "http://deploy:[REDACTED]@127.0.0.1:\(server.port)/health?token=[REDACTED]&page=1"
        #expect(result.message == "GET \(shown) → 200; all 2 checks passed")
        #expect(result.artifacts.map(\.path) == [shown])
        for secret in ["hunter2", "abc123"] {
            #expect(!result.message.contains(secret))
            #expect(!result.artifacts.contains { $0.path.contains(secret) })
        }
    }

    @Test func credentialsInTheURLAreRedactedFromAnError() async throws {
        let server = try Self.server()
        let url = "http://deploy:hunter2@127.0.0.1:\(server.port)/?api_key=abc123"
        server.stop()
        let result = await collector.collect(
            Kit.spec(.http, options: "url: \(url)"), context: Kit.context())
        #expect(result.status == .error)
        #expect(
            result.message.hasPrefix(
                "GET http://deploy:[REDACTED]@127.0.0.1:\(server.port)/?api_key=[REDACTED] failed: "
            ))
        #expect(!result.message.contains("hunter2") && !result.message.contains("abc123"))
    }

    @Test func anUnreachableServerIsAnError() async throws {
        let server = try Self.server()
        let url = server.url("/")
        server.stop()  // nothing listens on the port any more
        let result = await collector.collect(
            Kit.spec(.http, options: "url: \(url)"), context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message.hasPrefix("GET \(url) failed: "))
    }

    @Test(arguments: [
        ("", ["evidence.missing-option 1:1"]),
        ("url: ftp://example.test/x", ["evidence.invalid-option 1:6"]),
        ("url: /relative", ["evidence.invalid-option 1:6"]),
        ("url: http://127.0.0.1/\nstatus: 999", ["evidence.invalid-option 2:9"]),
        (
            "url: http://127.0.0.1/\nheaders: { x-frame-options: { \"=~\": x } }",
            ["evidence.invalid-expectation 2:31"]
        ),
        ("url: http://127.0.0.1/\nmethod: POST", ["evidence.unknown-option 2:9"]),
    ])
    func badOptionsAreDiagnosed(_ options: String, _ expected: [String]) {
        #expect(Kit.codes(collector.validate(Kit.spec(.http, options: options))) == expected)
    }
}

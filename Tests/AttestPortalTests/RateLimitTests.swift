import Foundation
import Testing

@testable import AttestPortal

/// The sliding window, its memory bound, and the limits as a client meets them over HTTP.
@Suite struct RateLimitTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theWindowAllowsTheLimitThenRefusesUntilTheOldestEventLeavesIt() async {
        let limiter = SlidingWindowLimiter(limit: 2, window: 600, maxKeys: 10)
        #expect(await limiter.attempt("a", now: start) == .allowed)
        #expect(await limiter.attempt("a", now: start.addingTimeInterval(100)) == .allowed)
        #expect(
            await limiter.attempt("a", now: start.addingTimeInterval(200))
                == .limited(retryAfter: 400))
        #expect(await limiter.attempt("b", now: start.addingTimeInterval(200)) == .allowed)
        #expect(await limiter.attempt("a", now: start.addingTimeInterval(601)) == .allowed)
        #expect(
            await limiter.attempt("a", now: start.addingTimeInterval(602))
                == .limited(retryAfter: 98))
    }

    @Test func trackedKeysStayWithinTheCapTheOldestForgottenFirst() async {
        let limiter = SlidingWindowLimiter(limit: 1, window: 600, maxKeys: 3)
        for index in 0..<50 {
            _ = await limiter.attempt("client-\(index)", now: start)
        }
        #expect(await limiter.trackedKeys == 3)
        // The newest keys are still remembered, the oldest forgotten.
        #expect(await limiter.attempt("client-49", now: start) == .limited(retryAfter: 600))
        #expect(await limiter.attempt("client-0", now: start) == .allowed)
    }

    @Test func aClientOverItsPostLimitGets429WithRetryAfter() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        var limits = PortalLimits()
        limits.postsPerClient = 2
        try await RunningPortal.with(
            try fixture.flowConfiguration(limits: limits), desk: InMemoryDesk()
        ) { port in
            var visitor = PortalVisitor(port: port)
            let form = try await visitor.open("/en/request")
            let token = try #require(PortalVisitor.hiddenFields(form.text).first { $0.0 == "csrf" })
            for _ in 0..<2 {
                #expect(
                    try await visitor.post("/en/request", [token] + CSRFTests.details).status == 200
                )
            }
            let refused = try await visitor.post("/en/request", [token] + CSRFTests.details)
            #expect(refused.status == 429)
            let retry = try #require(refused.header("Retry-After").flatMap(Int.init))
            #expect(retry > 0 && retry <= 600)
            #expect(refused.text.contains("Too many attempts"))
        }
    }

    @Test func behindATrustedProxyEachForwardedClientHasItsOwnLimit() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        var limits = PortalLimits()
        limits.postsPerClient = 1
        try await RunningPortal.with(
            try fixture.flowConfiguration(trustProxy: true, limits: limits), desk: InMemoryDesk()
        ) { port in
            for client in ["203.0.113.7", "203.0.113.8"] {
                var visitor = PortalVisitor(
                    port: port, headers: [("X-Forwarded-For", "10.0.0.1, \(client)")])
                let form = try await visitor.open("/en/request")
                let token = try #require(
                    PortalVisitor.hiddenFields(form.text).first { $0.0 == "csrf" })
                #expect(
                    try await visitor.post("/en/request", [token] + CSRFTests.details).status == 200
                )
                #expect(
                    try await visitor.post("/en/request", [token] + CSRFTests.details).status == 429
                )
            }
        }
    }
}

import Foundation
import Testing

@testable import AttestPortal

/// The sliding window and its memory bound.
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
}

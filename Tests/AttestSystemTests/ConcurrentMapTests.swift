import Foundation
import Synchronization
import Testing

@testable import AttestSystem

@Suite struct ConcurrentMapTests {
    @Test(arguments: [0, 1, 2, 3, 1_000])
    func keepsTheOrderOfTheItems(_ count: Int) {
        let items = Array(0..<count)
        #expect(items.concurrentMap { "\($0 * 3)" } == items.map { "\($0 * 3)" })
    }

    /// Every item is transformed exactly once.
    @Test func transformsEachItemOnce() {
        let calls = Mutex(0)
        let results = Array(0..<5_000).concurrentMap { item in
            calls.withLock { $0 += 1 }
            return item
        }
        #expect(calls.withLock { $0 } == 5_000)
        #expect(Set(results).count == 5_000)
    }

    /// Both pieces of work run, once each, and each result comes back in its place, whichever
    /// finishes first.
    @Test func concurrentlyRunsBothOnceAndKeepsTheirPlaces() {
        let calls = Mutex(0)
        for round in 0..<200 {
            let (text, number) = concurrently(
                {
                    calls.withLock { $0 += 1 }
                    return String(repeating: "a", count: round % 7)
                },
                {
                    calls.withLock { $0 += 1 }
                    return (0...round).reduce(0, +)
                })
            #expect(text.count == round % 7)
            #expect(number == round * (round + 1) / 2)
        }
        #expect(calls.withLock { $0 } == 400)
    }
}

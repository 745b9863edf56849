import AttestCore
import AttestTestSupport
import Crypto
import Foundation
import Testing

@testable import AttestCLI

@Suite struct RecordOrderTests {
    static func result(_ id: String, _ message: String) -> EvidenceResult {
        EvidenceResult(
            evidence: EvidenceID(id), control: ControlID("C-1"), status: .pass,
            observedAt: Date(timeIntervalSince1970: 0), message: message)
    }

    /// Sorted by evidence id; of two results of one id the later stays, as `Scores` counts it.
    @Test func sortsByIDAndKeepsTheLaterOfTwo() {
        let results = [
            Self.result("b", "first b"), Self.result("a", "only a"), Self.result("c", "first c"),
            Self.result("b", "second b"), Self.result("c", "second c"), Self.result("c", "third c"),
        ]
        let ordered = results.recordOrder()
        #expect(ordered.map(\.evidence.rawValue) == ["a", "b", "c"])
        #expect(ordered.map(\.message) == ["only a", "second b", "third c"])
    }

    @Test func agesWithoutReordering() {
        let results = (0..<50).map { Self.result("e\(49 - $0)", "\($0)") }
        let graph = ControlGraph(
            workspace: GraphFactory.workspace(
                frameworks: [GraphFactory.framework("a", [GraphFactory.requirement("A1")])],
                controls: [], mappings: []))
        let aged = results.aged(by: graph, now: Date(timeIntervalSince1970: 0))
        #expect(aged.map(\.evidence) == results.map(\.evidence))
        #expect(
            results.recordOrder().map(\.evidence.rawValue) == (0..<50).map { "e\($0)" }.sorted())
    }
}

/// The record order and the build id against the plain computations they stand for.
@Suite struct RecordOrderEquivalenceTests {
    /// The sort `recordOrder` replaced: (id, position) tuples, the later of two kept.
    static func reference(_ results: [EvidenceResult]) -> [EvidenceResult] {
        let sorted = results.enumerated().sorted {
            ($0.element.evidence, $0.offset) < ($1.element.evidence, $1.offset)
        }
        var ordered: [EvidenceResult] = []
        for (_, result) in sorted {
            if ordered.last?.evidence == result.evidence {
                ordered[ordered.count - 1] = result
            } else {
                ordered.append(result)
            }
        }
        return ordered
    }

    static func results(count: Int, ids: Int, seed: UInt64) -> [EvidenceResult] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { position in
            RecordOrderTests.result("e\(random.next() % UInt64(ids))", "#\(position)")
        }
    }

    @Test(arguments: [(500, 50), (500, 10_000), (1, 1), (0, 1), (2_000, 3)])
    func ordersAsTheTupleSortDid(count: Int, ids: Int) {
        for seed in 0..<5 as Range<UInt64> {
            let results = Self.results(count: count, ids: ids, seed: seed)
            let expected = Self.reference(results)
            let ordered = results.recordOrder()
            #expect(ordered.map(\.evidence) == expected.map(\.evidence))
            #expect(ordered.map(\.message) == expected.map(\.message))
        }
    }

    /// A run already in id order comes back as it is; one with a repeated id is still reduced.
    @Test func aSortedRunIsKeptAndARepeatedIDIsStillReduced() {
        let sorted = (0..<100).map { RecordOrderTests.result(String(format: "e%03d", $0), "\($0)") }
        #expect(sorted.recordOrder() == sorted)
        var repeated = sorted
        repeated.insert(RecordOrderTests.result("e050", "again"), at: 51)
        #expect(repeated.recordOrder() == Self.reference(repeated))
        #expect(repeated.recordOrder().count == 100)
    }

    /// The build id is the first 6 bytes of SHA-256 over the fingerprint, the time and one
    /// line per result (its fields joined by U+001F), however the lines are batched: more
    /// results than one group of batches, and a line longer than a batch's usual size.
    @Test func theBuildIDHashesTheDocumentedLines() {
        let long = String(repeating: "é✓ ", count: 30_000)
        var results = Self.results(count: 70_000, ids: 1_000_000, seed: 7).recordOrder()
        #expect(results.count > 16 * 4_096)
        results[0].message = long
        results[1].status = .partial(1.0 / 3.0)
        results[2].sha256 = "ab"
        results[3].message = ""
        results[4].observedAt = Date(timeIntervalSince1970: 1_700_000_000.25)
        var text = "fp-1\n1700000000\n"
        for result in results {
            text +=
                [
                    result.evidence.rawValue, result.status.name, String(result.status.score),
                    String(result.observedAt.timeIntervalSince1970), result.sha256 ?? "",
                    result.message,
                ].joined(separator: "\u{1F}") + "\n"
        }
        let expected = SHA256.hash(data: Data(text.utf8)).prefix(6)
            .map { String(format: "%02x", $0) }.joined()
        let id = BuildClock.buildID(
            fingerprint: "fp-1", time: Date(timeIntervalSince1970: 1_700_000_000),
            results: results)
        #expect(id == expected)
    }
}

import AttestCore
import AttestTestSupport
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

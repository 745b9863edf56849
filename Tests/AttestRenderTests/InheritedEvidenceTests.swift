import AttestCore
import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// Evidence reached through an inherited score is part of the framework it scores: its stale
/// and failing items are listed in that framework's readiness report.
@Suite struct InheritedEvidenceTests {
    typealias F = GraphFactory

    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    static func model() -> ReportModel {
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [
                    F.framework("demo", [F.requirement("D1")]),
                    F.framework("other", [F.requirement("O1")]),
                ],
                controls: [F.control("C", satisfies: ["demo/D1"], evidence: ["old"])],
                mappings: [F.mapping("other/O1", .equivalent, "demo/D1")]))
        let results: [EvidenceID: EvidenceResult] = [
            "old": EvidenceResult(
                evidence: "old", control: "C", status: .stale, observedAt: now, message: "old")
        ]
        return ReportModel(
            graph: graph,
            scores: Scores(graph: graph, results: results, now: now, expiringWithin: .days(30)),
            ceiling: .internal, build: BuildInfo(id: "b", time: now, toolVersion: "t"))
    }

    @Test func staleEvidenceBehindAnInheritedScoreIsListedForTheInheritingFramework() {
        let rows = Self.model().evidenceRows(of: "other")
        #expect(rows.map(\.spec.id) == ["old"])
        #expect(rows.map(\.concern) == ["stale"])
    }
}

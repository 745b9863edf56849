import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// The figures `score` prints: evidence behind inherited scores counts, and both JSON outputs
/// name their units.
@Suite struct ScoreFiguresTests {
    typealias F = GraphFactory

    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    static func scores() -> Scores {
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [
                    F.framework("demo", [F.requirement("D1"), F.requirement("D2")]),
                    F.framework("other", [F.requirement("O1"), F.requirement("O2")]),
                ],
                controls: [
                    F.control("C", satisfies: ["demo/D1"], evidence: ["old", "bad"]),
                    F.control("NA", satisfies: ["demo/D2"], evidence: ["n"], notApplicable: "No."),
                    F.control("P", satisfies: ["demo/D2"], evidence: ["ok"]),
                ],
                mappings: [
                    F.mapping("other/O1", .equivalent, "demo/D1"),
                    F.mapping("other/O2", .equivalent, "demo/D2"),
                ]))
        let results: [EvidenceID: EvidenceResult] = [
            "old": EvidenceResult(
                evidence: "old", control: "C", status: .stale, observedAt: now, message: ""),
            "bad": EvidenceResult(
                evidence: "bad", control: "C", status: .fail, observedAt: now, message: ""),
            "ok": EvidenceResult(
                evidence: "ok", control: "P", status: .pass, observedAt: now, dateSource: .git,
                message: ""),
        ]
        return Scores(graph: graph, results: results, now: now, expiringWithin: .days(30))
    }

    @Test func staleAndFailingEvidenceBehindAnInheritedScoreCountsForItsFramework() {
        let row = ScoreSummary(scores: Self.scores(), frameworks: ["other"]).rows[0]
        #expect(row.stale == 1)
        #expect(row.failing == 1)
    }

    static func keys(_ json: String) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        if let list = object as? [[String: Any]] { return Set(list.flatMap(\.keys)) }
        if let map = object as? [String: Any] {
            var keys = Set(map.keys)
            for case let rows as [[String: Any]] in map.values {
                keys.formUnion(rows.flatMap(\.keys))
            }
            return keys
        }
        return []
    }

    @Test func scoreAndExplainJSONNameTheSamePercentagesTheSameWay() throws {
        let scores = Self.scores()
        let summary = try Self.keys(
            try JSONOutput.encode(ScoreSummary(scores: scores, frameworks: ["demo"])))
        let explain = try Self.keys(
            try Explanation(scores: scores, node: .framework("demo")).text(format: .json))
        for key in ["readiness_percent", "coverage_percent", "inferred_percent"] {
            #expect(summary.contains(key), "score: \(key)")
            #expect(explain.contains(key), "explain: \(key)")
        }
        #expect(summary.isDisjoint(with: ["readiness", "coverage", "inferred"]))
        #expect(explain.isDisjoint(with: ["percent", "coverage", "inferredShare"]))
    }

    @Test func explainListsNotApplicableControlsWithTheirReason() throws {
        let text = try Explanation(scores: Self.scores(), node: .framework("demo"))
            .text(format: .table)
        let line = try #require(text.split(separator: "\n").first { $0.contains(" NA ") })
        #expect(line.contains("not applicable: No."))
        let json = try Explanation(scores: Self.scores(), node: .framework("demo"))
            .text(format: .json)
        #expect(json.contains(#""not_applicable" : "No.""#))
    }

    @Test func explainDoesNotShowNotApplicableControlsAsScoringUnderAnInheritedScore() throws {
        let text = try Explanation(scores: Self.scores(), node: .framework("other"))
            .text(format: .table)
        let line = try #require(text.split(separator: "\n").first { $0.contains(" NA ") })
        #expect(!line.contains("NA 0"))
        #expect(line.contains("not applicable: No."))
    }

    @Test func explainSaysWhereEachDateCameFrom() throws {
        let explanation = try Explanation(scores: Self.scores(), node: .framework("demo"))
        let text = try explanation.text(format: .table)
        let line = try #require(text.split(separator: "\n").first { $0.contains("- ok ") })
        #expect(line.contains("observed 2026-06-01T00:00:00Z (git)"))
        let json = try explanation.text(format: .json)
        #expect(json.contains(#""date_source" : "git""#))
        #expect(json.contains(#""date_source" : "assumed""#))
    }
}

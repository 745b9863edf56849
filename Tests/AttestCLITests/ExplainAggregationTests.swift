import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// `score --explain` names the aggregate, the key cap and the internal targets missed.
@Suite struct ExplainAggregationTests {
    typealias F = GraphFactory

    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    static func scores() -> Scores {
        func control(
            _ id: ControlID, _ requirement: String, isKey: Bool = false,
            level: EnforcementLevel = .meets
        ) -> Control {
            var control = F.control(id, satisfies: [], evidence: [EvidenceID("e-\(id)")])
            control.satisfies = [
                RequirementReference(
                    RequirementKey("demo", RequirementID(requirement)), at: F.position(1),
                    isKey: isKey, level: level)
            ]
            return control
        }
        var minimum = F.requirement("M")
        minimum.aggregate = .min
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [
                    F.framework("demo", [F.requirement("K"), F.requirement("T"), minimum])
                ],
                controls: [
                    control("CAP", "K", isKey: true), control("A", "K"),
                    control("MEET", "T"), control("STRICT", "T", level: .exceeds),
                    control("M1", "M"),
                ]))
        let statuses: [EvidenceID: EvidenceStatus] = [
            "e-CAP": .partial(0.4), "e-A": .pass, "e-MEET": .pass, "e-STRICT": .fail,
            "e-M1": .pass,
        ]
        let results = statuses.mapValues {
            EvidenceResult(evidence: "x", control: "x", status: $0, observedAt: now, message: "")
        }
        return Scores(graph: graph, results: results, now: now, expiringWithin: .days(30))
    }

    static func text() throws -> [String] {
        try Explanation(scores: scores(), node: .framework("demo")).text(format: .table)
            .split(separator: "\n").map(String.init)
    }

    @Test func aKeyCapIsExplainedWithTheControlAndTheUncappedAggregate() throws {
        let lines = try Self.text()
        #expect(
            lines.contains("      capped at 0.4 by key control CAP (aggregate mean gives 0.7)"),
            "\(lines)")
        #expect(lines.contains { $0.hasPrefix("      CAP 0.4 key ") })
    }

    @Test func aMissedInternalTargetIsListedUnderItsRequirement() throws {
        let lines = try Self.text()
        let leaf = try #require(lines.firstIndex { $0.hasPrefix("  demo/T ") })
        #expect(lines[leaf].contains("× score 1  [direct, aggregate mean]"))
        #expect(lines.contains { $0.hasPrefix("      internal target missed: STRICT") })
        #expect(lines.contains { $0.hasPrefix("      STRICT 0 exceeds ") })
    }

    @Test func eachLeafNamesItsAggregate() throws {
        let lines = try Self.text()
        #expect(lines.contains { $0.hasPrefix("  demo/M ") && $0.contains("aggregate min]") })
    }

    @Test func theJSONCarriesTheRulesOfEachLeaf() throws {
        let json = try Explanation(
            scores: Self.scores(), node: .requirement(RequirementKey("demo", "K"))
        )
        .text(format: .json)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let leaves = try #require(object["leaves"] as? [[String: Any]])
        let rule = try #require((leaves.first?["rules"] as? [[String: Any]])?.first)
        #expect(rule["capped_by"] as? String == "CAP")
        #expect(rule["aggregate"] as? String == "mean")
        let controls = try #require(leaves.first?["controls"] as? [[String: Any]])
        let control = try #require(controls.first { $0["id"] as? String == "CAP" })
        #expect(control["key"] as? Bool == true)
    }
}

import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Mapping relations are a set: the same pair and relation, read in either direction, counts
/// once; a pair given two different relations is an error.
@Suite struct MappingSetTests {
    typealias F = GraphFactory

    static let now = Date(timeIntervalSince1970: 1_780_272_000)
    static let frameworks = [
        F.framework("a", [F.requirement("A1")]), F.framework("b", [F.requirement("B1")]),
        F.framework("c", [F.requirement("C1")]),
    ]

    /// `a/A1` has no control; `b/B1` scores 1 and `c/C1` scores 0, so A1 inherits their mean.
    static func scores(_ mappings: [Mapping]) -> Scores {
        let workspace = F.workspace(
            frameworks: frameworks,
            controls: [
                F.control("CB", satisfies: ["b/B1"], evidence: ["pass"]),
                F.control("CC", satisfies: ["c/C1"], evidence: ["fail"]),
            ],
            mappings: mappings)
        let results = [
            EvidenceResult(
                evidence: "pass", control: "CB", status: .pass, observedAt: now, message: ""),
            EvidenceResult(
                evidence: "fail", control: "CC", status: .fail, observedAt: now, message: ""),
        ]
        return Scores(
            graph: ControlGraph(workspace: workspace),
            results: Dictionary(uniqueKeysWithValues: results.map { ($0.evidence, $0) }),
            now: now, expiringWithin: .days(30))
    }

    static let a1 = RequirementKey("a", "A1")

    static func mapping(
        _ from: String, _ relation: MappingRelation, _ to: String, line: Int
    ) -> Mapping {
        var mapping = F.mapping(from, relation, to)
        mapping.position = F.position(line)
        return mapping
    }

    @Test func aRelationWrittenTwiceCountsOnce() {
        let scores = Self.scores([
            F.mapping("a/A1", .equivalent, "b/B1"), F.mapping("a/A1", .equivalent, "b/B1"),
            F.mapping("a/A1", .equivalent, "c/C1"),
        ])
        #expect(scores.leaves[Self.a1]?.score == 0.5)
        #expect(
            scores.leaves[Self.a1]?.basis
                == .inherited([RequirementKey("b", "B1"), RequirementKey("c", "C1")]))
    }

    @Test func aRelationWrittenFromTheOtherEndCountsOnce() {
        let scores = Self.scores([
            F.mapping("a/A1", .equivalent, "b/B1"), F.mapping("b/B1", .equivalent, "a/A1"),
            F.mapping("a/A1", .subsetOf, "c/C1"), F.mapping("c/C1", .supersetOf, "a/A1"),
        ])
        #expect(scores.leaves[Self.a1]?.score == 0.5)
        #expect(scores.graph.mappings.count == 2)
    }

    @Test func aRepeatedRelationIsWarnedWithANoteAtTheFirst() {
        let first = Self.mapping("a/A1", .subsetOf, "b/B1", line: 3)
        let again = Self.mapping("b/B1", .supersetOf, "a/A1", line: 9)
        let graph = Self.scores([first, again]).graph
        let found = graph.diagnostics.filter { $0.code == "mapping.duplicate" }
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
        #expect(found.first?.position == F.position(9))
        #expect(found.first?.notes.map(\.position) == [F.position(3)])
    }

    @Test func aPairGivenTwoDifferentRelationsIsAnError() {
        let first = Self.mapping("a/A1", .equivalent, "b/B1", line: 3)
        let other = Self.mapping("b/B1", .intersects, "a/A1", line: 9)
        let graph = Self.scores([first, other]).graph
        let found = graph.diagnostics.filter { $0.code == "mapping.conflicting-relation" }
        #expect(found.count == 1)
        #expect(found.first?.severity == .error)
        #expect(found.first?.position == F.position(9))
        #expect(found.first?.notes.map(\.position) == [F.position(3)])
    }
}

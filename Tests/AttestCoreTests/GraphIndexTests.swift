import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// The graph's compact indexes (docs/benchmarks.md, "Memory") answer exactly what the
/// straightforward lookups they replace answered.
@Suite struct GraphIndexTests {
    typealias F = GraphFactory

    static let catalog = F.framework(
        "fw", (1...40).map { F.requirement(RequirementID("R\($0)")) } + [F.requirement("R99")])

    /// Controls in no particular id order, each satisfying requirements in its own order,
    /// some twice with different levels, some not applicable, one listing an unknown key.
    static func controls(seed: UInt64) -> [Control] {
        var random = SplitMix64(seed: seed)
        return (0..<60).map { number in
            let id = ControlID(String(format: "C-%03d", (number * 37) % 60))
            var satisfies: [RequirementReference] = []
            for _ in 0..<Int(random.next() % 12) {
                let key = RequirementKey("fw", RequirementID("R\(1 + random.next() % 40)"))
                satisfies.append(
                    RequirementReference(
                        key, at: SourcePosition(file: "c.yaml", line: number, column: 3),
                        isKey: random.next() % 3 == 0,
                        level: random.next() % 2 == 0 ? .meets : .exceeds))
            }
            satisfies.append(
                RequirementReference(
                    RequirementKey("fw", "R-unknown"),
                    at: SourcePosition(file: "c.yaml", line: number, column: 9)))
            return Control(
                id: id, title: LocalizedText(english: "Control \(id)"), visibility: .public,
                notApplicable: random.next() % 9 == 0 ? "not here" : nil, satisfies: satisfies,
                evidence: [F.evidence(EvidenceID("e-\(id.rawValue)"), control: id)],
                position: SourcePosition(file: "c.yaml", line: number, column: 1))
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func referencesAreTheFirstEntryNamingTheRequirement(seed: UInt64) {
        let controls = Self.controls(seed: seed)
        let graph = ControlGraph(
            workspace: F.workspace(frameworks: [Self.catalog], controls: controls))
        var asked = 0
        for control in controls {
            for number in [1, 7, 13, 21, 40, 99] {
                let key = RequirementKey("fw", RequirementID("R\(number)"))
                let expected = graph.controls[control.id]?.satisfies.first { $0.key == key }
                #expect(graph.reference(from: control.id, to: key) == expected)
                asked += expected == nil ? 0 : 1
            }
            let unknown = RequirementKey("fw", "R-unknown")
            #expect(
                graph.reference(from: control.id, to: unknown)
                    == graph.controls[control.id]?.satisfies.first { $0.key == unknown })
        }
        #expect(asked > 20)
        #expect(graph.reference(from: "C-none", to: RequirementKey("fw", "R1")) == nil)
    }

    @Test(arguments: [UInt64(6), 7, 8])
    func satisfyingControlsAreSortedOnceAndApplicableOnesFiltered(seed: UInt64) {
        let controls = Self.controls(seed: seed)
        let graph = ControlGraph(
            workspace: F.workspace(frameworks: [Self.catalog], controls: controls))
        for number in 1...40 {
            let key = RequirementKey("fw", RequirementID("R\(number)"))
            let satisfying = graph.controls.values.filter { control in
                control.satisfies.contains { $0.key == key }
            }
            let expected = satisfying.map { $0.id }.sorted()
            #expect((graph.controlsByRequirement[key] ?? []) == expected)
            #expect(
                graph.applicableControls(of: key)
                    == expected.filter { graph.controls[$0]?.notApplicable == nil })
        }
    }

    @Test func evidenceIsFoundInItsControlAndTheFirstDefinitionWins() {
        func control(_ id: ControlID, _ specs: [(EvidenceID, Int)]) -> Control {
            var control = F.control(id, satisfies: ["fw/R1"])
            control.evidence = specs.map { spec, line in
                EvidenceSpec(
                    id: spec, control: id, collector: .file, path: "evidence/\(spec)",
                    position: F.position(line))
            }
            return control
        }
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [Self.catalog],
                controls: [
                    control("C-2", [("shared", 9), ("e2", 10)]),
                    control("C-1", [("e1", 2), ("shared", 3)]),
                ]))
        #expect(graph.evidence.count == 3)
        #expect(graph.evidence["shared"]?.control == "C-2")
        #expect(graph.evidence["shared"]?.position.line == 9)
        #expect(graph.evidence["e1"]?.control == "C-1")
        #expect(graph.evidence["missing"] == nil)
        #expect(Set(graph.evidence.values.map { $0.id }) == ["e1", "e2", "shared"])
        let duplicate = graph.diagnostics.first { $0.code == DiagnosticCode.graphDuplicateEvidence }
        #expect(duplicate?.position?.line == 3)
        #expect(duplicate?.notes.first?.position?.line == 9)
    }

    /// `maxAges(of:)` matches results by position when they are in spec order, and by id
    /// otherwise; both give each result its own spec's `max_age` (nil for an unknown id).
    @Test func maxAgesByPositionAreTheSpecsOwn() {
        func control(_ id: ControlID, _ specs: [(EvidenceID, TimeSpan?)]) -> Control {
            var control = F.control(id, satisfies: ["fw/R1"])
            control.evidence = specs.map { spec, maxAge in
                EvidenceSpec(
                    id: spec, control: id, collector: .file, path: "evidence/\(spec)",
                    maxAge: maxAge, position: F.position(1))
            }
            return control
        }
        let graph = ControlGraph(
            workspace: F.workspace(
                frameworks: [Self.catalog],
                controls: [
                    control("C-2", [("b", .days(2)), ("a", nil)]),
                    control("C-1", [("c", .days(1)), ("d", .days(4))]),
                ]))
        func result(_ id: EvidenceID) -> EvidenceResult {
            EvidenceResult(
                evidence: id, control: "C-1", status: .pass, observedAt: .distantPast,
                message: "")
        }
        let byID: [EvidenceID: TimeSpan?] = ["a": nil, "b": .days(2), "c": .days(1), "d": .days(4)]
        // Spec order: controls by id, each one's evidence in order.
        let collected = ["c", "d", "b", "a"].map { result(EvidenceID($0)) }
        #expect(graph.maxAges(of: collected) == collected.map { byID[$0.evidence] ?? nil })
        let shuffled = ["a", "d", "unknown", "b", "c", "c"].map { result(EvidenceID($0)) }
        #expect(graph.maxAges(of: shuffled) == shuffled.map { byID[$0.evidence] ?? nil })
        #expect(graph.maxAges(of: []) == [])
    }

    @Test func aPositionKeepsItsLineAndColumnThroughJSON() throws {
        let position = SourcePosition(file: "controls/a.yaml", line: 123_456, column: 78)
        let data = try JSONEncoder().encode(position)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["line"] as? Int == 123_456)
        #expect(object?["column"] as? Int == 78)
        #expect(try JSONDecoder().decode(SourcePosition.self, from: data) == position)
        var moved = position
        moved.line += 1
        moved.column = 1
        #expect(moved.description == "controls/a.yaml:123457:1")
    }
}

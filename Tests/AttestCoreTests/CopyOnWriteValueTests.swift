import AttestCore
import Foundation
import Testing

/// `EvidenceResult` and `EvidenceSpec` keep their fields in a shared copy-on-write box
/// (`CopyOnWrite`): they must still behave as plain values (a copy never sees another copy's
/// change; equal fields mean equal values).
@Suite struct EvidenceResultValueTests {
    static func result(_ message: String = "ok") -> EvidenceResult {
        EvidenceResult(
            evidence: EvidenceID("e-1"), control: ControlID("C-1"), status: .pass,
            observedAt: Date(timeIntervalSince1970: 1_700_000_000), dateSource: .source,
            target: "policies/a.md", signer: nil, collector: .file, expiresAt: nil,
            sha256: String(repeating: "a", count: 64), message: message,
            artifacts: [Artifact(path: "policies/a.md", sha256: String(repeating: "a", count: 64))])
    }

    @Test func aCopyDoesNotSeeAChangeToTheOriginal() {
        var original = Self.result()
        let copy = original
        original.status = .stale
        original.message = "stale since then: ok"
        original.artifacts.append(Artifact(path: "b", sha256: "bb"))
        original.tally = Tally(passed: 1, total: 2)!
        #expect(copy.status == .pass)
        #expect(copy.message == "ok")
        #expect(copy.artifacts.count == 1)
        #expect(copy.tally == nil)
        #expect(original.artifacts.map(\.path) == ["policies/a.md", "b"])
        #expect(original != copy)
    }

    @Test func theOriginalDoesNotSeeAChangeToACopy() {
        let original = Self.result()
        var copy = original
        copy.evidence = EvidenceID("e-2")
        copy.expiresAt = Date(timeIntervalSince1970: 0)
        #expect(original.evidence == EvidenceID("e-1"))
        #expect(original.expiresAt == nil)
    }

    @Test func resultsBuiltApartWithEqualFieldsAreEqualAndHashAlike() {
        let first = Self.result()
        let second = Self.result()
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(Set([first, second]).count == 1)
        var changed = second
        changed.signer = "alice"
        #expect(changed != first)
        #expect(Set([first, changed]).count == 2)
        changed.signer = nil
        #expect(changed == first)
    }

    @Test func everyFieldTakesPartInEquality() {
        let base = Self.result()
        let changes: [(inout EvidenceResult) -> Void] = [
            { $0.evidence = EvidenceID("x") }, { $0.control = ControlID("x") },
            { $0.status = .partial(0.5) }, { $0.observedAt = .distantPast },
            { $0.dateSource = .git }, { $0.target = nil }, { $0.signer = "s" },
            { $0.collector = nil }, { $0.expiresAt = .distantFuture }, { $0.sha256 = nil },
            { $0.message = "" }, { $0.artifacts = [] }, { $0.tally = Tally(passed: 0, total: 1)! },
        ]
        for change in changes {
            var changed = base
            change(&changed)
            #expect(changed != base)
        }
    }

    @Test func copiesMutatedOnManyThreadsStayApart() async {
        let shared = Self.result()
        let messages = await withTaskGroup(of: String.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var mine = shared
                    for step in 0..<1_000 { mine.message = "\(worker)-\(step)" }
                    return mine.message
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(messages) == Set((0..<8).map { "\($0)-999" }))
        #expect(shared.message == "ok")
    }

    static func spec() -> EvidenceSpec {
        EvidenceSpec(
            id: "e-1", control: "C-1", collector: .json, path: "evidence/a.json",
            maxAge: .days(30),
            options: ["expect": ConfigValue(.scalar("x", isQuoted: true), at: position)],
            position: position)
    }

    static let position = SourcePosition(file: "controls/c.yaml", line: 3, column: 5)

    @Test func aSpecCopyIsIndependentAndEqualityIsByFields() {
        var original = Self.spec()
        let copy = original
        original.options["max"] = ConfigValue(.scalar("3", isQuoted: false), at: Self.position)
        original.weight = 2
        original.path = nil
        #expect(copy.options.count == 1)
        #expect(copy.weight == 1)
        #expect(copy.path == "evidence/a.json")
        #expect(original != copy)
        #expect(Self.spec() == copy)
        #expect(Self.spec().hashValue == copy.hashValue)
        var other = Self.spec()
        other.maxAge = nil
        #expect(other != copy)
        other.maxAge = .days(30)
        #expect(other == copy)
    }
}

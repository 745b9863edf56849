import AttestCore
import Foundation
import Testing

/// The four identifier kinds share one implementation and stay distinct types.
@Suite struct IdentifierTests {
    @Test func identifiersOfDifferentKindsAreDifferentTypes() {
        #expect(FrameworkID.self != ControlID.self)
        #expect(ControlID.self != EvidenceID.self)
        #expect(RequirementID.self != FrameworkID.self)
    }

    @Test func anIdentifierEncodesAsItsPlainString() throws {
        let encoded = try JSONEncoder().encode(["ENC-01" as ControlID])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["ENC-01"]"#)
        let decoded = try JSONDecoder().decode([EvidenceID].self, from: Data(#"["a-b"]"#.utf8))
        #expect(decoded == [EvidenceID("a-b")])
    }

    @Test func identifiersOrderByTheirText() {
        let sorted = (["CC6.1", "A.8.24", "Art.32"] as [RequirementID]).sorted()
        #expect(sorted.map(\.rawValue) == ["A.8.24", "Art.32", "CC6.1"])
        #expect("\(FrameworkID("soc2"))" == "soc2")
    }
}

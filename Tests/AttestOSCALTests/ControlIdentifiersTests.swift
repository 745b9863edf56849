import AttestCore
import AttestOSCAL
import Testing

@Suite("OSCAL control identifiers")
struct ControlIdentifiersTests {
    @Test(
        "A native id becomes an OSCAL token",
        arguments: [
            ("AC-2(1)", "AC-2.1"), ("CC6.1", "CC6.1"), ("164.312(a)(1)", "_164.312.a.1"),
            ("A 5/1", "A-5-1"), ("(x)", "_x"), ("Art. 32", "Art.-32"),
        ])
    func nativeIDBecomesToken(id: String, token: String) {
        #expect(ControlIdentifiers.token(from: id) == token)
    }

    @Test("An imported oscal.id is kept, and a derived id that collides gets a suffix")
    func importedIDsWinAndCollisionsAreSuffixed() {
        let position = SourcePosition(file: "f.yaml", line: 1, column: 1)
        let framework = Framework(
            id: "f", name: LocalizedText(english: "F"), kind: .standard, issuer: "",
            requirements: [
                Requirement(
                    id: "A(1)", title: LocalizedText(english: "a"), position: position),
                Requirement(
                    id: "AC-2 (1)", title: LocalizedText(english: "b"),
                    metadata: ["oscal.id": "A.1"], position: position),
                Requirement(id: "A.1", title: LocalizedText(english: "c"), position: position),
            ], position: position)
        let ids = ControlIdentifiers(framework)
        #expect(ids["AC-2 (1)"] == "A.1")
        #expect(ids["A(1)"] == "A.1-2")
        #expect(ids["A.1"] == "A.1-3")
        #expect(ids["missing"] == nil)
    }
}

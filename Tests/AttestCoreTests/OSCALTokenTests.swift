import AttestCore
import Testing

@Suite struct OSCALTokenTests {
    @Test(arguments: [
        ("CC6.1", "CC6.1"),
        ("A.8.24", "A.8.24"),
        ("ac-2.1", "ac-2.1"),
        ("5.1", "_5.1"),
        ("7.5.1", "_7.5.1"),
        ("164.312(a)(2)(iv)", "_164.312.a.2.iv"),
        ("Art.5(1)(c)", "Art.5.1.c"),
        ("Art.32", "Art.32"),
        ("AC-2(1)", "AC-2.1"),
        ("(a) b", "_a-b"),
        ("", "_"),
        ("Ärende 4", "Ärende-4"),
    ])
    func anIdBecomesTheTokenOSCALAccepts(id: String, token: String) {
        #expect(OSCALToken.token(for: id) == token)
        #expect(OSCALToken.isToken(token))
    }

    @Test(arguments: ["5.1", "a b", "", "-x", ".x", "x:y", "x(1)"])
    func textOutsideTheTokenPatternIsNoToken(text: String) {
        #expect(!OSCALToken.isToken(text))
    }
}

@Suite struct MappingRelationOSCALTests {
    @Test(arguments: [
        ("equivalent-to", MappingRelation.OSCALReading.relation(.equivalent)),
        ("equal-to", .relation(.equivalent)),
        ("subset-of", .relation(.subsetOf)),
        ("superset-of", .relation(.supersetOf)),
        ("intersects-with", .relation(.intersects)),
        ("no-relationship", MappingRelation.OSCALReading.none),
    ])
    func anOSCALRelationshipReadsAsItsOLIRRelation(
        token: String, reading: MappingRelation.OSCALReading
    ) {
        #expect(MappingRelation.reading(oscalRelationship: token) == reading)
    }

    @Test(arguments: ["overlaps", "Equivalent-To", "intersects", ""])
    func aTokenOSCALDoesNotDefineHasNoReading(token: String) {
        #expect(MappingRelation.reading(oscalRelationship: token) == nil)
    }

    @Test(arguments: MappingRelation.allCases)
    func everyRelationIsWrittenAsARelationshipThatReadsBackAsIt(relation: MappingRelation) {
        #expect(
            MappingRelation.reading(oscalRelationship: relation.oscalRelationship)
                == .relation(relation))
    }
}

@Suite struct OSCALIdentifiersTests {
    @Test func anImportedIdWinsAndADerivedIdAlreadyTakenGetsASuffix() {
        let at = SourcePosition.start(of: "f.yaml")
        let framework = Framework(
            id: "f", name: "F", kind: .standard, issuer: "I",
            requirements: [
                Requirement(
                    id: "5", title: "Five", metadata: ["oscal.id": "ac-2"],
                    children: [Requirement(id: "5(1)", title: "One", position: at)], position: at),
                Requirement(id: "5.1", title: "Five one", position: at),
                Requirement(
                    id: "X", title: "X", metadata: ["oscal.id": "not a token"], position: at),
            ], position: at)
        #expect(
            OSCALToken.identifiers(of: framework) == [
                "5": "ac-2", "5(1)": "_5.1", "5.1": "_5.1-2", "X": "X",
            ])
    }
}

import AttestCore
import Testing

@testable import AttestCatalog

@Suite struct RequirementParameterReadingTests {
    static func document(_ parameters: String) -> String {
        """
        schema: 1
        framework: { id: f, name: F, kind: standard, issuer: I }
        requirements:
          - id: AC-1
            title: Policy
            parameters:
        \(parameters)
          - id: AC-2
            title: Accounts
            parameters:
              - id: other
        """
    }

    @Test func parametersAreReadIntoTheRequirement() throws {
        let (framework, diagnostics) = readFramework(
            Self.document(
                """
                      - id: ac-1_prm_1
                        label: organization-defined frequency
                        values: [annually, "1.0"]
                        select:
                          how_many: one-or-more
                          choices: [a, b]
                        guidelines: [At least yearly.]
                        metadata: { class: frequency }
                      - id: ac-1_prm_2
                """))
        #expect(diagnostics == [])
        let requirement = try #require(framework?.requirements.first)
        #expect(
            requirement.parameters == [
                RequirementParameter(
                    id: "ac-1_prm_1", label: "organization-defined frequency",
                    values: ["annually", "1.0"],
                    selection: .init(howMany: .oneOrMore, choices: ["a", "b"]),
                    guidelines: ["At least yearly."], metadata: ["class": "frequency"]),
                RequirementParameter(id: "ac-1_prm_2"),
            ])
        #expect(framework?.requirements.last?.parameters == [RequirementParameter(id: "other")])
    }

    @Test func aDuplicateParameterIDIsReportedAtTheSecondWithANoteAtTheFirst() {
        let (_, diagnostics) = readFramework(
            Self.document(
                """
                      - id: other
                """))
        let duplicate = diagnostics.first { $0.code == .parameterDuplicateID }
        #expect(duplicate?.position?.line == 11)
        #expect(duplicate?.notes.first?.position?.line == 7)
    }

    @Test(arguments: [
        ("      - id: p\n        lable: x", DiagnosticCode.schemaUnknownKey, 8),
        ("      - label: x", .schemaMissingKey, 7),
        ("      - id: p\n        values: annually", .schemaWrongType, 8),
        ("      - id: p\n        select: { choices: [a], how_many: two }", .schemaInvalidValue, 8),
        ("      - id: p\n        select: { how_many: one }", .schemaMissingKey, 8),
        ("      - id: p\n        select: { choices: [a], many: one }", .schemaUnknownKey, 8),
        ("      - id: p\n        metadata: [a]", .schemaWrongType, 8),
        ("      - [p]", .schemaWrongType, 7),
    ])
    func aMalformedParameterIsReportedWhereItIs(
        text: String, code: DiagnosticCode, line: Int
    ) {
        let (_, diagnostics) = readFramework(Self.document(text))
        #expect(diagnostics.map(\.code) == [code])
        #expect(diagnostics.first?.position?.line == line)
    }

    @Test func parametersThatAreNotAListAreReported() {
        let (_, diagnostics) = readFramework(
            """
            schema: 1
            framework: { id: f, name: F, kind: standard, issuer: I }
            requirements:
              - id: AC-1
                title: Policy
                parameters: { id: x }
            """)
        #expect(diagnostics.map(\.code) == [.schemaWrongType])
        #expect(diagnostics.first?.position?.line == 6)
    }
}

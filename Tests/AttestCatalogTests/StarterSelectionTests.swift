import AttestCatalog
import Testing

/// `StarterLibrary.selecting(frameworks:)`: what `attest init` copies for a set of frameworks.
@Suite struct StarterSelectionTests {
    static let access = """
        schema: 1
        # Access control.
        controls:
          - id: ACC-01
            title: { en: MFA, fr: MFA }
            satisfies:
              soc2: [CC6.1]
              gdpr: [Art.32]
              hipaa: ["164.312(d)"]
            evidence:
              - id: mfa
                collector: json
                path: evidence/access/mfa.json
                expect:
                  soc2: [x]

          - id: ACC-02
            title: { en: Reviews, fr: Revues }
            satisfies:
              gdpr: [Art.5]
            evidence:
              - id: reviews
                collector: attestation
                path: evidence/access/reviews.yaml

        """

    static let ai = """
        schema: 1
        controls:
          - id: AIG-01
            title: { en: AI register, fr: Registre IA }
            satisfies:
              eu-ai-act: [Art.9]

        """

    let library = StarterLibrary(files: [
        .init(name: "ai.yaml", text: ai), .init(name: "access.yaml", text: access),
    ])

    @Test func keepsTheControlsOfTheChosenFrameworksWithOnlyTheirMappings() {
        let files = library.selecting(frameworks: ["soc2"])
        #expect(files.map(\.name) == ["access.yaml"])
        let text = files.first?.text ?? ""
        #expect(text.contains("  - id: ACC-01"))
        #expect(!text.contains("ACC-02"))
        #expect(text.contains("      soc2: [CC6.1]"))
        #expect(!text.contains("gdpr:"))
        #expect(!text.contains("hipaa:"))
    }

    @Test func copiesEverythingElseAsWritten() {
        let text = library.selecting(frameworks: ["soc2", "gdpr", "hipaa"]).first?.text
        // Nothing dropped: the file comes back byte for byte.
        #expect(text == Self.access)
    }

    @Test func stopsReadingMappingsAtTheEndOfTheSatisfiesBlock() {
        // `soc2: [x]` under `expect:` looks like a mapping line but belongs to the evidence.
        let text = library.selecting(frameworks: ["gdpr"]).first?.text ?? ""
        #expect(text.contains("          soc2: [x]"))
        #expect(!text.contains("      soc2: [CC6.1]"))
        #expect(text.contains("ACC-02"))
    }

    @Test func leavesOutFilesWithoutAControlForTheFrameworks() {
        #expect(library.selecting(frameworks: ["iso27001"]).isEmpty)
        #expect(library.selecting(frameworks: ["eu-ai-act"]).map(\.name) == ["ai.yaml"])
    }

    @Test func listsTheControlIDsItKeepsInFileOrder() {
        #expect(library.controlIDs(for: ["gdpr", "eu-ai-act"]) == ["ACC-01", "ACC-02", "AIG-01"])
    }
}

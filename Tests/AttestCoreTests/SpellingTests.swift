import AttestCore
import Testing

/// The one "did you mean" used for framework ids and recipe names.
@Suite struct SpellingTests {
    @Test(arguments: [
        ("SOC-2", "soc2"), ("sco2", "soc2"), ("iso2700", "iso27001"), ("hipa", "hipaa"),
    ])
    func aCloseNameIsSuggested(_ written: String, _ expected: String) {
        let known = ["eu-ai-act", "gdpr", "hipaa", "iso27001", "soc2"]
        #expect(Spelling.closest(to: written, among: known, maxEdits: 2) == expected)
    }

    @Test func aFarOrEmptyNameSuggestsNothing() {
        #expect(Spelling.closest(to: "pci-dss", among: ["soc2", "gdpr"], maxEdits: 2) == nil)
        #expect(Spelling.closest(to: "--", among: ["soc2"], maxEdits: 2) == nil)
        // Fewer edits than the name has characters: "ab" is not "a typo" of "xy".
        #expect(Spelling.closest(to: "ab", among: ["xy"], maxEdits: 3) == nil)
    }

    @Test func theEndOfAKnownNameCountsAsOneEditOnlyWhenAsked() {
        let known = ["aws.s3.public-access-block", "aws.kms.rotation"]
        #expect(
            Spelling.closest(
                to: "s3.public-access-block", among: known, maxEdits: 2, acceptingSuffix: true)
                == "aws.s3.public-access-block")
        #expect(Spelling.closest(to: "s3.public-access-block", among: known, maxEdits: 2) == nil)
    }
}

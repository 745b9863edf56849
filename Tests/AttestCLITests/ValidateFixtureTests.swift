import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// Everything `attest validate` reports on each fixture of `workspaces/invalid` — the loader's
/// and the graph's findings, collector options, files named by evidence and attestation
/// content — must be exactly its `expected.txt`. (The catalog's own suite checks the loader's
/// share of the same files.)
@Suite struct ValidateFixtureTests {
    /// 2026-06-01T00:00:00Z: fixtures are validated at a fixed time, so attestation dates in
    /// them age the same way on every run.
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    static func findings(_ name: String) throws -> [Diagnostic] {
        ValidateFindings.all(
            try Fixtures.validate("invalid/\(name)"), root: Fixtures.workspace("invalid/\(name)"),
            now: now, verbose: false)
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

    /// `attest validate` and every build check the evidence specs while the graph is built
    /// (`WorkspaceChecks.load`), from the loaded controls rather than the graph: on every
    /// fixture, invalid ones included, the findings are those of the checks run after it.
    @Test(arguments: Fixtures.workspaceNames(in: "invalid"))
    func checkingEvidenceBesideTheGraphFindsWhatCheckingAfterItFinds(_ name: String) throws {
        let root = Fixtures.workspace("invalid/\(name)")
        let (validation, evidence) = try WorkspaceChecks.load(at: root)
        let beside = ValidateFindings.all(
            validation, root: root, now: Self.now, verbose: false, evidence: evidence)
        let after = ValidateFindings.all(validation, root: root, now: Self.now, verbose: false)
        #expect(beside == after, "\(name)")
    }

    /// The mistakes people make most often say how to fix them, not only what is wrong.
    @Test(arguments: [
        "missing-evidence-file", "windows-evidence-path", "expired-attestation",
        "malformed-attestation-date", "unquoted-version-number", "typographic-quotes",
        "include-matches-nothing", "utf16-file", "framework-typo", "yaml-syntax-error",
        "mtime-review-date",
    ])
    func everyFindingOfACommonMistakeCarriesAHint(_ name: String) throws {
        let findings = try Self.findings(name)
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(finding.hint?.isEmpty == false, "\(name): \(finding.code) has no hint")
        }
    }
}

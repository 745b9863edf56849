import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Every folder of `Tests/Fixtures/workspaces/invalid` holds one defect and the exact
/// diagnostics `attest validate` must produce for it; a new case is a new folder.
///
/// `expected.txt` is checked whole by `ValidateFixtureTests` (AttestCLITests), which runs every
/// check of `validate`. Here only the loader and the graph run, so their findings must be among
/// the expected ones: the rest (collector options, evidence files, attestations) come from the
/// later checks.
@Suite struct InvalidWorkspaceTests {
    static let names = Fixtures.workspaceNames(in: "invalid")

    @Test func thereIsAFixturePerDefect() {
        #expect(Self.names.count >= 20)
    }

    @Test(arguments: names)
    func loaderFindingsAreAmongTheExpectedDiagnostics(_ name: String) throws {
        let folder = Fixtures.workspace("invalid/\(name)")
        let expectedText = try String(
            contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        let expected = ExpectedDiagnostic.parse(expectedText)
        let actual = try Fixtures.validate("invalid/\(name)").diagnostics(verbose: false)
            .map(ExpectedDiagnostic.init)
        let unexpected = actual.filter { !expected.contains($0) }
        #expect(
            unexpected.isEmpty,
            "\(name):\n\(unexpected.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: Fixtures.workspaceNames(in: "valid"))
    func validFixtureHasNoFinding(_ name: String) throws {
        let validation = try Fixtures.validate("valid/\(name)")
        #expect(validation.diagnostics(verbose: true).isEmpty)
        #expect(validation.isValid)
    }
}

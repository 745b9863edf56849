import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Every folder of `Tests/Fixtures/workspaces/invalid` holds one defect and the exact
/// diagnostics it must produce; a new case is a new folder.
@Suite struct InvalidWorkspaceTests {
    static let names = Fixtures.workspaceNames(in: "invalid")

    @Test func thereIsAFixturePerDefect() {
        #expect(Self.names.count >= 20)
    }

    @Test(arguments: names)
    func fixtureYieldsExactlyItsExpectedDiagnostics(_ name: String) throws {
        let folder = Fixtures.workspace("invalid/\(name)")
        let expectedText = try String(
            contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        let expected = ExpectedDiagnostic.parse(expectedText)
        let actual = try Fixtures.validate("invalid/\(name)").diagnostics(verbose: false)
            .map(ExpectedDiagnostic.init)
        #expect(
            actual == expected, "\(name):\n\(actual.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: Fixtures.workspaceNames(in: "valid"))
    func validFixtureHasNoFinding(_ name: String) throws {
        let validation = try Fixtures.validate("valid/\(name)")
        #expect(validation.diagnostics(verbose: true).isEmpty)
        #expect(validation.isValid)
    }
}

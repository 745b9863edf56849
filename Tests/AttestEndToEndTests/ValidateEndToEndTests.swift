import AttestTestSupport
import Foundation
import Testing

/// The built binary on fixtures and on the demo workspace: output and exit codes.
@Suite struct ValidateEndToEndTests {
    @Test func theDemoWorkspaceValidates() async throws {
        let result = try await AttestBinary.run(["validate"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("0 errors"))
    }

    @Test func aValidFixtureExitsZeroAndAnInvalidOneExitsOne() async throws {
        let valid = try await AttestBinary.run([
            "validate", "--workspace", Fixtures.workspace("valid/minimal").path,
        ])
        #expect(valid.status == 0)
        let invalid = try await AttestBinary.run(
            ["validate"], in: Fixtures.workspace("invalid/duplicate-control-id"))
        #expect(invalid.status == 1)
        #expect(
            invalid.standardError.contains(
                "controls/library/controls.yaml:10:5: error: control 'C-1' is defined more than once [graph.duplicate-control]"
            ))
        #expect(
            invalid.standardError.contains(
                "controls/library/controls.yaml:3:5: note: first defined here"))
    }

    @Test func hostileYAMLEndsQuicklyWithADiagnostic() async throws {
        let started = Date()
        let result = try await AttestBinary.run(
            ["validate"], in: Fixtures.workspace("invalid/billion-laughs"), timeout: 90)
        #expect(result.status == 1)
        #expect(result.standardError.contains("[yaml.alias-limit]"))
        // Unbounded without the alias limit; the margin absorbs a loaded machine.
        #expect(Date().timeIntervalSince(started) < 90)
    }

    @Test func anUnreadableWorkspaceExitsTwo() async throws {
        let result = try await AttestBinary.run(["validate", "--workspace", "/nonexistent/attest"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("workspace.not-a-directory"))
    }

    @Test func catalogShowWorksOutsideAnyWorkspace() async throws {
        let result = try await AttestBinary.run(
            ["catalog", "show", "iso27001", "--format", "json"],
            in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("\"id\" : \"A.8.24\""))
    }
}

import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// Dates that cannot be right are reported by `attest validate`, judged at `--now`.
@Suite struct DateChecksTests {
    struct Report: Decodable {
        struct Position: Decodable { var file: String; var line: Int }
        struct Entry: Decodable {
            var severity: String
            var code: String
            var position: Position?
        }
        var diagnostics: [Entry]
    }

    /// Validates a copy of the minimal workspace whose manifest ends with `manifestTail`,
    /// judged at `now`, and returns the exit status and the findings.
    func validate(
        manifestTail: String, evidenceOptions: String = "", now: String
    ) async throws -> (status: Int32, diagnostics: [Report.Entry]) {
        let workspace = try TemporaryWorkspace()
        let source = Fixtures.workspace("valid/minimal")
        for path in [
            "controls/frameworks/demo.yaml", "controls/library/controls.yaml", "evidence/policy.md",
        ] {
            try workspace.write(
                path, try Data(contentsOf: source.appendingPathComponent(path)))
        }
        let manifest = try String(
            contentsOf: source.appendingPathComponent("attest.yaml"), encoding: .utf8)
        try workspace.write("attest.yaml", manifest + manifestTail)
        if !evidenceOptions.isEmpty {
            let controls = try workspace.text("controls/library/controls.yaml")
            try workspace.write(
                "controls/library/controls.yaml",
                controls.replacingOccurrences(
                    of: "        path: evidence/policy.md\n",
                    with: "        path: evidence/policy.md\n" + evidenceOptions))
        }
        let capture = CapturedConsole()
        let status = await AttestMain.run(
            [
                "validate", "--workspace", workspace.root.path, "--format", "json", "--now", now,
            ], console: capture.console)
        let report = try JSONDecoder().decode(
            Report.self, from: Data(capture.standardOutput.utf8))
        return (status, report.diagnostics)
    }

    static let certified = """
        programs:
          - id: iso
            title: ISO 27001
            status: certified
            certified_on: 2025-03-01
            expires_on: EXPIRES

        """

    @Test func aCertificationThatExpiresBeforeItWasGrantedIsAnError() async throws {
        let result = try await validate(
            manifestTail: Self.certified.replacingOccurrences(of: "EXPIRES", with: "2025-02-01"),
            now: "2025-04-01T00:00:00Z")
        #expect(result.status == 1)
        let finding = result.diagnostics.first { $0.code == "program.expires-before-certified" }
        #expect(finding?.severity == "error")
        #expect(finding?.position?.file == "attest.yaml")
        #expect(finding?.position?.line == 7)
    }

    @Test func anExpiredCertificationIsAWarningOnlyOnceItsDateHasPassed() async throws {
        let tail = Self.certified.replacingOccurrences(of: "EXPIRES", with: "2026-02-28")
        let before = try await validate(manifestTail: tail, now: "2026-02-28T12:00:00Z")
        #expect(before.status == 0)
        #expect(!before.diagnostics.contains { $0.code == "program.expired" })
        let after = try await validate(manifestTail: tail, now: "2026-03-01T00:00:00Z")
        #expect(after.status == 0)
        let finding = after.diagnostics.first { $0.code == "program.expired" }
        #expect(finding?.severity == "warning")
        #expect(finding?.position?.line == 7)
    }

    @Test func aRoadmapTargetQuarterThatHasEndedIsAWarning() async throws {
        let tail = """
            programs:
              - id: soc2
                title: SOC 2
                status: planned
                target: 2026-Q1

            """
        let during = try await validate(manifestTail: tail, now: "2026-03-31T23:00:00Z")
        #expect(!during.diagnostics.contains { $0.code == "program.target-past" })
        let after = try await validate(manifestTail: tail, now: "2026-04-01T00:00:00Z")
        let finding = after.diagnostics.first { $0.code == "program.target-past" }
        #expect(finding?.severity == "warning")
        #expect(finding?.position?.line == 7)
    }

    @Test func evidenceWhoseMaxAgeIsWithinTheExpiringWindowIsAWarning() async throws {
        let short = try await validate(
            manifestTail: "", evidenceOptions: "        max_age: 14d\n",
            now: "2026-06-01T00:00:00Z")
        #expect(short.status == 0)
        let finding = short.diagnostics.first { $0.code == "evidence.max-age-within-expiring" }
        #expect(finding?.severity == "warning")
        #expect(finding?.position?.file == "controls/library/controls.yaml")
        let long = try await validate(
            manifestTail: "", evidenceOptions: "        max_age: 90d\n",
            now: "2026-06-01T00:00:00Z")
        #expect(!long.diagnostics.contains { $0.code == "evidence.max-age-within-expiring" })
    }
}

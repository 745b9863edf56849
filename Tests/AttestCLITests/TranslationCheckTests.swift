import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// `attest validate` warns, at the text, when public trust-center text lacks a locale the
/// workspace publishes.
@Suite struct TranslationCheckTests: InProcessCommands {
    func workspace(_ trustCenter: String) throws -> TemporaryWorkspace {
        let workspace = try TemporaryWorkspace()
        let fixture = Fixtures.workspace("valid/minimal")
        for path in [
            "controls/frameworks/demo.yaml", "controls/library/controls.yaml", "evidence/policy.md",
        ] {
            try workspace.write(path, try Data(contentsOf: fixture.appendingPathComponent(path)))
        }
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Fixture Org }
            frameworks: [demo]
            locales: [en, fr]
            include:
              - controls/library/*.yaml
            trust_center:
            \(trustCenter)
            """)
        return workspace
    }

    @Test func publicTextWithoutALocaleIsWarnedAtItsPosition() async throws {
        let workspace = try workspace(
            """
              tagline: { en: We care., fr: Nous y tenons. }
              subprocessors:
                - name: Cloud Co
                  purpose: { en: Hosting }
                  location: France
                - name: Hidden Co
                  purpose: { en: Secret }
                  location: Nowhere
                  visibility: internal
            """)
        let result = await run([
            "validate", "--workspace", workspace.root.path, "--format", "json",
        ])
        struct Report: Decodable {
            struct Position: Decodable { var file: String; var line: Int; var column: Int }
            struct Entry: Decodable {
                var severity: String
                var code: String
                var position: Position?
            }
            var diagnostics: [Entry]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(result.out.utf8))
        let missing = report.diagnostics.filter { $0.code == "trust-center.missing-locale" }
        #expect(missing.allSatisfy { $0.severity == "warning" })
        // Cloud Co's purpose (line 11) and location (line 12); nothing of the internal one.
        #expect(
            missing.map { "\($0.position?.file ?? ""):\($0.position?.line ?? 0)" }
                == ["attest.yaml:11", "attest.yaml:12"])
        #expect(missing.first?.position?.column == 16)
    }

    @Test func aScopeManifestsPublicPurposeWithoutALocaleIsWarnedInItsFile() async throws {
        let workspace = try workspace(
            """
              integrations:
                - name: Suite
                  manifest: evidence/oauth/suite.yaml
            """)
        try workspace.write(
            "evidence/oauth/suite.yaml",
            """
            scopes:
              - scope: openid
                access: read
                purpose: { en: Sign in., fr: Connexion. }
              - scope: mail.send
                access: write
                purpose: Send mail.
              - scope: admin
                access: admin
                purpose: Hidden.
                visibility: internal

            """)
        let result = await run(["validate", "--workspace", workspace.root.path])
        let lines = result.err.split(separator: "\n").filter {
            $0.contains("[trust-center.missing-locale]")
        }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("evidence/oauth/suite.yaml:7:14: warning: ") == true)
    }
}

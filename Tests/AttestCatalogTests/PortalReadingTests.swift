import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// `portal:` is read with every field, its references are checked against the workspace, and
/// a secret written in it is refused without being repeated.
@Suite struct PortalReadingTests {
    /// The `exception-expired` fixture's catalog with `portal` appended to attest.yaml.
    static func load(_ portal: String, locales: String = "[en, fr]") throws -> Validation {
        let workspace = try TemporaryWorkspace()
        let source = Fixtures.workspace("invalid/exception-expired")
        for path in ["controls/frameworks/demo.yaml", "controls/library/controls.yaml"] {
            try workspace.write(path, try Data(contentsOf: source.appendingPathComponent(path)))
        }
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Fixture Org }
            frameworks: [demo]
            locales: \(locales)
            include:
              - controls/library/*.yaml
            documents:
              - { id: pentest, file: legal/pentest.pdf, title: Pen test }
              - { id: paper, file: legal/paper.pdf, title: Paper, visibility: public }

            """ + portal)
        return try WorkspaceLoader(builtinCatalogs: nil).validate(at: workspace.root)
    }

    static func findings(_ validation: Validation) -> [(String, String, Int)] {
        validation.diagnostics(verbose: false).map {
            ($0.code.rawValue, $0.message, $0.position?.line ?? 0)
        }
    }

    @Test func everyFieldIsRead() throws {
        let validation = try Self.load(
            """
            portal:
              url: https://trust.example.com/
              nda: { en: legal/nda.en.md, fr: legal/nda.fr.md }
              mail_from: trust@example.com
              notify: security@example.com
              auto_approve: [Partner.Example, buyer.example]
              grant_duration: 30d
              smtp: smtp://relay.internal:2525
              frameworks: [demo]
              documents: [pentest]

            """)
        #expect(Self.findings(validation).map(\.0) == [])
        let portal = try #require(validation.graph.manifest.portal)
        #expect(portal.url == "https://trust.example.com")
        #expect(portal.nda == ["en": "legal/nda.en.md", "fr": "legal/nda.fr.md"])
        #expect(
            portal.ndaPositions["fr"] == SourcePosition(file: "attest.yaml", line: 12, column: 35))
        #expect(portal.autoApproveDomains == ["partner.example", "buyer.example"])
        #expect(portal.grantDuration == .days(30))
        #expect(portal.smtp == "smtp://relay.internal:2525")
        #expect(portal.frameworks == ["demo"])
        #expect(portal.documents == ["pentest"])
        #expect(portal.isAutoApproved("a.b@PARTNER.example"))
        #expect(!portal.isAutoApproved("a@eu.partner.example"))
        #expect(!portal.isAutoApproved("partner.example@evil.example"))
    }

    @Test func referencesToWhatTheWorkspaceLacksAreErrors() throws {
        let validation = try Self.load(
            """
            portal:
              url: https://trust.example.com
              nda: { en: legal/nda.en.md, de: legal/nda.de.md }
              mail_from: trust@example.com
              frameworks: [soc2]
              documents: [paper, nothing]

            """)
        let messages = Self.findings(validation).filter { $0.0 == "portal.unknown-reference" }
            .map(\.1)
        #expect(messages.count == 5, "\(messages)")
        #expect(messages.contains { $0.contains("no NDA for locale 'fr'") })
        #expect(messages.contains { $0.contains("names locale 'de'") })
        #expect(messages.contains { $0.contains("'paper', which is public") })
        #expect(messages.contains { $0.contains("'nothing', which is not in documents:") })
        #expect(messages.contains { $0.contains("'soc2', which is not in frameworks:") })
    }

    @Test(arguments: [
        ("url: ftp://trust.example.com", "portal.url must be"),
        ("url: https://user:pw@trust.example.com", "portal.url must be"),
        ("grant_duration: 400d", "between 1h and 366d"),
        ("grant_duration: 30m", "between 1h and 366d"),
        ("auto_approve: ['*.example.com']", "is not an e-mail domain"),
        ("auto_approve: ['@example.com']", "is not an e-mail domain"),
        ("notify: not-an-address", "is not an e-mail address"),
        ("notify: \"a b@example.com\"", "is not an e-mail address"),
        ("smtp: http://relay:25", "portal.smtp must be"),
        ("nda: legal/nda.md", "expected a mapping of locale to NDA file"),
        ("nda: { en: ../outside.md }", "may not contain '..'"),
        ("nds: {}", "unknown key 'nds'"),
    ])
    func aBadValueIsAnErrorAtItsLine(_ line: String, _ message: String) throws {
        let key = String(line.prefix { $0 != ":" })
        var fields = [
            "url": "url: https://trust.example.com",
            "nda": "nda: { en: legal/nda.md }",
            "mail_from": "mail_from: trust@example.com",
        ]
        fields[key] = line
        let body = fields.keys.sorted().compactMap { fields[$0] }.map { "  " + $0 }
        let validation = try Self.load(
            "portal:\n" + body.joined(separator: "\n") + "\n", locales: "[en]")
        let errors = Self.findings(validation)
        let lineNumber = 11 + (body.firstIndex { $0.hasPrefix("  " + line) } ?? 0)
        #expect(
            errors.contains { $0.1.contains(message) && $0.2 == lineNumber },
            "\(line): \(errors)")
    }

    @Test func smtpCredentialsAreRefusedWithoutBeingRepeated() throws {
        let validation = try Self.load(
            """
            portal:
              url: https://trust.example.com
              nda: { en: legal/nda.md }
              mail_from: trust@example.com
              smtp: smtp://mailer:S3cr3t-Relay@relay.internal:25

            """, locales: "[en]")
        let finding = try #require(
            validation.diagnostics(verbose: false).first {
                $0.code == .portalSecretInWorkspace
            })
        #expect(finding.position?.line == 14)
        #expect(!finding.message.contains("S3cr3t"))
        #expect(!finding.message.contains("mailer"))
    }

    @Test func addressesAreCheckedForTheirShapeOnly() {
        for valid in ["a@b.co", "first.last+tag@sub.example.org", "o'brien@example.ie"] {
            #expect(EmailAddress.isValid(valid), "\(valid)")
        }
        for invalid in [
            "", "a", "a@b", "@b.co", "a@@b.co", "a b@c.co", "a@b..co", ".a@b.co", "a.@b.co",
            "a@-b.co", "a@b.co\r\nBcc: x@y.z", "é@b.co",
            String(repeating: "a", count: 65) + "@b.co",
        ] {
            #expect(!EmailAddress.isValid(invalid), "\(invalid)")
        }
    }
}

import AttestCatalog
import AttestCore
import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// `trust_center.public_status`, `featured`, `thresholds` and `default_locale:` as attest.yaml
/// writes them: read into the site's presentation, or reported at the value that is wrong.
@Suite struct SitePresentationReadingTests {
    /// A workspace made of the `trust-center-featured-unknown` fixture's framework and control,
    /// with `manifest` as its attest.yaml.
    static func workspace(_ manifest: String) throws -> URL {
        let source = Fixtures.workspace("invalid/trust-center-featured-unknown")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-presentation-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: root)
        try Data(manifest.utf8).write(to: root.appendingPathComponent("attest.yaml"))
        return root
    }

    static let header = """
        schema: 1
        organisation: { name: Fixture Org }
        frameworks: [demo]
        include:
          - controls/library/*.yaml

        """

    static func read(
        _ manifest: String
    ) throws -> (
        TrustCenterContent, [Diagnostic], Manifest, ControlGraph
    ) {
        let root = try workspace(manifest)
        defer { try? FileManager.default.removeItem(at: root) }
        let validation = try WorkspaceLoader(builtinCatalogs: nil).validate(at: root)
        let (content, findings) = TrustCenterContent.read(validation.graph.manifest.trustCenter) {
            _, position in .failure(.error(.schemaMissing, "no manifest", at: position))
        }
        return (
            content, findings + validation.diagnostics(verbose: false),
            validation.graph.manifest, validation.graph
        )
    }

    @Test func theWorkspaceChoicesBecomeThePresentation() throws {
        let (content, findings, manifest, graph) = try Self.read(
            Self.header + """
                locales: [en, fr]
                default_locale: fr
                trust_center:
                  public_status: detailed
                  featured: [demo]
                  thresholds: { good: 80, fair: 40 }

                """)
        #expect(findings.isEmpty, "\(findings)")
        #expect(content.check(against: graph).isEmpty)
        let presentation = SitePresentation(content: content, manifest: manifest)
        #expect(presentation.publicStatus == .detailed)
        #expect(presentation.featured == ["demo"])
        #expect(presentation.thresholds == .init(good: 80, fair: 40))
        #expect(presentation.frameworkOrder == ["demo"])
        #expect(presentation.defaultLocale == "fr")
    }

    @Test func withoutChoicesThePageIsASummaryWithTheDefaultBands() throws {
        let (content, findings, manifest, _) = try Self.read(Self.header)
        #expect(findings.isEmpty)
        let presentation = SitePresentation(content: content, manifest: manifest)
        #expect(presentation.publicStatus == .summary)
        #expect(presentation.featured.isEmpty)
        #expect(presentation.thresholds == .init(good: 90, fair: 60))
        #expect(presentation.defaultLocale == nil)
    }

    @Test(arguments: [
        ("  public_status: everything", 7, 18),
        ("  thresholds: { good: 90, fair: -1 }", 7, 33),
        ("  thresholds: { good: 101 }", 7, 23),
        ("  thresholds: { good: ninety }", 7, 23),
        ("  thresholds: { good: 59.9, fair: 60 }", 7, 23),
    ])
    func aWrongValueIsReportedAtItsPosition(line: String, row: Int, column: Int) throws {
        let (_, findings, _, _) = try Self.read(Self.header + "trust_center:\n" + line + "\n")
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect([DiagnosticCode.schemaInvalidValue, .schemaWrongType].contains(finding.code))
        #expect(finding.position?.line == row)
        #expect(finding.position?.column == column)
    }

    @Test func anUnknownFeaturedFrameworkIsAnErrorNamingTheClosestOne() throws {
        let (content, findings, _, graph) = try Self.read(
            Self.header + "trust_center:\n  featured: [demo, dmeo]\n")
        #expect(findings.isEmpty)
        let checks = content.check(against: graph)
        #expect(checks.count == 1)
        let finding = try #require(checks.first)
        #expect(finding.code == .trustCenterUnknownFramework)
        #expect(finding.position?.line == 7)
        #expect(finding.position?.column == 20)
        #expect(finding.hint == "did you mean 'demo'?")
    }

    @Test func aDefaultLocaleOutsideLocalesIsReportedAtItsValue() throws {
        let (_, findings, manifest, _) = try Self.read(
            Self.header + "locales: [en, fr]\ndefault_locale: de\n")
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.code == .schemaInvalidValue)
        #expect(finding.position?.line == 7)
        #expect(finding.position?.column == 17)
        #expect(manifest.defaultLocale == nil)
    }
}

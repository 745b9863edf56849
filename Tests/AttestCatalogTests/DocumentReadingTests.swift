import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// A `documents:` entry is read whole from attest.yaml or an included file, with the positions
/// its findings point at; a repeated id, an unknown key or a bad value is reported there.
@Suite struct DocumentReadingTests {
    /// The `exception-expired` fixture's catalog with `documents` as the manifest's list and a
    /// fragment adding `fragment` (a `documents:` list too, when given).
    static func load(
        _ documents: String, fragment: String? = nil
    ) throws -> (Validation, TemporaryWorkspace) {
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
            include:
              - controls/library/*.yaml
            documents:

            """ + documents)
        if let fragment {
            try workspace.write("controls/library/more.yaml", "schema: 1\ndocuments:\n" + fragment)
        }
        return (try WorkspaceLoader(builtinCatalogs: nil).validate(at: workspace.root), workspace)
    }

    @Test func everyFieldIsReadAndVisibilityDefaultsToNDA() throws {
        let (validation, _) = try Self.load(
            """
              - id: pentest-2026
                file: documents/pentest.pdf
                title: { en: Penetration test summary, fr: Synthèse du test d'intrusion }
                description: { en: By an outside firm, fr: Par un cabinet externe }
                expires: 2027-03-31

            """,
            fragment: """
                  - id: whitepaper
                    file: documents/whitepaper.md
                    title: Security whitepaper
                    visibility: public

                """)
        #expect(validation.diagnostics(verbose: false).isEmpty)
        let documents = validation.graph.manifest.documents
        // The manifest's first, then the included file's.
        #expect(documents.map(\.id) == ["pentest-2026", "whitepaper"])
        let first = try #require(documents.first)
        #expect(first.file == "documents/pentest.pdf")
        #expect(first.fileName == "pentest.pdf")
        #expect(first.title.values["fr"] == "Synthèse du test d'intrusion")
        #expect(first.description?.english == "By an outside firm")
        #expect(first.visibility == .nda)
        #expect(first.expires == "2027-03-31")
        #expect(first.position == SourcePosition(file: "attest.yaml", line: 7, column: 5))
        #expect(first.filePosition == SourcePosition(file: "attest.yaml", line: 8, column: 11))
        #expect(
            first.expiresPosition == SourcePosition(file: "attest.yaml", line: 11, column: 14))
        let second = try #require(documents.last)
        #expect(second.visibility == .public)
        #expect(second.expires == nil)
        #expect(second.position.file == "controls/library/more.yaml")
    }

    @Test func aRepeatedIdIsAnErrorWithANoteAtTheFirst() throws {
        let (validation, _) = try Self.load(
            """
              - id: report
                file: a.pdf
                title: A

            """,
            fragment: """
                  - id: report
                    file: b.pdf
                    title: B

                """)
        let found = validation.diagnostics(verbose: false).filter {
            $0.code == .documentDuplicateID
        }
        #expect(found.count == 1)
        #expect(
            found.first?.position
                == SourcePosition(file: "controls/library/more.yaml", line: 3, column: 5))
        #expect(
            found.first?.notes.first?.position
                == SourcePosition(file: "attest.yaml", line: 7, column: 5))
    }

    @Test(arguments: [
        ("  - { id: a, file: a.pdf, title: A, owner: me }\n", "schema.unknown-key", 7, 37),
        (
            "  - { id: a, file: a.pdf, title: A, visibility: secret }\n",
            "control.invalid-visibility", 7, 49
        ),
        (
            "  - { id: a, file: a.pdf, title: A, expires: 2027-02-30 }\n", "schema.invalid-value",
            7, 46
        ),
        ("  - { id: a, file: a.pdf, title: { fr: Un } }\n", "schema.missing-key", 7, 34),
        ("  - { id: a, title: A }\n", "schema.missing-key", 7, 5),
        ("  - { id: 'a b', file: a.pdf, title: A }\n", "schema.invalid-value", 7, 11),
        ("  - { id: a, file: ../out.pdf, title: A }\n", "workspace.unsafe-path", 7, 20),
    ])
    func aBadEntryIsReportedAtItsValue(
        entry: String, code: String, line: Int, column: Int
    ) throws {
        let (validation, _) = try Self.load(entry)
        let errors = validation.diagnostics(verbose: false).filter { $0.severity == .error }
        #expect(errors.count == 1)
        if !code.isEmpty { #expect(errors.first?.code.rawValue == code) }
        #expect(errors.first?.position?.line == line)
        #expect(errors.first?.position?.column == column)
    }

    @Test func expiryIsJudgedAgainstNowAndTheFreshnessWindow() throws {
        let (validation, _) = try Self.load(
            """
              - { id: old, file: a.pdf, title: A, expires: 2026-05-31 }
              - { id: soon, file: b.pdf, title: B, expires: 2026-06-20 }
              - { id: later, file: c.pdf, title: C, expires: 2026-12-31 }
              - { id: never, file: d.pdf, title: D }

            """)
        let now = try #require(Timestamp.instant("2026-06-01T12:00:00Z", zoneRequired: true))
        let found = DocumentChecks.dated(
            validation.graph.manifest.documents, now: now, window: .days(30))
        #expect(found.map(\.code) == [.documentExpired, .documentExpiring])
        #expect(found.map(\.severity) == [.warning, .warning])
        #expect(found.map { $0.position?.line } == [7, 8])
        // The last valid day is still valid: expiring, not expired.
        let lastDay = try #require(Timestamp.instant("2026-05-31T23:59:59Z", zoneRequired: true))
        #expect(
            DocumentChecks.dated(
                Array(validation.graph.manifest.documents.prefix(1)), now: lastDay,
                window: .days(0)
            ).map(\.code) == [.documentExpiring])
    }

    @Test func aMissingFileOrALinkOutOfTheWorkspaceIsAnErrorAtFile() throws {
        let (validation, workspace) = try Self.load(
            """
              - { id: here, file: documents/here.md, title: A }
              - { id: gone, file: documents/gone.md, title: B }
              - { id: out, file: documents/out.md, title: C }

            """)
        try workspace.write("documents/here.md", "# Here\n")
        let outside = try TemporaryWorkspace()
        try outside.write("secret.md", "CANARY\n")
        try workspace.link(
            "documents/out.md", to: outside.root.appendingPathComponent("secret.md").path)
        let found = DocumentChecks.onDisk(
            validation.graph.manifest.documents, root: workspace.root)
        #expect(found.map(\.code) == [.workspaceMissingFile, .workspaceUnsafePath])
        #expect(found.map { $0.position?.line } == [8, 9])
        #expect(found.map { $0.position?.column } == [23, 22])
    }
}

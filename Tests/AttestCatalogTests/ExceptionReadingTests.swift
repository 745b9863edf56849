import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// An `exceptions:` entry is read whole from attest.yaml or an included file, with the
/// positions its findings point at.
@Suite struct ExceptionReadingTests {
    /// The `exception-expired` fixture (a valid register judged at any time) with its entry
    /// rewritten to `entry`, and a fragment adding a second exception.
    static func load(entry: String) throws -> (Validation, TemporaryWorkspace) {
        let workspace = try TemporaryWorkspace()
        let source = Fixtures.workspace("invalid/exception-expired")
        for path in [
            "controls/frameworks/demo.yaml", "controls/library/controls.yaml", "evidence/policy.md",
            "keys/jdoe.pub",
        ] {
            try workspace.write(path, try Data(contentsOf: source.appendingPathComponent(path)))
        }
        let manifest = try String(
            contentsOf: source.appendingPathComponent("attest.yaml"), encoding: .utf8)
        let head = manifest.components(separatedBy: "exceptions:\n")[0]
        try workspace.write("attest.yaml", head + "exceptions:\n" + entry)
        try workspace.write(
            "controls/library/more.yaml",
            """
            schema: 1
            exceptions:
              - id: EX-9
                evidence: e-2
                period: { from: 2026-02-01, to: 2026-02-28 }
                description: d
                owner: o
                management_response: r
                remediation_date: 2026-02-15
                approved_by: jdoe
                expires: 2026-03-31
                visibility: public

            """)
        return (try WorkspaceLoader(builtinCatalogs: nil).validate(at: workspace.root), workspace)
    }

    @Test func everyFieldIsReadAndVisibilityDefaultsToInternal() throws {
        let (validation, _) = try Self.load(
            entry: """
                  - id: EX-1
                    control: C-1
                    evidence: e-1
                    period: { from: 2026-01-01, to: 2026-06-30 }
                    description: { en: Overdue review, fr: Revue en retard }
                    owner: security
                    management_response: { en: Booked for May, fr: Prévue en mai }
                    remediation_date: 2026-05-31
                    approved_by: jdoe
                    expires: 2026-07-31

                """)
        #expect(validation.diagnostics(verbose: false).isEmpty)
        let exceptions = validation.graph.manifest.exceptions
        // The manifest's first, then the included file's.
        #expect(exceptions.map(\.id) == ["EX-1", "EX-9"])
        let first = try #require(exceptions.first)
        #expect(first.control?.id == "C-1")
        #expect(
            first.control?.position == SourcePosition(file: "attest.yaml", line: 14, column: 14))
        #expect(first.evidence?.id == "e-1")
        #expect(first.from == "2026-01-01")
        #expect(first.to == "2026-06-30")
        #expect(first.description.values == ["en": "Overdue review", "fr": "Revue en retard"])
        #expect(first.owner == "security")
        #expect(first.managementResponse.values["fr"] == "Prévue en mai")
        #expect(first.remediationDate == "2026-05-31")
        #expect(first.approvedBy == "jdoe")
        #expect(first.approvedByPosition.line == 21)
        #expect(first.expires == "2026-07-31")
        #expect(first.expiresPosition == SourcePosition(file: "attest.yaml", line: 22, column: 14))
        #expect(first.visibility == .internal)
        #expect(first.position == SourcePosition(file: "attest.yaml", line: 13, column: 5))
        #expect(exceptions.last?.visibility == .public)
        #expect(exceptions.last?.position.file == "controls/library/more.yaml")
    }

    @Test func anIDAlsoUsedInAnIncludedFileIsADuplicateWithANoteAtTheFirst() throws {
        let (validation, _) = try Self.load(
            entry: """
                  - id: EX-9
                    control: C-1
                    period: { from: 2026-01-01, to: 2026-06-30 }
                    description: d
                    owner: o
                    management_response: r
                    remediation_date: 2026-05-31
                    approved_by: jdoe
                    expires: 2026-07-31

                """)
        let duplicates = validation.diagnostics(verbose: false).filter {
            $0.code == .exceptionDuplicateID
        }
        #expect(duplicates.count == 1)
        #expect(duplicates.first?.position?.file == "controls/library/more.yaml")
        #expect(duplicates.first?.position?.line == 3)
        #expect(duplicates.first?.notes.first?.position?.file == "attest.yaml")
        #expect(duplicates.first?.notes.first?.position?.line == 13)
    }
}

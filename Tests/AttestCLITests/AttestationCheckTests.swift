import AttestCatalog
import AttestCore
import AttestEvidence
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// What `attest validate` reads ahead of collection in an attestation: its dates, judged
/// against the time `validate` runs at.
@Suite struct AttestationCheckTests {
    /// 2026-06-01T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_780_315_200)

    static func statement(date: String, expires: String? = nil) -> String {
        "who: Jane Doe\nrole: CISO\ndate: \(date)\nstatement: Reviewed.\n"
            + (expires.map { "expires: \($0)\n" } ?? "")
    }

    /// Checks one attestation spec over `files` (the attestation at `evidence/a.yaml`).
    static func check(
        _ files: [String: String], path: String = "evidence/a.yaml", maxAge: TimeSpan? = nil
    ) throws -> [Diagnostic] {
        let workspace = try TemporaryWorkspace()
        for (name, text) in files { try workspace.write(name, text) }
        let spec = EvidenceSpec(
            id: "e-1", control: "C-1", collector: .attestation, path: path, maxAge: maxAge,
            position: SourcePosition(file: "controls.yaml", line: 7, column: 9))
        // These statements are unsigned: the signature findings are SignerTests' subject.
        return WorkspaceSession.registry(root: workspace.root).checkAttestations(
            [spec], root: workspace.root, now: now
        ).filter { $0.code != .evidenceAttestationSignature }
    }

    @Test(
        arguments: [
            (statement(date: "2026-05-01"), nil),
            (statement(date: "2026-06-01"), nil),
            (statement(date: "2026-01-10", expires: "2026-06-01"), nil),
            (statement(date: "2026-03-04"), TimeSpan(parsing: "90d")),
        ] as [(String, TimeSpan?)])
    func aCurrentAttestationHasNoFinding(_ text: String, _ maxAge: TimeSpan?) throws {
        #expect(try Self.check(["evidence/a.yaml": text], maxAge: maxAge).isEmpty)
    }

    @Test func anAttestationPastItsExpiryDateIsAWarningAtTheSpecWithANoteAtTheDate() throws {
        let found = try Self.check([
            "evidence/a.yaml": Self.statement(date: "2026-01-10", expires: "2026-05-31")
        ])
        #expect(found.map(\.code) == [.evidenceAttestationExpired])
        #expect(found.first?.severity == .warning)
        #expect(found.first?.position?.description == "controls.yaml:7:9")
        #expect(found.first?.notes.first?.position?.description == "evidence/a.yaml:5:10")
        #expect(found.first?.hint != nil)
    }

    @Test func anAttestationOlderThanMaxAgeIsAWarningAtTheSpec() throws {
        // 2026-03-03 + 90 days = 2026-06-01T00:00Z, before noon.
        let found = try Self.check(
            ["evidence/a.yaml": Self.statement(date: "2026-03-03")],
            maxAge: TimeSpan(parsing: "90d"))
        #expect(found.map(\.code) == [.evidenceAttestationExpired])
        #expect(found.first?.notes.first?.position?.description == "evidence/a.yaml:3:7")
    }

    @Test(arguments: ["2026-13-45", "05/06/2026", "2026-5-6", "2026-02-30", "yesterday"])
    func aMalformedDateIsAnErrorAtTheDateWithTheFormatAsHint(_ date: String) throws {
        let found = try Self.check(["evidence/a.yaml": Self.statement(date: date)])
        #expect(found.map(\.code) == [.evidenceInvalidAttestationDate])
        #expect(found.first?.severity == .error)
        #expect(found.first?.position?.description == "evidence/a.yaml:3:7")
        #expect(found.first?.notes.first?.position?.description == "controls.yaml:7:9")
        #expect(found.first?.hint?.contains("YYYY-MM-DD") == true)
    }

    @Test func aMalformedExpiryIsAnErrorAtTheExpiry() throws {
        let found = try Self.check([
            "evidence/a.yaml": Self.statement(date: "2026-01-10", expires: "31/12/2026")
        ])
        #expect(found.map(\.code) == [.evidenceInvalidAttestationDate])
        #expect(found.first?.position?.description == "evidence/a.yaml:5:10")
    }

    @Test func aDateInTheFutureIsAnError() throws {
        let found = try Self.check(["evidence/a.yaml": Self.statement(date: "2026-12-05")])
        #expect(found.map(\.code) == [.evidenceInvalidAttestationDate])
        #expect(found.first?.hint != nil)
    }

    @Test func aJSONAttestationIsCheckedAtItsOwnPositions() throws {
        let json = """
            {"who": "Jane Doe", "role": "CISO",
             "date": "2026-13-01", "statement": "Reviewed."}
            """
        let found = try Self.check(["evidence/a.json": json], path: "evidence/a.json")
        #expect(found.map(\.code) == [.evidenceInvalidAttestationDate])
        #expect(found.first?.position?.description == "evidence/a.json:2:10")
    }

    @Test func anAttestationThatIsNotOneIsAnError() throws {
        let found = try Self.check(["evidence/a.yaml": "who: [unclosed\n"])
        #expect(found.map(\.code) == [.evidenceInvalidAttestation])
        #expect(found.first?.hint != nil)
        let shape = try Self.check(["evidence/a.yaml": "who: Jane\n"])
        #expect(shape.map(\.code) == [.evidenceInvalidAttestation])
    }

    /// Files that are absent or outside the workspace are reported once, by the file checks.
    @Test func aMissingAttestationIsLeftToTheFileChecks() throws {
        #expect(try Self.check([:]).isEmpty)
    }
}

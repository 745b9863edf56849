import AttestCLI
import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// `attest validate` on the exceptions register: an expired exception is an error, judged at
/// `--now`; a mistyped key says which key was meant.
@Suite struct ExceptionValidationTests {
    struct Report: Decodable {
        struct Position: Decodable {
            var file: String
            var line: Int
            var column: Int
        }
        struct Entry: Decodable {
            var severity: String
            var code: String
            var position: Position?
        }
        var diagnostics: [Entry]
    }

    func validate(_ fixture: String, now: String) async throws -> (Int32, [Report.Entry]) {
        let capture = CapturedConsole()
        let status = await AttestMain.run(
            [
                "validate", "--workspace", Fixtures.workspace("invalid/\(fixture)").path,
                "--format", "json", "--now", now,
            ], console: capture.console)
        let report = try JSONDecoder().decode(
            Report.self, from: Data(capture.standardOutput.utf8))
        return (status, report.diagnostics)
    }

    @Test func anExceptionExpiredYesterdayFailsValidateAtItsExpiresLine() async throws {
        // expires: 2026-05-31 (attest.yaml line 21, value at column 14).
        let (status, findings) = try await validate(
            "exception-expired", now: "2026-06-01T00:00:00Z")
        #expect(status == 1)
        #expect(findings.map(\.code) == ["exception.expired"])
        #expect(findings.first?.severity == "error")
        #expect(findings.first?.position?.line == 21)
        #expect(findings.first?.position?.column == 14)
    }

    @Test func anExceptionOnItsLastDayIsValid() async throws {
        let (status, findings) = try await validate(
            "exception-expired", now: "2026-05-31T23:59:59Z")
        #expect(status == 0)
        #expect(findings.isEmpty)
    }

    @Test func aMistypedKeyOfAnExceptionSuggestsTheKeyItMeant() throws {
        let findings = try Fixtures.validate("invalid/exception-unknown-key").diagnostics(
            verbose: false)
        let unknown = findings.first { $0.code == .schemaUnknownKey }
        #expect(unknown?.position?.line == 19)
        #expect(unknown?.hint == "did you mean 'remediation_date'?")
    }
}

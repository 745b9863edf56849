import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// How findings are printed: a hint on its own line, in text and JSON, and never a file's raw
/// bytes.
@Suite struct DiagnosticPrinterTests {
    static let source = "title: Access: admins\n"

    static var finding: Diagnostic {
        .error(
            .yamlSyntax, "mapping values are not allowed in this context",
            at: SourcePosition(file: "x.yaml", line: 1, column: 14),
            hint: "quote the value: title: \"Access: admins\"")
    }

    @Test func aHintIsPrintedOnItsOwnLineAfterTheCaret() throws {
        let printer = DiagnosticPrinter(source: { _ in Data(Self.source.utf8) })
        let lines = printer.text(Self.finding).split(separator: "\n").map(String.init)
        try #require(lines.count == 4)
        #expect(lines[0].hasPrefix("x.yaml:1:14: error: "))
        #expect(lines[2] == "                 ^")
        #expect(lines[3] == "hint: quote the value: title: \"Access: admins\"")
    }

    /// A file saved with Windows line ends used to be one line to the printer (`\r\n` is one
    /// `Character`, never equal to `\n`): a finding past line 1 quoted nothing, and one on
    /// line 1 quoted the whole file.
    @Test func aFileWithWindowsLineEndsQuotesOnlyTheFindingsLine() throws {
        let source = "schema: 1\r\ntitle: Access: admins\r\nowner: x\r\n"
        let printer = DiagnosticPrinter(source: { _ in Data(source.utf8) })
        var second = Self.finding
        second.position = SourcePosition(file: "x.yaml", line: 2, column: 14)
        second.hint = nil
        let lines = printer.text(second).split(separator: "\n").map(String.init)
        #expect(Array(lines.dropFirst()) == ["    title: Access: admins", "                 ^"])
        var first = second
        first.position = SourcePosition(file: "x.yaml", line: 1, column: 9)
        let quoted = printer.text(first).split(separator: "\n").map(String.init)
        #expect(Array(quoted.dropFirst()) == ["    schema: 1", "            ^"])
    }

    /// A quoted line is redacted like a collector's message; the caret keeps its column when
    /// the secret comes after it, and stops at the redaction when the secret comes before.
    @Test func aQuotedLineNeverShowsASecret() throws {
        let source = "store: postgres://ci:hunter2-long@db:5432/attest # token=abcdef123456\n"
        let printer = DiagnosticPrinter(source: { _ in Data(source.utf8) })
        func quoted(column: Int) -> [String] {
            let finding = Diagnostic.warning(
                .schemaInvalidValue, "store carries its password",
                at: SourcePosition(file: "attest.yaml", line: 1, column: column))
            return Array(printer.text(finding).split(separator: "\n").dropFirst().map(String.init))
        }
        let atKey = quoted(column: 1)
        #expect(!atKey.joined().contains("hunter2"))
        #expect(!atKey.joined().contains("abcdef123456"))
        #expect(atKey[0].hasPrefix("    store: postgres://ci:[REDACTED]@db:5432/attest"))
        #expect(atKey[1] == "    ^")
        let pastSecret = quoted(column: 50)
        #expect(pastSecret[1] == "    " + String(repeating: " ", count: 21) + "^")
    }

    @Test func jsonCarriesTheHintAndLeavesItOutWhenThereIsNone() throws {
        let printer = DiagnosticPrinter(source: { _ in nil })
        var plain = Self.finding
        plain.hint = nil
        let json = printer.json([Self.finding, plain])
        struct Report: Decodable {
            struct Entry: Decodable { var hint: String? }
            var diagnostics: [Entry]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        #expect(
            report.diagnostics.map(\.hint) == ["quote the value: title: \"Access: admins\"", nil])
        #expect(json.components(separatedBy: "\"hint\"").count == 2)
    }

    /// A UTF-16 file used to be quoted byte by byte (NULs and all) under its finding.
    @Test func aUTF16FileIsReportedWithAHintAndNoneOfItsBytes() async throws {
        let capture = CapturedConsole()
        let status = await AttestMain.run(
            ["validate", "--workspace", Fixtures.workspace("invalid/utf16-file").path],
            console: capture.console)
        #expect(status == 1)
        let err = capture.standardError
        #expect(err.contains("controls/library/controls.yaml:1:1: error: "))
        #expect(err.contains("[yaml.invalid-encoding]"))
        #expect(err.contains("hint: ") && err.contains("UTF-8"))
        #expect(!err.contains("\\u{0}"))
        #expect(!err.contains("\u{FFFD}"))
        #expect(!err.contains("\0"))
    }

    /// A finding inside an evidence file (an attestation's date) quotes that file's line.
    @Test func aFindingInAnEvidenceFileQuotesItsLine() async throws {
        let capture = CapturedConsole()
        _ = await AttestMain.run(
            [
                "validate", "--workspace",
                Fixtures.workspace("invalid/malformed-attestation-date").path,
            ], console: capture.console)
        let lines = capture.standardError.split(separator: "\n").map(String.init)
        let header = try #require(
            lines.firstIndex { $0.hasPrefix("evidence/attestations/month-13.yaml:3:7: error: ") },
            "\(capture.standardError)")
        try #require(lines.count > header + 3, "\(capture.standardError)")
        #expect(lines[header + 1] == "    date: 2026-13-45")
        #expect(lines[header + 2] == "          ^")
        #expect(lines[header + 3].hasPrefix("hint: "))
    }
}

import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// `validate --format json` writes its document directly; these hold it to the bytes
/// `JSONEncoder` made of the same findings before (the encoder's way is kept here as the
/// reference), on random findings full of characters that need escaping and on the real
/// findings of every invalid fixture workspace and the demo.
@Suite struct DiagnosticJSONTests {
    /// The document as `JSONEncoder` writes it: the contract's shape, pretty printed, keys
    /// sorted, slashes unescaped.
    static func encoded(_ diagnostics: [Diagnostic]) throws -> String {
        struct Position: Encodable {
            var file: String
            var line: Int
            var column: Int
        }
        struct Note: Encodable {
            var message: String
            var position: Position?
        }
        struct Entry: Encodable {
            var severity: String
            var code: String
            var message: String
            var position: Position?
            var notes: [Note]
            var hint: String?
        }
        struct Report: Encodable {
            var diagnostics: [Entry]
            var errors: Int
            var warnings: Int
        }
        func position(_ value: SourcePosition?) -> Position? {
            value.map { Position(file: $0.file, line: $0.line, column: $0.column) }
        }
        let report = Report(
            diagnostics: diagnostics.map {
                Entry(
                    severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.message,
                    position: position($0.position),
                    notes: $0.notes.map {
                        Note(message: $0.message, position: position($0.position))
                    }, hint: $0.hint)
            },
            errors: diagnostics.filter { $0.severity == .error }.count,
            warnings: diagnostics.filter { $0.severity == .warning }.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// Every ASCII character, and the characters an escaper gets wrong.
    static let pieces: [String] =
        (0..<0x80).map { String(Character(Unicode.Scalar(UInt8($0)))) } + [
            "é", "e\u{301}", "😀", "👩‍👩‍👧", "\r\n", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{7F}",
            "\u{85}", "\u{A0}", "中文", "\u{202E}", "\\u0041", "\\\"", "</script>", "",
        ]

    static func text(_ random: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...12, using: &random)).map { _ in
            pieces.randomElement(using: &random) ?? ""
        }.joined()
    }

    static func position(_ random: inout SplitMix64) -> SourcePosition? {
        Bool.random(using: &random)
            ? nil
            : SourcePosition(
                file: text(&random), line: Int.random(in: -3...5_000_000, using: &random),
                column: Int.random(in: Int.min...Int.max, using: &random))
    }

    static func finding(_ random: inout SplitMix64) -> Diagnostic {
        let severity = [Diagnostic.Severity.error, .warning, .note].randomElement(using: &random)
        var finding = Diagnostic.error(
            DiagnosticCode(rawValue: text(&random)), text(&random), at: position(&random),
            notes: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                Diagnostic.Note(text(&random), at: position(&random))
            },
            hint: Bool.random(using: &random) ? text(&random) : nil)
        finding.severity = severity ?? .error
        return finding
    }

    @Test(arguments: [1, 2, 3, 2026, 0xDEAD_BEEF] as [UInt64])
    func randomFindingsAreWrittenAsTheEncoderWritesThem(_ seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for count in [0, 1, 2, 7, 300] {
            let findings = (0..<count).map { _ in Self.finding(&random) }
            #expect(
                DiagnosticJSON.document(findings) == (try Self.encoded(findings)), "seed \(seed)")
        }
    }

    @Test func theFindingsOfEveryInvalidFixtureAndTheDemoAreWrittenAsTheEncoderWritesThem()
        throws
    {
        var workspaces = Fixtures.workspaceNames(in: "invalid").map { "invalid/" + $0 }
        workspaces += Fixtures.workspaceNames(in: "valid").map { "valid/" + $0 }
        var compared = 0
        for name in workspaces {
            guard let validation = try? Fixtures.validate(name) else { continue }
            let findings = validation.diagnostics(verbose: true)
            #expect(DiagnosticJSON.document(findings) == (try Self.encoded(findings)), "\(name)")
            compared += findings.count
        }
        let demo = try WorkspaceLoader().validate(at: Fixtures.packageRoot)
        let findings = ValidateFindings.all(
            demo, root: Fixtures.packageRoot, now: Date(timeIntervalSince1970: 1_796_083_200),
            verbose: true)
        #expect(DiagnosticJSON.document(findings) == (try Self.encoded(findings)))
        #expect(compared + findings.count > 100, "\(compared) findings compared")
    }
}

import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// The lines and carets `DiagnosticPrinter` quotes, compared with the way it quoted them before
/// it indexed line starts instead of splitting the whole file into characters, on a workspace
/// with many warnings (`Tests/Fixtures/diagnostics/many-warnings`): lines holding tabs,
/// combining accents, joined emoji, zero-width and bidirectional controls before the caret.
@Suite struct DiagnosticOutputEquivalenceTests {
    static let workspace = Fixtures.root.appendingPathComponent("diagnostics/many-warnings")

    /// `validate --verbose` of the workspace reports its warnings with their lines quoted.
    @Test func theWorkspaceValidatesWithManyQuotedWarnings() async throws {
        let capture = CapturedConsole()
        let status = await AttestMain.run(
            [
                "validate", "--workspace", Self.workspace.path, "--verbose", "--now",
                "2026-06-01T00:00:00Z",
            ], console: capture.console)
        #expect(status == 0)
        let text = capture.standardError
        #expect(text.components(separatedBy: ": warning: ").count > 40)
        #expect(text.contains("\tto: O1.1, relation: equivalent }   # ünïcödé\n"))
    }

    /// Every line and column of the workspace's files (one past each end too), quoted as the
    /// printer quoted them before: the file decoded whole and split into `Character`s at `\n`
    /// (kept below as the reference).
    @Test func everyQuotedLineAndCaretIsWhatTheWholeFileSplitIntoCharactersGave() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.workspace.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        try #require(files.count == 5)
        let printer = DiagnosticPrinter(source: {
            FileManager.default.contents(atPath: Self.workspace.appendingPathComponent($0).path)
        })
        var compared = 0
        var differing: [String] = []
        for file in files {
            let data = try Data(contentsOf: Self.workspace.appendingPathComponent(file))
            let lines = WholeFileReference.lines(data)
            for line in 0...(lines.count + 1) {
                let width = line >= 1 && line <= lines.count ? lines[line - 1].count : 0
                for column in 0...(width + 2) {
                    let position = SourcePosition(file: file, line: line, column: column)
                    let printed = printer.text(.warning(.graphGap, "m", at: position))
                        .split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
                    if Array(printed)
                        != WholeFileReference.excerpt(lines, line: line, column: column)
                    {
                        differing.append("\(file):\(line):\(column)")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared > 5_000)
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    /// `texts` formats on every core what `text` formats one by one, in the same order, with
    /// notes in other files and positions in files that do not exist.
    @Test func textsOnEveryCoreAreTheTextsOneByOne() throws {
        let files =
            try FileManager.default.subpathsOfDirectory(atPath: Self.workspace.path)
            .filter { $0.hasSuffix(".yaml") }.sorted() + ["missing.yaml"]
        func printer() -> DiagnosticPrinter {
            DiagnosticPrinter(source: {
                FileManager.default.contents(
                    atPath: Self.workspace.appendingPathComponent($0).path)
            })
        }
        var diagnostics: [Diagnostic] = []
        for (index, file) in files.enumerated() {
            for line in 0...60 {
                let note = Diagnostic.Note(
                    "n",
                    at: SourcePosition(
                        file: files[(index + 1) % files.count], line: line, column: 1))
                diagnostics.append(
                    .warning(
                        .graphGap, "m \(line)",
                        at: SourcePosition(file: file, line: line, column: line % 7),
                        notes: line % 3 == 0 ? [note] : [], hint: line % 2 == 0 ? "h" : nil))
            }
        }
        let oneByOne = diagnostics.map(printer().text)
        #expect(printer().texts(diagnostics) == oneByOne)
        #expect(oneByOne.filter { $0.contains("^") }.count > 200)
    }
}

/// How `DiagnosticPrinter` quoted a line before: the whole file decoded and split into
/// `Character`s at `\n`, a trailing `\r` dropped, one pad per `Character` before the caret.
private enum WholeFileReference {
    static func lines(_ data: Data) -> [Substring] {
        String(decoding: data, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
    }

    static func excerpt(_ lines: [Substring], line number: Int, column: Int) -> [Substring] {
        guard number >= 1, number <= lines.count else { return [] }
        let line = lines[number - 1]
        let source = line.hasSuffix("\r") ? line.dropLast() : line
        let padding = source.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }
        return ["    " + TerminalText.inert(source), "    " + padding.joined() + "^"].map {
            Substring($0)
        }
    }
}

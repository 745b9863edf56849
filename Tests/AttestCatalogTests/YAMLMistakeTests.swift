import AttestCore
import Foundation
import Testing

@testable import AttestCatalog

/// Mistakes people make when writing YAML by hand: each is reported at its place with a hint
/// saying how to fix it.
@Suite struct YAMLMistakeTests {
    func failure(_ bytes: [UInt8]) -> Diagnostic? {
        if case let .failure(diagnostic) = YAMLParser(file: "x.yaml", limits: .default).parse(
            bytes)
        {
            return diagnostic
        }
        return nil
    }

    func failure(_ text: String) -> Diagnostic? { failure(Array(text.utf8)) }

    /// The findings of a whole workspace file.
    func findings(_ text: String) -> [Diagnostic] {
        ParsedFile.decode(Array(text.utf8), file: "x.yaml", isManifest: false, limits: .default)
            .diagnostics
    }

    // MARK: libyaml's messages

    /// libyaml's message, its position, and a word the hint must contain for each usual cause.
    @Test(arguments: [
        ("controls:\n\t- id: C-1\n", "2:1", "tab"),
        ("a:\n  b: 1\n\tc: 2\n", "3:1", "tab"),
        ("title: Access: admins\n", "1:14", "quote"),
        ("a:\n  b: 1\n c: 2\n", "3:2", "indent"),
        ("owner: @jane\n", "1:8", "quote"),
        ("command: `ls`\n", "1:10", "quote"),
        ("path: \"evidence\\infra\\lb.yaml\"\n", "1:16", "backslash"),
        ("title: \"unterminated\n", "2:1", "closed"),
        ("tags: [a, b\nowner: x\n", "2:6", "]"),
        ("list:\n  - a\n  b: 1\n", "3:3", "-"),
    ])
    func libyamlProblemsComeWithAHint(_ text: String, _ position: String, _ word: String) throws {
        let diagnostic = try #require(failure(text))
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.position?.description == "x.yaml:\(position)")
        let hint = try #require(diagnostic.hint)
        #expect(hint.localizedCaseInsensitiveContains(word), "\(hint)")
    }

    // MARK: Encodings

    @Test(
        arguments: [
            [0xFF, 0xFE] + Array("a: 1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
            [0xFE, 0xFF] + Array("a: 1\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] },
            Array("a: 1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
            Array("a: 1\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] },
            [0xFF, 0xFE, 0x00, 0x00]
                + Array("a: 1\n".unicodeScalars).flatMap {
                    [UInt8($0.value & 0xFF), 0, 0, 0]
                },
            [0x00, 0x00, 0xFE, 0xFF]
                + Array("a: 1\n".unicodeScalars).flatMap {
                    [0, 0, 0, UInt8($0.value & 0xFF)]
                },
        ] as [[UInt8]])
    func utf16AndUTF32FilesAreAnEncodingErrorAtTheStartWithAHint(_ bytes: [UInt8]) throws {
        let diagnostic = try #require(failure(bytes))
        #expect(diagnostic.code == .yamlInvalidEncoding)
        #expect(diagnostic.position?.description == "x.yaml:1:1")
        #expect(diagnostic.hint?.contains("UTF-8") == true)
        #expect(!diagnostic.message.contains("\0"))
    }

    @Test func aUTF8ByteOrderMarkIsAccepted() throws {
        let value = try YAMLParser(file: "x.yaml", limits: .default).parse(
            [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)
        ).get()
        #expect(value?["a"]?.scalar == "1")
    }

    // MARK: Typographic quotes

    @Test func typographicQuotesAroundAValueAreReportedAtTheValue() {
        let found = findings(
            "schema: 1\ncontrols:\n  - id: ‘C-1’\n    title: “Access reviews”\n")
        #expect(found.map(\.code) == [.yamlTypographicQuotes, .yamlTypographicQuotes])
        #expect(found.map { $0.position?.description } == ["x.yaml:3:9", "x.yaml:4:12"])
        #expect(found.allSatisfy { $0.severity == .warning && $0.hint != nil })
    }

    @Test func typographicQuotesAroundAKeyAreReportedAtTheKey() {
        let found = findings("schema: 1\n“controls”: []\n")
        #expect(found.first?.code == .yamlTypographicQuotes)
        #expect(found.first?.position?.description == "x.yaml:2:1")
    }

    @Test(arguments: [
        "title: \"“Access reviews”\"", "title: '‘Access’'", "title: The “Access” review",
        "title: Access “reviews", "title: “", "title: « Accès »",
    ])
    func typographicQuotesInsideTextOrWithinStraightQuotesAreLeftAlone(_ line: String) {
        let found = findings("schema: 1\ncontrols:\n  - id: C-1\n    \(line)\n")
        #expect(!found.contains { $0.code == .yamlTypographicQuotes })
    }
}

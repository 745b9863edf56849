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
}

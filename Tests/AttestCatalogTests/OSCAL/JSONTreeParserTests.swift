import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCatalog

/// The JSON parser OSCAL files go through builds exactly the tree libyaml builds from the same
/// text, positions included, and refuses what is not JSON at the right place.
@Suite struct JSONTreeParserTests {
    static func json(
        _ text: String, limits: YAMLLimits = .default
    ) -> Result<ConfigValue?, Diagnostic> {
        JSONTreeParser(file: "x.json", limits: limits).parse(Array(text.utf8))
    }

    static func libyaml(_ text: String) -> Result<ConfigValue?, Diagnostic> {
        YAMLParser(file: "x.json", limits: .default).parse(Array(text.utf8))
    }

    @Test(arguments: [
        OSCALWorkspace.catalogJSON, OSCALWorkspace.moderateProfile,
        OSCALWorkspace.moderateResolved, "examples/ifa_assessment-results-example.json",
    ])
    func nistFilesGiveLibyamlsTreeExactly(_ fixture: String) throws {
        let bytes = try [UInt8](Data(contentsOf: OSCALWorkspace.fixture(fixture)))
        let fast = try JSONTreeParser(file: "f", limits: .default).parse(bytes).get()
        let reference = try YAMLParser(file: "f", limits: .default).parse(bytes).get()
        #expect(fast != nil)
        #expect(fast == reference)
    }

    @Test(arguments: [
        #"{"a": [1, -2.5e+3, 0, true, false, null, "x"], "b": {}, "c": []}"#,
        "{\n  \"é\": \"ünïcødé 😀\",\n  \"k\": [\"a\",\n \"b\"]\n}",
        #"["tab\tand \"quotes\" and \\ and \/ and \u00e9"]"#,
        #"  "just a string"  "#,
        "[[[[[]]]]]",
        "{\"long line\": \"\(String(repeating: "é", count: 300))\", \"after\": 1}",
    ])
    func smallDocumentsGiveLibyamlsTree(_ text: String) throws {
        let fast = try Self.json(text).get()
        #expect(fast == (try Self.libyaml(text).get()))
    }

    /// libyaml refuses surrogate pairs (a limitation of its own); JSON allows them.
    @Test func surrogatePairsAndTheByteOrderMarkAreRead() throws {
        let pair = try Self.json(#"["\ud83d\ude00"]"#).get()
        #expect(pair?.sequence?.first?.scalar == "😀")
        let marked = try Self.json("\u{FEFF}{\"bom\": 1}").get()
        #expect(marked?["bom"]?.scalar == "1")
        #expect(marked?.position.description == "x.json:1:1")
    }

    @Test func anEmptyFileIsNoDocument() throws {
        #expect(try Self.json(" \n ").get() == nil)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "1:9"),
        ("{\"a\" 1}", "1:6"),
        ("[1, 2", "1:6"),
        ("{\"a\": tru}", "1:7"),
        ("{\"a\": 01}", "1:7"),
        ("{\"a\": \"x\ny\"}", "1:9"),
        ("{\"a\": \"\\q\"}", "1:9"),
        ("{\"a\": \"\\ud800\"}", "1:14"),
        ("{}\n{}", "2:1"),
        ("{'a': 1}", "1:2"),
        ("\n\n   @", "3:4"),
    ])
    func syntaxErrorsAreReportedAtTheirPosition(_ text: String, _ at: String) {
        guard case let .failure(diagnostic) = Self.json(text) else {
            Issue.record("'\(text)' parsed")
            return
        }
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.position?.description == "x.json:\(at)")
    }

    @Test func aDuplicateKeyIsRefusedWithTheFirstInANote() {
        guard case let .failure(diagnostic) = Self.json("{\"a\": 1,\n \"a\": 2}") else {
            Issue.record("parsed")
            return
        }
        #expect(diagnostic.code == .yamlDuplicateKey)
        #expect(diagnostic.position?.description == "x.json:2:2")
        #expect(diagnostic.notes.first?.position?.description == "x.json:1:2")
    }

    @Test func aDuplicateKeyInALargeObjectIsFoundToo() {
        let members = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k7\": 0"]
        guard case let .failure(diagnostic) = Self.json("{" + members.joined(separator: ",") + "}")
        else {
            Issue.record("parsed")
            return
        }
        #expect(diagnostic.code == .yamlDuplicateKey)
    }

    @Test func nestingIsBoundedByTheLimit() {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        guard case let .failure(diagnostic) = Self.json(deep) else {
            Issue.record("parsed")
            return
        }
        #expect(diagnostic.code == .yamlTooDeep)
        #expect(diagnostic.position?.description == "x.json:1:65")
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect((try? Self.json(fine).get()) != nil)
    }

    @Test func bytesThatAreNotUTF8AreRefusedAtTheirString() {
        var bytes = Array("{\"a\": \"ok\", \"b\": \"".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\"}".utf8)
        guard
            case let .failure(diagnostic) = JSONTreeParser(file: "x.json", limits: .default)
                .parse(bytes)
        else {
            Issue.record("parsed")
            return
        }
        #expect(diagnostic.code == .yamlInvalidUTF8)
        #expect(diagnostic.position?.description == "x.json:1:18")
    }

    @Test func aFileOverTheLimitIsRefusedBeforeParsing() {
        var limits = YAMLLimits.default
        limits.maxFileBytes = 10
        guard case let .failure(diagnostic) = Self.json("[1, 2, 3, 4, 5]", limits: limits) else {
            Issue.record("parsed")
            return
        }
        #expect(diagnostic.code == .yamlFileTooLarge)
    }

    @Test func aUTF16FileIsNamedAsSuch() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("{}".utf16.flatMap { [UInt8($0 & 0xFF), 0] })
        guard
            case let .failure(diagnostic) = JSONTreeParser(file: "x.json", limits: .default)
                .parse(bytes)
        else {
            Issue.record("parsed")
            return
        }
        #expect(diagnostic.code == .yamlInvalidEncoding)
    }
}

import AttestCore
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct JSONReaderTests {
    private func parse(_ text: String) throws(JSONReader.SyntaxError) -> ConfigValue {
        try JSONReader(file: "doc.json").parse(Data(text.utf8))
    }

    @Test func stringsAreQuotedAndOtherScalarsAreNot() throws {
        let value = try parse(#"{"s": "1.3", "n": 1.30, "b": true, "z": null, "i": -4}"#)
        #expect(value["s"]?.kind == .scalar("1.3", isQuoted: true))
        #expect(value["n"]?.kind == .scalar("1.30", isQuoted: false))
        #expect(value["n"]?.resolvedScalar == .double(1.3))
        #expect(value["b"]?.resolvedScalar == .bool(true))
        #expect(value["z"]?.resolvedScalar == .null)
        #expect(value["i"]?.resolvedScalar == .int(-4))
        #expect(value.mapping?.map(\.key) == ["s", "n", "b", "z", "i"])
    }

    @Test func escapesAndSurrogatePairsAreDecoded() throws {
        let value = try parse(#"["a\"b\\c\/d\n", "\u00e9\ud83d\ude00"]"#)
        #expect(value.sequence?.map(\.scalar) == ["a\"b\\c/d\n", "é😀"])
    }

    @Test func positionsAreLinesAndColumns() throws {
        let value = try parse("{\n  \"tls\": {\n    \"min\": \"1.2\"\n  }\n}")
        #expect(
            value["tls"]?["min"]?.position == SourcePosition(file: "doc.json", line: 3, column: 12))
        #expect(
            value["tls"]?.mapping?.first?.keyPosition
                == SourcePosition(file: "doc.json", line: 3, column: 5))
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, 1, 9),
        (#"{"a": 1, "a": 2}"#, 1, 10),
        ("[1, 2", 1, 6),
        (#"{"a": tru}"#, 1, 7),
        ("01", 1, 2),
        ("\"tab\there\"", 1, 5),
        ("{} {}", 1, 4),
        ("", 1, 1),
    ])
    func invalidDocumentsAreRefusedAtTheirPosition(_ text: String, _ line: Int, _ column: Int) {
        do {
            _ = try parse(text)
            Issue.record("parsed \(text)")
        } catch {
            #expect(error.position == SourcePosition(file: "doc.json", line: line, column: column))
        }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONReader.SyntaxError.self) { try parse(deep) }
    }
}

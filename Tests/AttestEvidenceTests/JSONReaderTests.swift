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

    /// Objects of up to 40 keys, drawn from small sets so that some repeat, nested in objects
    /// and arrays; every object is checked on its own keys only, with every filter.
    @Test func aDuplicateKeyIsFoundInAnyObjectAndOnlyInItsOwn() throws {
        var random = SplitMix64(seed: 0xD0_0B1E)
        let filters: [KeepFilter?] = [.everything, nil, .key("k1", .everything)]
        for _ in 0..<2_000 {
            var document = RandomKeysDocument()
            document.writeObject(depth: 0, random: &random)
            for filter in filters {
                do {
                    _ = try JSONReader(file: "doc.json").parse(
                        Data(document.text.utf8), keeping: filter)
                    #expect(document.firstDuplicate == nil, "\(document.text)")
                } catch {
                    #expect(
                        error.message == "duplicate key '\(document.firstDuplicate ?? "")'",
                        "\(document.text)")
                }
            }
        }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONReader.SyntaxError.self) { try parse(deep) }
    }
}

/// A JSON document written at random, with the first duplicate key in reading order noted
/// while it is written (each object keeps its own set of the keys it has written).
private struct RandomKeysDocument {
    var text = ""
    var firstDuplicate: String?

    private static let names = ["k0", "k1", "k2", "clé", "ключ", "a-rather-long-key-name"]

    mutating func writeObject(depth: Int, random: inout SplitMix64) {
        // Sometimes many keys from a large set (past the few compared one by one), sometimes
        // a few from a small one.
        let many = random.next(below: 3) == 0
        let count = Int(random.next(below: many ? 40 : 8))
        let choices = many ? 64 : Self.names.count
        var written: Set<String> = []
        text += "{"
        for index in 0..<count {
            let pick = Int(random.next(below: UInt64(choices)))
            let key = pick < Self.names.count ? Self.names[pick] : "key\(pick)"
            if !written.insert(key).inserted, firstDuplicate == nil { firstDuplicate = key }
            text += (index == 0 ? "" : ", ") + "\"\(key)\": "
            writeValue(depth: depth + 1, random: &random)
        }
        text += "}"
    }

    private mutating func writeValue(depth: Int, random: inout SplitMix64) {
        switch depth < 3 ? random.next(below: 5) : random.next(below: 2) {
        case 0: text += "\(random.next(below: 1000))"
        case 1: text += "\"v\u{e9}\(random.next(below: 10))\""
        case 2, 3: writeObject(depth: depth, random: &random)
        default:
            text += "["
            let count = random.next(below: 3)
            for index in 0..<count {
                text += (index == 0 ? "" : ", ")
                writeObject(depth: depth, random: &random)
            }
            text += "]"
        }
    }
}

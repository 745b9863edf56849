import AttestCore
import Foundation
import Testing

@testable import AttestRender

/// RFC 4180 cells, spreadsheet-safe (`CSVTable.cell`, written by `RowBytes.appendCSV`), and the
/// HTML byte writer against `HTMLText.escape`.
@Suite struct CSVCellTests {
    /// A quote followed by a combining mark is one `Character` in Swift: doubling quotes by
    /// splitting on `Character("\"")` missed it and left a lone quote inside a quoted field,
    /// which ends the field early for every CSV reader.
    @Test func aQuoteBeforeACombiningMarkIsStillDoubled() {
        #expect(CSVTable.cell("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
        #expect(CSVTable.cell("\"\u{20DD}") == "\"\"\"\u{20DD}\"")
    }

    @Test(arguments: [
        ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""), ("cr\rhere", "\"cr\rhere\""),
        ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"),
        ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("=a,b", "\"'=a,b\""), ("é,", "\"é,\""),
    ])
    func cellsAreQuotedAndMadeSafe(_ text: String, _ expected: String) {
        #expect(CSVTable.cell(text) == expected)
        var row = RowBytes()
        row.appendCSV(text)
        #expect(String(decoding: row.bytes, as: UTF8.self) == expected)
    }

    /// The rule, scalar by scalar: `'` before a formula start; quoted, with quotes doubled,
    /// when a comma, quote or line end is in it.
    static func referenceCell(_ text: String) -> String {
        let formula = text.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) }
        let body = (formula == true ? "'" : "") + text
        guard body.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) })
        else { return body }
        var quoted = String.UnicodeScalarView()
        for scalar in body.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append(scalar) }
        }
        return "\"" + String(quoted) + "\""
    }

    /// The cells and the HTML byte writer against independent statements of what they do, on
    /// random texts made of the characters that matter (quotes, commas, line ends, formula
    /// starts, markup, accents, combining marks, bidirectional and control characters, emoji).
    @Test func theByteWritersAgreeWithTheStringFunctions() {
        let pieces = [
            "a", "Z", " ", ",", "\"", "'", "\n", "\r", "\t", "=", "+", "-", "@", "<", ">", "&",
            "é", "\u{301}", "\u{20DD}", "\u{202E}", "\u{2066}", "\u{1}", "\u{7F}", "\u{FFFE}",
            "👩‍👩‍👧", "日本", "\u{85}",
        ]
        var random = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            let text = (0..<Int(random.next() % 8)).map { _ in
                pieces[Int(random.next() % UInt64(pieces.count))]
            }.joined()
            var csv = RowBytes()
            csv.appendCSV(text)
            #expect(String(decoding: csv.bytes, as: UTF8.self) == Self.referenceCell(text))
            #expect(CSVTable.cell(text) == Self.referenceCell(text), "\(text)")
            var html = RowBytes()
            html.appendHTML(text)
            #expect(String(decoding: html.bytes, as: UTF8.self) == HTMLText.escape(text), "\(text)")
        }
    }
}

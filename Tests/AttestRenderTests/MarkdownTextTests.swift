import AttestCore
import Testing

@testable import AttestRender

/// Markdown escaping, written as bytes (``MarkdownText``, `RowBytes.appendMarkdown`) and as a
/// `String` (`ReportContext.markdown`), against the rule in words.
@Suite struct MarkdownTextTests {
    static let special = Set("\\`*_{}[]()#+-.!|<>&".unicodeScalars)

    /// The rule, scalar by scalar: a backslash before a special character, a space for a line
    /// feed, anything else as it is.
    static func escapedByTheRule(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if special.contains(scalar) {
                result += "\\" + String(scalar)
            } else if scalar == "\n" {
                result += " "
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Random texts mixing the special characters, line ends, letters and multi-byte
    /// characters whose UTF-8 bytes are all above ASCII.
    static func texts(count: Int) -> [String] {
        let pieces: [String] = [
            "a", "Z", "7", " ", "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-",
            ".", "!", "|", "<", ">", "&", "\n", "\r", "\t", "é", "—", "漢", "🙂", "%", "'", "\"",
        ]
        var random = SplitMix64(seed: 15)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...12, using: &random)
            return (0..<length).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
        }
    }

    @Test func everyByteValueIsSpecialExactlyWhenTheRuleSaysSo() {
        for value in 0...255 {
            let byte = UInt8(value)
            let expected = value < 0x80 && Self.special.contains(Unicode.Scalar(byte))
            #expect(ReportContext.isMarkdownSpecial(byte) == expected, "byte \(value)")
            #expect(ReportContext.isMarkdownSpecialOrLineFeed(byte) == (expected || value == 0x0A))
        }
    }

    @Test func textIsEscapedByTheRuleAsAStringAndAsBytes() {
        for text in Self.texts(count: 5_000) {
            let expected = Self.escapedByTheRule(text)
            #expect(ReportContext.markdown(text) == expected, "\(text.debugDescription)")
            var bytes = RowBytes()
            bytes.appendMarkdown(text)
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == expected)
        }
    }

    /// Literals are markup and stay as written; strings are escaped; counts are digits.
    @Test func interpolationEscapesStringsAndKeepsLiteralsAndCounts() {
        for text in Self.texts(count: 500) {
            let count = text.utf8.count - 6
            let piece: MarkdownText = "| **\(text)** | \(count) |\n"
            let expected = "| **" + Self.escapedByTheRule(text) + "** | \(count) |\n"
            #expect(String(decoding: piece.bytes.bytes, as: UTF8.self) == expected)
        }
        var document = MarkdownDocument(capacity: 0)
        document += "# Title — *as is*\n"
        document.append(escaping: "a|b")
        #expect(String(decoding: document.data, as: UTF8.self) == "# Title — *as is*\na\\|b")
    }
}

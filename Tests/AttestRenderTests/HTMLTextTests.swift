import Testing

@testable import AttestRender

@Suite struct HTMLTextTests {
    /// Every byte value against the rule in words: printable ASCII, less the five characters
    /// HTML escapes.
    @Test func plainBytesArePrintableASCIIButTheFiveEscaped() {
        let escaped = Set("&<>\"'".utf8)
        for value in 0...255 {
            let byte = UInt8(value)
            let expected = (0x20..<0x7F).contains(byte) && !escaped.contains(byte)
            #expect(HTMLText.isPlain(byte) == expected, "byte \(value)")
        }
    }

    @Test func plainTextIsItsOwnEscapeAndOtherTextIsNot() {
        #expect(HTMLText.escape("Access review 2026 (Q3) ~ ok") == "Access review 2026 (Q3) ~ ok")
        #expect(HTMLText.escape("a<b & 'c'") != "a<b & 'c'")
        #expect(!HTMLText.escape("a<b").contains("<"))
    }
}

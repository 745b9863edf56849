import AttestCore
import Testing

@Suite struct UTF8TextTests {
    /// Bytes that make UTF-8's hard cases likely: lead bytes of every length, continuation
    /// bytes, the overlong and surrogate leads, bytes never valid, and plain ASCII.
    private static let interesting: [UInt8] = [
        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
        0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFE, 0xFF,
    ]

    @Test func answersAsTheStandardLibrarysValidationDoes() {
        var random = SplitMix64(seed: 0x5EED_0F_07F8)
        for _ in 0..<50_000 {
            let count = Int(random.next(below: 12))
            let bytes = (0..<count).map { _ in
                Self.interesting[Int(random.next(below: UInt64(Self.interesting.count)))]
            }
            #expect(
                UTF8Text.string(validating: bytes) == String(validating: bytes, as: UTF8.self),
                "bytes \(bytes)")
        }
    }

    @Test func validTextComesBackWhole() {
        for text in [
            "", "a", "é", "😀", "a\u{0}b", "Ünïcödé — ✓", String(repeating: "x", count: 100),
        ] {
            #expect(UTF8Text.string(validating: Array(text.utf8)) == text)
        }
    }

    @Test func aTruncatedFourByteSequenceIsRefusedThoughItsReplacementIsAsLong() {
        // F0 90 80 decodes to one U+FFFD, which is also three bytes long.
        #expect(UTF8Text.string(validating: [0xF0, 0x90, 0x80, 0x41]) == nil)
        #expect(UTF8Text.string(validating: [0xEF, 0xBF, 0xBD, 0x41]) == "\u{FFFD}A")
    }
}

import AttestCore
import Testing

@testable import AttestCLI

@Suite struct TerminalTextTests {
    /// Scalars that matter: printable ASCII, tab, C0, DEL, C1, the bidirectional marks and
    /// controls, and ordinary non-ASCII text.
    private static let scalars: [Unicode.Scalar] = [
        "a", " ", "~", "\t", "\n", "\u{0}", "\u{1b}", "\u{7f}", "\u{80}", "\u{9f}", "\u{a0}",
        "é", "\u{200e}", "\u{200f}", "\u{61c}", "\u{202e}", "\u{2066}", "\u{2069}", "\u{301}",
        "😀",
    ]

    /// Every control (but tab) becomes a visible `\u{…}` escape; everything else is kept as it
    /// is: checked scalar by scalar on 20,000 random texts, plain or not.
    @Test func controlsAreEscapedAndEverythingElseKept() {
        var random = SplitMix64(seed: 0x7E4)
        for _ in 0..<20_000 {
            let count = Int(random.next(below: 8))
            let plainOnly = random.next(below: 3) == 0
            var text = String.UnicodeScalarView()
            var expected = ""
            for _ in 0..<count {
                let pick = Int(random.next(below: UInt64(plainOnly ? 3 : Self.scalars.count)))
                let scalar = Self.scalars[pick]
                text.append(scalar)
                let control =
                    scalar != "\t"
                    && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                        || [0x200E, 0x200F, 0x61C, 0x202E, 0x2066, 0x2069].contains(scalar.value))
                expected +=
                    control ? "\\u{" + String(scalar.value, radix: 16) + "}" : String(scalar)
            }
            #expect(
                TerminalText.inert(String(text)) == expected, "\(String(text).debugDescription)")
        }
    }
}

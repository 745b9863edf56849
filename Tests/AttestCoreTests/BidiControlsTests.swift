import AttestCore
import Testing

@Suite struct BidiControlsTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("Arabic \u{200F} mark", "Arabic \u{200F} mark"),
        ("a\u{202E}b", "\u{2068}a\u{202E}b\u{2069}"),
        ("a\u{2069}\u{202E}b", "\u{2068}a\u{202E}b\u{2069}"),
        ("\u{2067}open", "\u{2068}\u{2067}open\u{2069}\u{2069}"),
        ("\u{2066}x\u{2069}y\u{2069}", "\u{2068}\u{2066}x\u{2069}y\u{2069}"),
    ])
    func formattingCharactersAreIsolatedAndCannotCloseTheIsolate(_ text: String, _ isolated: String)
    {
        #expect(BidiControls.isolated(text) == isolated)
    }
}

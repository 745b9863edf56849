/// Unicode's explicit bidirectional formatting characters, and how Attest keeps them from
/// reordering text around the field they were written in.
///
/// An override such as U+202E (RIGHT-TO-LEFT OVERRIDE) in one field of a page reorders what
/// follows it, so a sub-processor name could turn the "Failing" printed after it into
/// something else ("Trojan Source"). Attest isolates each field that holds such a character
/// and refuses them where no reordering makes sense: identifiers and URLs.
public enum BidiControls {
    /// LRE, RLE, PDF, LRO, RLO (embeddings and overrides) and LRI, RLI, FSI, PDI (isolates).
    /// The marks LRM, RLM and ALM are left alone: they are strong characters that end nothing.
    public static func isFormatting(_ scalar: Unicode.Scalar) -> Bool {
        (0x202a...0x202e).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Whether `text` holds a formatting character.
    public static func contains<Text: StringProtocol>(_ text: Text) -> Bool {
        text.unicodeScalars.contains(where: isFormatting)
    }

    /// `text` itself when it holds no formatting character; otherwise `text` between
    /// FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, so its embeddings and overrides end
    /// with it. A PDI in `text` that would close the outer isolate early is dropped, and
    /// isolates it leaves open are closed first.
    public static func isolated(_ text: String) -> String {
        guard contains(text) else { return text }
        var out = String.UnicodeScalarView()
        out.append("\u{2068}")
        var open = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2066...0x2068: open += 1
            case 0x2069:
                guard open > 0 else { continue }
                open -= 1
            default: break
            }
            out.append(scalar)
        }
        for _ in 0..<open { out.append("\u{2069}") }
        out.append("\u{2069}")
        return String(out)
    }
}

import AttestCore

/// Values written between typographic quotes (“…”, ‘…’), as word processors and some keyboards
/// type them.
///
/// YAML quotes only with `"` and `'`: `title: “Access”` is the text “Access” with its curly
/// quotes, and `id: ‘CC6.1’` an id no catalog has. Such a value parses, so it is a warning at
/// the value, never a change to it.
enum TypographicQuotes {
    /// ‘ ’ ‚ ‛ “ ” „ ‟ (U+2018…U+201F).
    static func isQuote(_ scalar: Unicode.Scalar) -> Bool {
        (0x2018...0x201F).contains(scalar.value)
    }

    /// Whether a plain scalar starts and ends with a typographic quote (two characters at least).
    static func surround(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, isQuote(first), let last = scalars.last, isQuote(last)
        else { return false }
        return scalars.count >= 2
    }

    static func warning(_ text: String, at position: SourcePosition) -> Diagnostic {
        let inner = String(text.unicodeScalars.dropFirst().dropLast())
        return .warning(
            .yamlTypographicQuotes,
            "this value is written between typographic quotes, which YAML keeps as part of the "
                + "text",
            at: position,
            hint: "quote with straight quotes: \"\(inner)\" (or, to keep the curly quotes as "
                + "text, put the whole value in straight quotes)")
    }
}

import AttestCore

/// Text from a workspace, an evidence file or a bundle, made safe to print on a terminal.
///
/// Such text is written by someone else: an escape sequence in it could move the cursor,
/// rewrite a line already printed ("signature valid") or hide the real one, and bidirectional
/// controls could reorder what is shown. Every control character except tab is replaced by a
/// visible `\u{…}` escape.
enum TerminalText {
    static func inert<Text: StringProtocol>(_ text: Text) -> String {
        // Nearly all text holds no control and is printed as it is (a validation may print
        // tens of thousands of source lines): printable ASCII and tab are checked as bytes,
        // anything else scalar by scalar.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) || $0 == 0x09 })
            || !text.unicodeScalars.contains(where: isControl)
        {
            return String(text)
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 (but tab), DEL, C1, and the bidirectional embedding, override and isolate controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x00...0x1f, 0x7f...0x9f: true
        case 0x200e, 0x200f, 0x061c: true
        default: BidiControls.isFormatting(scalar)
        }
    }
}

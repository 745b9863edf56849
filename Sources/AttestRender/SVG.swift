import AttestCore

/// Helpers every SVG Attest draws goes through: XML escaping and locale-free numbers.
///
/// SVG drawn here is the only markup the site templates insert unescaped (`{{{ }}}`), so every
/// piece of text placed in it, in content or in an attribute, goes through `escape(_:)`.
enum SVG {
    /// Escapes `text` for XML (and HTML) character data and attribute values: `& < > " '`
    /// become entities, characters XML 1.0 forbids (control characters other than tab, line
    /// feed and carriage return, lone surrogates, U+FFFE, U+FFFF) are dropped, and text holding
    /// bidirectional formatting characters is isolated (`BidiControls.isolated`).
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in BidiControls.isolated(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `value` with exactly `decimals` decimals and `.` as the separator, whatever the locale;
    /// rounded half away from zero. Not-a-number and infinities print as zero; `-0` as `0`.
    static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return number(0, decimals: decimals) }
        var scale = 1.0
        for _ in 0..<max(decimals, 0) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return value < 0 ? "-9e15" : "9e15" }
        let units = UInt64(scaled)
        let factor = UInt64(scale)
        let whole = units / factor
        var text = String(whole)
        if decimals > 0 {
            let fraction = String(units % factor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return value < 0 && units != 0 ? "-" + text : text
    }

    /// `percent` clamped to 0…100 (not-a-number counts as 0), for drawing.
    static func clamped(_ percent: Double) -> Double {
        guard percent.isFinite else { return percent == .infinity ? 100 : 0 }
        return min(max(percent, 0), 100)
    }

    /// The opening `<svg>` tag and `<title>` shared by every image: `role="img"` with an
    /// `aria-label`, and the same text as the title (shown as a tooltip).
    static func open(title: String, attributes: String) -> String {
        let title = escape(title)
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" \(attributes) role=\"img\" aria-label=\"\(title)\">"
            + "<title>\(title)</title>"
    }
}

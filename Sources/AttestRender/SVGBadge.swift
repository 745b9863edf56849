/// A shields-style badge, "SOC 2 | 72.4%", for embedding a framework's live % elsewhere.
///
/// The value's colour follows the band of the percentage; white text on every band colour
/// and on the grey label meets WCAG AA (at least 4.5:1). Text widths are estimated from a
/// Verdana 11 px width table and pinned with `textLength`, so the badge looks the same in
/// every renderer and the bytes never depend on installed fonts.
struct SVGBadge: Hashable, Sendable {
    /// The band of a percentage and its colour.
    enum Band: String, CaseIterable, Sendable {
        case strong, good, fair, low

        init(percent: Double) {
            let value = SVG.clamped(percent)
            self = value >= 90 ? .strong : value >= 70 ? .good : value >= 50 ? .fair : .low
        }

        /// The background colour of the value half.
        var color: String {
            switch self {
            case .strong: "#1a7f37"
            case .good: "#0e7490"
            case .fair: "#9a6700"
            case .low: "#b42318"
            }
        }
    }

    var label: String
    var value: String
    var band: Band

    /// A badge for a framework's `percent`, shown with one decimal and `.` as the separator.
    init(label: String, percent: Double) {
        self.label = label
        self.value = SVG.number(SVG.clamped(percent), decimals: 1) + "%"
        self.band = Band(percent: percent)
    }

    init(label: String, value: String, band: Band) {
        self.label = label
        self.value = value
        self.band = band
    }

    /// The width in pixels of `text` in Verdana 11 px, estimated per character.
    static func textWidth(_ text: String) -> Double {
        text.reduce(0.0) { width, character in
            width + characterWidth(character)
        }
    }

    private static func characterWidth(_ character: Character) -> Double {
        switch character {
        case " ", "i", "l", "j", "I", ".", ",", ":", ";", "|", "!", "'", "`": 3.9
        case "f", "t", "r", "(", ")", "[", "]", "/", "\\", "-": 4.9
        case "m", "w", "M", "W", "%", "@": 10.7
        case "0"..."9", "a"..."z": 7.0
        case "A"..."Z": 7.6
        default: 8.0
        }
    }

    /// The badge as a complete SVG document.
    var svg: String {
        let padding = 6.0
        let labelText = SVG.escape(label)
        let valueText = SVG.escape(value)
        let labelWidth = (Self.textWidth(label) + 2 * padding).rounded(.up)
        let valueWidth = (Self.textWidth(value) + 2 * padding).rounded(.up)
        let width = labelWidth + valueWidth
        let w = SVG.number(width, decimals: 0)
        let lw = SVG.number(labelWidth, decimals: 0)
        let vw = SVG.number(valueWidth, decimals: 0)
        let labelX = SVG.number(labelWidth / 2, decimals: 1)
        let valueX = SVG.number(labelWidth + valueWidth / 2, decimals: 1)
        let labelLength = SVG.number(labelWidth - 2 * padding, decimals: 0)
        let valueLength = SVG.number(valueWidth - 2 * padding, decimals: 0)
        var svg = SVG.open(
            title: "\(label): \(value)",
            attributes: "width=\"\(w)\" height=\"20\" viewBox=\"0 0 \(w) 20\"")
        svg +=
            "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
        svg += "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
        svg +=
            "<clipPath id=\"r\"><rect width=\"\(w)\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
        svg += "<g clip-path=\"url(#r)\"><rect width=\"\(lw)\" height=\"20\" fill=\"#555\"/>"
        svg += "<rect x=\"\(lw)\" width=\"\(vw)\" height=\"20\" fill=\"\(band.color)\"/>"
        svg += "<rect width=\"\(w)\" height=\"20\" fill=\"url(#s)\"/></g>"
        svg +=
            "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\""
        svg += " font-size=\"11\" aria-hidden=\"true\">"
        svg += "<text x=\"\(labelX)\" y=\"14\" textLength=\"\(labelLength)\">\(labelText)</text>"
        svg += "<text x=\"\(valueX)\" y=\"14\" textLength=\"\(valueLength)\">\(valueText)</text>"
        svg += "</g></svg>\n"
        return svg
    }
}

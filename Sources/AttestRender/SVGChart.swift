/// The charts of the trust center, drawn as standalone SVG strings: a progress ring and a
/// progress bar for a percentage, and a trend sparkline.
///
/// Each chart is an image (`role="img"`) named by its `aria-label` and `<title>`. Colours are
/// presentation attributes, so the SVG reads correctly on its own, and every shape carries a
/// class, so the site stylesheet can restyle it (print, for example). Geometry uses
/// `SVG.number`: the same input always gives the same bytes.
enum SVGChart {
    static let accent = "#4f46e5"
    static let track = "#e2e8f0"
    static let ink = "#0f172a"

    /// The colour of a score band (`SitePresentation.Thresholds.band(of:)`): green at or above
    /// `good`, amber at or above `fair`, red-rose below; the accent when no band is given. The
    /// band is also a class of the chart and a word beside it, never colour alone.
    static func colour(band: String?) -> String {
        switch band {
        case "good": "#15803d"
        case "fair": "#b45309"
        case "low": "#be123c"
        default: accent
        }
    }

    /// ` band-<band>` for a chart's class attribute, or nothing.
    private static func bandClass(_ band: String?) -> String {
        band.map { " band-" + SVG.escape($0) } ?? ""
    }

    /// A ring filled to `percent` (0–100, clamped) with `text` in its centre.
    ///
    /// - Parameters:
    ///   - percent: the value drawn.
    ///   - text: the value as shown, already formatted for the page's locale.
    ///   - title: the accessible name, such as "SOC 2 Type I readiness: 72.4%".
    ///   - size: width and height in CSS pixels.
    ///   - band: the score band that colours the ring (`good`, `fair`, `low`), if any.
    static func ring(
        percent: Double, text: String, title: String, size: Int = 120, band: String? = nil
    ) -> String {
        let value = SVG.clamped(percent)
        let radius = 52.0
        let circumference = 2 * Double.pi * radius
        let dash = circumference * value / 100
        var svg = SVG.open(
            title: title,
            attributes:
                "class=\"chart-ring\(bandClass(band))\" viewBox=\"0 0 120 120\" width=\"\(size)\" height=\"\(size)\""
        )
        svg +=
            "<circle class=\"ring-track\" cx=\"60\" cy=\"60\" r=\"52\" fill=\"none\" stroke=\"\(track)\""
            + " stroke-width=\"12\"/>"
        if dash > 0 {
            svg +=
                "<circle class=\"ring-value\" cx=\"60\" cy=\"60\" r=\"52\" fill=\"none\""
                + " stroke=\"\(colour(band: band))\""
                + " stroke-width=\"12\" stroke-linecap=\"round\""
                + " stroke-dasharray=\"\(SVG.number(dash)) \(SVG.number(circumference))\""
                + " transform=\"rotate(-90 60 60)\"/>"
        }
        svg +=
            "<text class=\"ring-text\" x=\"60\" y=\"67\" text-anchor=\"middle\" fill=\"\(ink)\""
            + " font-family=\"system-ui, sans-serif\" font-size=\"20\" font-weight=\"700\">"
            + SVG.escape(text) + "</text></svg>"
        return svg
    }

    /// A horizontal bar filled to `percent` (0–100, clamped), as wide as its container, in the
    /// colour of `band` when one is given.
    static func bar(
        percent: Double, title: String, height: Int = 8, band: String? = nil
    ) -> String {
        let value = SVG.clamped(percent)
        let radius = SVG.number(Double(height) / 2, decimals: 1)
        var svg = SVG.open(
            title: title,
            attributes: "class=\"chart-bar\(bandClass(band))\" width=\"100%\" height=\"\(height)\"")
        svg +=
            "<rect class=\"bar-track\" width=\"100%\" height=\"\(height)\" rx=\"\(radius)\" fill=\"\(track)\"/>"
        if value > 0 {
            svg +=
                "<rect class=\"bar-value\" width=\"\(SVG.number(value))%\" height=\"\(height)\""
                + " rx=\"\(radius)\" fill=\"\(colour(band: band))\"/>"
        }
        return svg + "</svg>"
    }

    /// A sparkline of `percents` (oldest first) on a fixed 0–100 scale, with a dot on the
    /// latest value. One point draws a dot and a level line; no point draws the empty frame.
    ///
    /// - Complexity: O(n) in the number of points.
    static func sparkline(
        percents: [Double], title: String, width: Int = 160, height: Int = 40
    )
        -> String
    {
        let pad = 4.0
        let plotWidth = Double(width) - 2 * pad
        let plotHeight = Double(height) - 2 * pad
        func y(_ percent: Double) -> Double { pad + (1 - SVG.clamped(percent) / 100) * plotHeight }
        func x(_ index: Int) -> Double {
            percents.count < 2
                ? pad + plotWidth : pad + plotWidth * Double(index) / Double(percents.count - 1)
        }
        var svg = SVG.open(
            title: title,
            attributes:
                "class=\"chart-trend\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\""
        )
        // The 0 % and 100 % lines give the fixed scale.
        for level in [100.0, 0.0] {
            svg +=
                "<line class=\"trend-grid\" x1=\"\(SVG.number(pad))\" y1=\"\(SVG.number(y(level)))\""
                + " x2=\"\(SVG.number(pad + plotWidth))\" y2=\"\(SVG.number(y(level)))\""
                + " stroke=\"\(track)\" stroke-width=\"1\"/>"
        }
        guard let last = percents.last else { return svg + "</svg>" }
        if percents.count == 1 {
            svg +=
                "<line class=\"trend-line\" x1=\"\(SVG.number(pad))\" y1=\"\(SVG.number(y(last)))\""
                + " x2=\"\(SVG.number(pad + plotWidth))\" y2=\"\(SVG.number(y(last)))\""
                + " stroke=\"\(accent)\" stroke-width=\"2\" stroke-dasharray=\"3 3\"/>"
        } else {
            let points = percents.indices.map {
                "\(SVG.number(x($0))),\(SVG.number(y(percents[$0])))"
            }
            let base = SVG.number(y(0))
            svg +=
                "<polygon class=\"trend-area\" points=\"\(SVG.number(x(0))),\(base) "
                + points.joined(separator: " ")
                + " \(SVG.number(x(percents.count - 1))),\(base)\" fill=\"\(accent)\" fill-opacity=\"0.12\"/>"
            svg +=
                "<polyline class=\"trend-line\" points=\"\(points.joined(separator: " "))\" fill=\"none\""
                + " stroke=\"\(accent)\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
        }
        svg +=
            "<circle class=\"trend-dot\" cx=\"\(SVG.number(x(percents.count - 1)))\" cy=\"\(SVG.number(y(last)))\""
            + " r=\"3\" fill=\"\(accent)\"/></svg>"
        return svg
    }
}

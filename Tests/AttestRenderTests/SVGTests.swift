import Foundation
import Testing

@testable import AttestRender

@Suite struct SVGTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a & b", "a &amp; b"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (#""><img src=x onerror=alert(1)>"#, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("l'accès", "l&#39;accès"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),
        ("bell\u{07}null\u{00}end\u{FFFE}", "bellnullend"),
        ("72,4\u{202F}%", "72,4\u{202F}%"),
    ])
    func escapeMakesTextSafeForXML(input: String, expected: String) {
        #expect(SVG.escape(input) == expected)
    }

    @Test(arguments: [
        (72.44, 2, "72.44"),
        (72.445, 1, "72.4"),
        (72.45, 1, "72.5"),
        (0.005, 2, "0.01"),
        (100, 1, "100.0"),
        (3, 0, "3"),
        (-1.25, 1, "-1.3"),
        (-0.0001, 2, "0.00"),
        (Double.nan, 2, "0.00"),
        (Double.infinity, 1, "0.0"),
        (163.36281798666926, 2, "163.36"),
    ])
    func numbersUseAFixedPointWhateverTheLocale(value: Double, decimals: Int, expected: String) {
        #expect(SVG.number(value, decimals: decimals) == expected)
    }

    @Test func ringDrawsTheShareOfItsCircumference() {
        let svg = SVGChart.ring(percent: 25, text: "25.0%", title: "SOC 2 readiness: 25.0%")
        #expect(
            svg.hasPrefix(
                #"<svg xmlns="http://www.w3.org/2000/svg" class="chart-ring" viewBox="0 0 120 120" width="120" height="120" role="img" aria-label="SOC 2 readiness: 25.0%"><title>SOC 2 readiness: 25.0%</title>"#
            ))
        // 2π × 52 = 326.73; a quarter of it is 81.68.
        #expect(svg.contains(#"stroke-dasharray="81.68 326.73""#))
        #expect(svg.contains(">25.0%</text></svg>"))
    }

    @Test func ringAtZeroHasNoValueArcAndClampsAbove100() {
        #expect(!SVGChart.ring(percent: 0, text: "0%", title: "t").contains("ring-value"))
        #expect(
            SVGChart.ring(percent: 140, text: "x", title: "t").contains(
                #"stroke-dasharray="326.73 326.73""#))
    }

    @Test func ringEscapesItsTextAndTitle() {
        let svg = SVGChart.ring(percent: 50, text: "<b>", title: #"a"b<c>&"#)
        #expect(
            svg.contains(
                #"aria-label="a&quot;b&lt;c&gt;&amp;"><title>a&quot;b&lt;c&gt;&amp;</title>"#))
        #expect(svg.contains(">&lt;b&gt;</text>"))
        #expect(!svg.contains("<b>"))
    }

    @Test func barFillsAPercentageOfItsWidth() {
        let svg = SVGChart.bar(percent: 72.44, title: "CC6: 72.4%")
        #expect(
            svg
                == #"<svg xmlns="http://www.w3.org/2000/svg" class="chart-bar" width="100%" height="8" role="img" aria-label="CC6: 72.4%"><title>CC6: 72.4%</title>"#
                + ##"<rect class="bar-track" width="100%" height="8" rx="4.0" fill="#e2e8f0"/>"##
                + ##"<rect class="bar-value" width="72.44%" height="8" rx="4.0" fill="#4f46e5"/></svg>"##
        )
        #expect(!SVGChart.bar(percent: -5, title: "t").contains("bar-value"))
    }

    @Test func sparklineMapsPercentsOnAFixedScale() {
        // 160 × 40 with 4 px padding: x runs 4…156, y runs 36 (0 %) … 4 (100 %).
        let svg = SVGChart.sparkline(percents: [0, 50, 100], title: "Trend")
        #expect(
            svg.contains(
                #"<polyline class="trend-line" points="4.00,36.00 80.00,20.00 156.00,4.00""#))
        #expect(
            svg.contains(
                #"<polygon class="trend-area" points="4.00,36.00 4.00,36.00 80.00,20.00 156.00,4.00 156.00,36.00""#
            ))
        #expect(svg.contains(#"<circle class="trend-dot" cx="156.00" cy="4.00" r="3""#))
        #expect(svg.contains(#"role="img" aria-label="Trend"><title>Trend</title>"#))
    }

    @Test func sparklineOfOnePointDrawsALevelAndADot() {
        let svg = SVGChart.sparkline(percents: [75], title: "One")
        // 75 % sits at 4 + 0.25 × 32 = 12.
        #expect(
            svg.contains(#"<line class="trend-line" x1="4.00" y1="12.00" x2="156.00" y2="12.00""#))
        #expect(svg.contains(#"<circle class="trend-dot" cx="156.00" cy="12.00" r="3""#))
        #expect(!svg.contains("polyline"))
    }

    @Test func sparklineOfNoPointIsAnEmptyFrame() {
        let svg = SVGChart.sparkline(percents: [], title: "None")
        #expect(!svg.contains("trend-dot"))
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test func sparklineOfManyPointsIsDeterministic() {
        let percents = (0..<200).map { Double(($0 * 37) % 101) }
        let first = SVGChart.sparkline(percents: percents, title: "Many")
        #expect(first == SVGChart.sparkline(percents: percents, title: "Many"))
        #expect(first.components(separatedBy: " ").count > 200)
    }

    @Test(arguments: [
        (100.0, SVGBadge.Band.strong), (90, .strong), (89.99, .good), (70, .good), (69.9, .fair),
        (50, .fair),
        (49.9, .low), (0, .low), (Double.nan, .low),
    ])
    func badgeBandsFollowThePercentage(percent: Double, band: SVGBadge.Band) {
        #expect(SVGBadge.Band(percent: percent) == band)
    }

    @Test func badgeIsAnAccessibleImage() {
        // "SOC 2": 3 × 7.6 + 3.9 + 7.0 = 33.7 (+ 12 padding → 46); "72.4%": 3 × 7.0 + 3.9 + 10.7 = 35.6 (→ 48).
        let svg = SVGBadge(label: "SOC 2", percent: 72.44).svg
        #expect(
            svg.hasPrefix(
                #"<svg xmlns="http://www.w3.org/2000/svg" width="94" height="20" viewBox="0 0 94 20" role="img" aria-label="SOC 2: 72.4%"><title>SOC 2: 72.4%</title>"#
            ))
        #expect(svg.contains(#"<text x="23.0" y="14" textLength="34">SOC 2</text>"#))
        #expect(svg.contains(#"<text x="70.0" y="14" textLength="36">72.4%</text>"#))
        #expect(svg.contains(##"fill="#0e7490""##))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func badgeEscapesItsLabel() {
        let svg = SVGBadge(label: "<script>&", percent: 95).svg
        #expect(svg.contains("&lt;script&gt;&amp;"))
        #expect(!svg.contains("<script"))
        #expect(svg.contains(##"fill="#1a7f37""##))
    }
}

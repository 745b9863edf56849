import Foundation
import Testing

@testable import AttestRender

/// Renders `center` into a temporary output folder and returns the files under `site/`.
func renderSite(
    _ center: PublicTrustCenter, labels: [String: [String: String]]? = nil,
    templates: TemplateSet? = nil, presentation: SitePresentation = SitePresentation()
) throws -> [String: String] {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "attest-site-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let output = try OutputFolder(destination: root.appendingPathComponent("reports"))
    defer { output.discard() }
    let renderer = SiteRenderer(
        templates: templates ?? TemplateSet(workspaceRoot: nil),
        labels: try labels ?? SiteFixture.labels)
    try renderer.render(center, presentation: presentation, into: output)
    let site = output.staging.appendingPathComponent("site")
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(
        at: site, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
        guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else {
            continue
        }
        let relative = String(
            url.standardizedFileURL.path.dropFirst(site.standardizedFileURL.path.count + 1))
        files[relative] = try String(contentsOf: url, encoding: .utf8)
    }
    return files
}

func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

@Suite struct SiteRendererTests {
    static let sectionIDs = [
        "compliance", "report-request", "infrastructure", "encryption", "ai-governance",
        "supply-chain",
        "identity-access", "data-integrity", "integrations", "incident-response", "legal",
        "changes",
    ]

    @Test func theFrenchPageWritesNumbersAccessAndLocationsInFrench() throws {
        var center = SiteFixture.center()
        center.subprocessors[2].localizedLocation = ["en": "United States", "fr": "États-Unis"]
        let files = try renderSite(center)
        let french = try #require(files["fr/index.html"])
        #expect(french.contains("9,7/10"))
        #expect(!french.contains("9.7/10"))
        #expect(french.contains("72,4\u{202F}%"))
        // 72.44 appears only in SVG geometry (width="72.44%"), never as text.
        #expect(!french.contains("72.4%"))
        #expect(!french.contains(">72.4"))
        #expect(french.contains(">lecture</span>"))
        #expect(french.contains(">écriture</span>"))
        #expect(!french.contains(">read</span>"))
        #expect(french.contains("États-Unis"))
        let english = try #require(files["en/index.html"])
        #expect(english.contains("9.7/10"))
        #expect(english.contains(">read</span>"))
        #expect(english.contains(">write</span>"))
        #expect(english.contains("United States"))
        // The machine formats keep the workspace's spelling and numbers.
        let json = String(decoding: try TrustCenterJSONWriter.document(center), as: UTF8.self)
        #expect(json.contains(#""externalScore" : "9.7/10""#))
        #expect(json.contains(#""percent" : 72.44"#))
    }

    @Test func writesOnePagePerLocaleTheRootStylesheetAndBadges() throws {
        let files = try renderSite(SiteFixture.center())
        #expect(
            files.keys.sorted() == [
                "badges/eu-ai-act.svg", "badges/soc2.svg", "en/index.html",
                "en/methodology.html", "fr/index.html", "fr/methodology.html", "index.html",
                "style.css",
            ])
    }

    @Test(arguments: ["en", "fr"])
    func everySectionIsPresentInOrderWithItsStableID(locale: String) throws {
        let page = try #require(try renderSite(SiteFixture.center())["\(locale)/index.html"])
        var previous = page.startIndex
        for id in Self.sectionIDs {
            let range = try #require(
                page.range(of: "<section id=\"\(id)\""), "missing section \(id)")
            #expect(range.lowerBound > previous, "section \(id) is out of order")
            previous = range.lowerBound
            #expect(page.contains("<a href=\"#\(id)\">"), "the table of contents misses \(id)")
        }
    }

    @Test func pagesDeclareTheirLanguageAndLinkEveryLocale() throws {
        let files = try renderSite(SiteFixture.center())
        for locale in ["en", "fr"] {
            let page = try #require(files["\(locale)/index.html"])
            #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(locale)\">"))
            #expect(
                page.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../en/index.html\">"))
            #expect(
                page.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"../fr/index.html\">"))
            #expect(
                page.contains(
                    "<link rel=\"alternate\" hreflang=\"x-default\" href=\"../index.html\">"))
            #expect(page.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        }
    }

    @Test func theLanguageSwitchMarksTheCurrentPage() throws {
        let files = try renderSite(SiteFixture.center())
        let english = try #require(files["en/index.html"])
        let french = try #require(files["fr/index.html"])
        #expect(
            english.contains(
                #"<a href="../en/index.html" hreflang="en" lang="en" aria-current="page">English</a>"#
            ))
        #expect(
            english.contains(#"<a href="../fr/index.html" hreflang="fr" lang="fr">Français</a>"#))
        #expect(
            french.contains(
                #"<a href="../fr/index.html" hreflang="fr" lang="fr" aria-current="page">Français</a>"#
            ))
        #expect(french.contains(#"<nav class="lang-switch" aria-label="Langue">"#))
    }

    @Test(arguments: ["en", "fr"])
    func pageHasLandmarksASkipLinkAndOrderedHeadings(locale: String) throws {
        let page = try #require(try renderSite(SiteFixture.center())["\(locale)/index.html"])
        #expect(page.contains("<a class=\"skip-link\" href=\"#main\">"))
        #expect(page.contains("<header class=\"hero\">"))
        #expect(page.contains("<nav class=\"toc\" id=\"contents\""))
        #expect(page.contains("<main id=\"main\" tabindex=\"-1\">"))
        #expect(page.contains("<footer class=\"site-footer\">"))
        #expect(count("<h1", in: page) == 1)
        // Heading levels never skip one going down (h2 → h4 would).
        var levels: [Int] = []
        var rest = page[...]
        while let range = rest.range(of: "<h") {
            let next = rest[range.upperBound...]
            if let digit = next.first?.wholeNumberValue, (1...6).contains(digit) {
                levels.append(digit)
            }
            rest = next
        }
        #expect(levels.first == 1)
        for (previous, level) in zip(levels, levels.dropFirst()) {
            #expect(level <= previous + 1, "heading h\(level) follows h\(previous)")
        }
    }

    @Test(arguments: [false, true])
    func idsAreUniqueAndEveryReferenceResolves(hostile: Bool) throws {
        let page = try #require(
            try renderSite(SiteFixture.center(hostile: hostile))["en/index.html"])
        let ids = try SiteTemplatesTests.matches(#" id="([^"]*)""#, in: page)
        #expect(ids.count == Set(ids).count, "duplicate ids: \(ids.sorted())")
        let references =
            try SiteTemplatesTests.matches(#"aria-labelledby="([^"]*)""#, in: page)
            + SiteTemplatesTests.matches(##"href="#([^"]*)""##, in: page)
        #expect(references.count > 20)
        for reference in references {
            #expect(ids.contains(reference), "\(reference) points nowhere")
        }
    }

    @Test func rootPageSendsToTheDefaultLocaleWithoutJavaScript() throws {
        let english = try #require(try renderSite(SiteFixture.center())["index.html"])
        #expect(english.contains(#"<meta http-equiv="refresh" content="0; url=en/index.html">"#))
        #expect(
            english.contains(
                #"<a class="button" href="en/index.html">Continue to the trust center</a>"#))
        #expect(english.contains(#"<link rel="alternate" hreflang="fr" href="fr/index.html">"#))
        #expect(english.contains(#"<html lang="en">"#))

        var center = SiteFixture.center()
        center.locales = ["fr", "en"]
        let french = try #require(try renderSite(center)["index.html"])
        #expect(french.contains(#"<meta http-equiv="refresh" content="0; url=fr/index.html">"#))
        #expect(french.contains(#"<html lang="fr">"#))
        #expect(french.contains("Accéder au centre de confiance"))
    }

    @Test func hostileTextIsEscapedInEveryFile() throws {
        let files = try renderSite(SiteFixture.center(hostile: true))
        #expect(files.count == 8)
        for (path, text) in files {
            let lowered = text.lowercased()
            #expect(!lowered.contains("<script"), "\(path) contains a script tag")
            #expect(!lowered.contains("<img"), "\(path) contains an img tag")
            #expect(!text.contains(SiteFixture.hostilePayload), "\(path) contains the raw payload")
            #expect(!text.contains("R&D"), "\(path) contains a raw ampersand")
            #expect(!lowered.contains("javascript:"), "\(path) links to javascript:")
        }
        for page in ["en/index.html", "fr/index.html"] {
            let html = try #require(files[page])
            #expect(
                html.contains(
                    "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; R&amp;D"
                ))
        }
        let badge = try #require(files["badges/soc2.svg"])
        #expect(badge.contains("SOC 2 &lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    /// An override in one field must not reorder the page after it: each such field is
    /// isolated (FSI … PDI), a stray PDI cannot close the isolate early, and a URL holding one
    /// is not a link.
    @Test func bidirectionalControlsAreIsolatedInTheirFieldAndNeverInALink() throws {
        var center = SiteFixture.center()
        center.organisation.name = "Acme \u{202E}deliaF\u{2069} Ltd"
        center.legal?.policies.append(
            .init(
                title: ["en": "Terms \u{202E}", "fr": "Conditions"],
                url: "https://acme.example/\u{202E}txt.exe"))
        let files = try renderSite(center)
        let page = try #require(files["en/index.html"])
        #expect(page.contains("\u{2068}Acme \u{202E}deliaF Ltd\u{2069}"))
        #expect(!page.contains("\u{202E}deliaF\u{2069} Ltd"))
        #expect(page.contains("\u{2068}Terms \u{202E}\u{2069}"))
        #expect(!page.contains("href=\"https://acme.example/\u{202E}"))
        for (path, text) in files {
            // Every override sits inside an isolate that closes before the next markup.
            for line in text.split(separator: "\n") where line.contains("\u{202E}") {
                #expect(line.contains("\u{2068}"), "\(path): \(line)")
            }
        }
    }

    @Test func hostileSectionIDsBecomeSafeDistinctAnchors() throws {
        var center = SiteFixture.center()
        center.sections[0].id = #""><img src=x onerror=alert(1)>"#
        center.sections[1].id = "legal"
        center.sections[2].id = "legal"
        let page = try #require(try renderSite(center)["en/index.html"])
        #expect(
            page.contains(#"<section id="---img-src-x-onerror-alert-1--" class="section practice""#)
        )
        #expect(page.contains(#"<section id="legal-2" class="section practice""#))
        #expect(page.contains(#"<section id="legal-3" class="section practice""#))
        #expect(count("<section id=\"legal\"", in: page) == 1)
    }

    @Test func onlyWebAndMailLinksAreClickable() throws {
        let page = try #require(try renderSite(SiteFixture.center())["en/index.html"])
        #expect(page.contains(#"<a href="https://aws.amazon.com">Amazon Web Services</a>"#))
        #expect(page.contains(#"<th scope="row" role="rowheader">Mistral AI</th>"#))
        #expect(
            page.contains(
                #"<a href="mailto:security@nuage-agents.example">security@nuage-agents.example</a>"#
            ))
        #expect(page.contains("<span>+33 1 23 45 67 89</span>"))
        #expect(!page.contains("javascript:"))
    }

    @Test func noOutputContainsAScriptTag() throws {
        for (path, text) in try renderSite(SiteFixture.center()) {
            #expect(!text.lowercased().contains("<script"), "\(path)")
            // No inline event handler in any tag either.
            #expect(
                text.range(
                    of: #"<[^>]*\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive])
                    == nil, "\(path)")
        }
    }

    @Test func badgesShowEachFrameworkWithItsBand() throws {
        let files = try renderSite(SiteFixture.center())
        let soc2 = try #require(files["badges/soc2.svg"])
        #expect(soc2.contains(#"role="img" aria-label="SOC 2: 72.4%"><title>SOC 2: 72.4%</title>"#))
        #expect(soc2.contains(##"fill="#0e7490""##))
        let act = try #require(files["badges/eu-ai-act.svg"])
        #expect(act.contains("<title>EU AI Act: 58.2%</title>"))
        #expect(act.contains(##"fill="#9a6700""##))
    }

    @Test func percentagesFollowThePageLocale() throws {
        let files = try renderSite(SiteFixture.center())
        let english = try #require(files["en/index.html"])
        let french = try #require(files["fr/index.html"])
        #expect(english.contains(">72.4%</text>"))
        #expect(
            english.contains(
                #"<a class="overview-percent pct" href="methodology.html#readiness">72.4%</a>"#))
        #expect(french.contains(">72,4\u{202F}%</text>"))
        #expect(
            french.contains(
                "<a class=\"overview-percent pct\" href=\"methodology.html#readiness\">72,4\u{202F}%</a>"
            ))
        #expect(!french.contains("72.4%"))
        #expect(english.contains("61.0%</a> <span aria-hidden=\"true\">→</span>"))
        #expect(french.contains("61,0\u{202F}%</a> <span aria-hidden=\"true\">→</span>"))
    }

    @Test func footerShowsTheUpdateTimeBuildAndSigningKey() throws {
        let files = try renderSite(SiteFixture.center())
        let english = try #require(files["en/index.html"])
        let french = try #require(files["fr/index.html"])
        #expect(
            english.contains(
                #"<time datetime="2026-05-01T10:00:00Z">May 1, 2026, 10:00 UTC</time>"#))
        #expect(
            french.contains(
                #"<time datetime="2026-05-01T10:00:00Z">1er mai 2026 à 10:00 UTC</time>"#))
        #expect(english.contains("<code>b-20260501-1000</code>"))
        #expect(
            english.contains(
                "<code class=\"fingerprint\">ed25519 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08</code>"
            ))

        var unsigned = SiteFixture.center()
        unsigned.signingKey = nil
        let page = try #require(try renderSite(unsigned)["en/index.html"])
        #expect(!page.contains("fingerprint"))
    }

    @Test func programsShowTheirFactsByStatus() throws {
        let page = try #require(try renderSite(SiteFixture.center())["en/index.html"])
        #expect(page.contains("<dl><dt>Auditor</dt><dd>Example Certification SAS</dd></dl>"))
        #expect(
            page.contains(
                #"<dt>Certified on</dt><dd><time datetime="2025-11-14">November 14, 2025</time></dd>"#
            ))
        #expect(page.contains("<dt>Assessor score</dt><dd>9.7/10</dd>"))
        #expect(
            page.contains(
                #"<dt>Valid until</dt><dd><time datetime="2028-11-13">November 13, 2028</time></dd>"#
            ))
        #expect(page.contains("<dt>Target</dt><dd>Q3 2027</dd>"))
        #expect(
            page.contains(
                #"<p class="coverage">Coverage <a class="pct" href="methodology.html#coverage"><strong>88.9%</strong></a></p>"#
            ))
        #expect(
            page.contains(
                #"<span>CC6 · Logical and physical access</span><a class="num pct" href="methodology.html#readiness">81.3%</a>"#
            ))
        #expect(page.contains("<figcaption>Trend over the last 4 updates</figcaption>"))
        #expect(page.contains("<figcaption>First recorded update</figcaption>"))
        let french = try #require(try renderSite(SiteFixture.center())["fr/index.html"])
        #expect(french.contains("<dt>Objectif</dt><dd>T3 2027</dd>"))
    }

    @Test func controlStatesAreWrittenNotOnlyColoured() throws {
        let page = try #require(
            try renderSite(SiteFixture.center(), presentation: .init(publicStatus: .detailed))[
                "en/index.html"])
        #expect(
            page.contains(
                #"<span class="chip chip-passing"><span class="chip-icon" aria-hidden="true">✓</span>Passing</span>"#
            ))
        #expect(
            page.contains(
                #"<span class="chip chip-attention"><span class="chip-icon" aria-hidden="true">!</span>Needs attention · <a class="pct" href="methodology.html#claims">50.0%</a></span>"#
            ))
        #expect(
            page.contains(
                #"<span class="chip chip-failing"><span class="chip-icon" aria-hidden="true">✕</span>Failing</span>"#
            ))
    }

    @Test func changesListMovesAndCounts() throws {
        let page = try #require(
            try renderSite(SiteFixture.center(), presentation: .init(publicStatus: .detailed))[
                "en/index.html"])
        #expect(
            page.contains(
                #"<time datetime="2026-04-01T10:00:00Z">Compared with the update of April 1, 2026, 10:00 UTC</time>"#
            ))
        #expect(
            page.contains(
                "<span class=\"move move-down\"><span aria-hidden=\"true\">▼</span><span class=\"visually-hidden\">Down:</span> <a class=\"pct\" href=\"methodology.html#changes\">60.1%</a>"
            ))
        #expect(
            page.contains(
                "<span class=\"stat-value\">14</span> <span class=\"stat-label\">Evidence renewed</span>"
            ))
        #expect(
            page.contains(
                "<span class=\"stat-value\">1</span> <span class=\"stat-label\">Evidence expired</span>"
            ))
        #expect(
            page.contains(
                "<li><span class=\"control-id\">AI-02</span> Gateway redaction rules</li>"))
        #expect(
            page.contains(
                "<li><span class=\"control-id\">OLD-07</span> Quarterly manual access review</li>"))
    }

    @Test func changesSayWhenThereIsNoPreviousBuild() throws {
        var center = SiteFixture.center()
        center.changes = nil
        let files = try renderSite(center)
        #expect(try #require(files["en/index.html"]).contains("This is the first recorded update."))
        #expect(
            try #require(files["fr/index.html"]).contains(
                "Ceci est la première mise à jour enregistrée."))
        #expect(try #require(files["en/index.html"]).contains("<section id=\"changes\""))
    }

    @Test func emptyPartsAreLeftOut() throws {
        var center = SiteFixture.center()
        center.reportRequest = nil
        center.integrations = []
        center.incidentResponse = nil
        center.legal = nil
        center.subprocessors = []
        center.sections = []
        center.frameworks = []
        let page = try #require(try renderSite(center)["en/index.html"])
        for id in ["report-request", "integrations", "incident-response", "legal", "overview"] {
            #expect(!page.contains("id=\"\(id)\""), "\(id) should be left out")
        }
        #expect(page.contains("<section id=\"compliance\""))
        #expect(!page.contains("Report available under NDA"))
    }

    @Test func textAndLabelsFallBackToEnglish() throws {
        var center = SiteFixture.center()
        center.sections[0].title = ["en": "Only in English"]
        let labels = [
            "en": ["legal_title": "Legal", "changes_title": "Changes"],
            "fr": ["changes_title": "Changements"],
        ]
        let page = try #require(try renderSite(center, labels: labels)["fr/index.html"])
        #expect(page.contains(">Only in English</h2>"))
        #expect(page.contains(#"<h2 id="legal-title">Legal</h2>"#))
        #expect(page.contains(#"<h2 id="changes-title">Changements</h2>"#))
    }

    @Test func twoRendersAreByteIdentical() throws {
        let first = try renderSite(SiteFixture.center())
        let second = try renderSite(SiteFixture.center())
        #expect(first == second)
        let hostileFirst = try renderSite(SiteFixture.center(hostile: true))
        let hostileSecond = try renderSite(SiteFixture.center(hostile: true))
        #expect(hostileFirst == hostileSecond)
    }

    @Test func aLocaleThatCannotNameAFolderIsRefused() throws {
        var center = SiteFixture.center()
        center.locales = ["en", "../x"]
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-site-\(UUID().uuidString)")
        let output = try OutputFolder(destination: root.appendingPathComponent("reports"))
        defer {
            output.discard()
            try? FileManager.default.removeItem(at: root)
        }
        let error = #expect(throws: RenderError.self) {
            try SiteRenderer(templates: TemplateSet(workspaceRoot: nil), labels: [:]).render(
                center, into: output)
        }
        #expect(error?.code == .io)
    }

    @Test func writesUnderTheGivenPrefix() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-site-\(UUID().uuidString)")
        let output = try OutputFolder(destination: root.appendingPathComponent("reports"))
        defer {
            output.discard()
            try? FileManager.default.removeItem(at: root)
        }
        try SiteRenderer(templates: TemplateSet(workspaceRoot: nil), labels: try SiteFixture.labels)
            .render(SiteFixture.center(), into: output, under: "public/trust")
        let index = output.staging.appendingPathComponent("public/trust/en/index.html")
        #expect(FileManager.default.fileExists(atPath: index.path))
    }

    @Test func aWorkspaceTemplateReplacesTheBundledOne() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-ws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let partials = workspace.appendingPathComponent("templates/site/partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try "<footer class=\"custom\">{{organisation.name}} custom footer</footer>\n"
            .write(
                to: partials.appendingPathComponent("footer.mustache"), atomically: true,
                encoding: .utf8)
        let files = try renderSite(
            SiteFixture.center(), templates: TemplateSet(workspaceRoot: workspace))
        let page = try #require(files["en/index.html"])
        #expect(page.contains("<footer class=\"custom\">Nuage Agents custom footer</footer>"))
        #expect(page.contains("<section id=\"compliance\""))
    }

    @Test func aBrokenTemplateIsReportedWithItsPath() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-ws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let partials = workspace.appendingPathComponent("templates/site/partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try "{{#open}} never closed".write(
            to: partials.appendingPathComponent("legal.mustache"), atomically: true, encoding: .utf8
        )
        let error = #expect(throws: RenderError.self) {
            _ = try renderSite(
                SiteFixture.center(), templates: TemplateSet(workspaceRoot: workspace))
        }
        #expect(error?.code == .invalidTemplate)
        #expect(error?.detail.hasPrefix("site/partials/legal.mustache") == true)
    }
}

import AttestCore
import Foundation
import Testing

@testable import AttestRender

/// The workspace's presentation choices (`trust_center.public_status`, `featured`,
/// `thresholds`, `default_locale`) and the methodology page, as a reader sees them in the
/// rendered HTML.
@Suite struct SitePresentationTests {
    /// The fixture with live backing on two claims: one fully met, one failing.
    static func center() -> PublicTrustCenter {
        var center = SiteFixture.center()
        let first = center.sections[0].items[0].controls
        center.sections[0].items[0].backing = .init(
            status: "met", percent: 100, controls: first)
        center.sections[2].items[1].backing = .init(
            status: "not-met", percent: 0, controls: center.sections[2].items[1].controls)
        center.sections[1].items[1].backing = .init(
            status: "partly-met", percent: 50, controls: center.sections[1].items[1].controls)
        return center
    }

    /// Every control id the fixture publishes, in items and in changes.
    static func controlIDs(_ center: PublicTrustCenter) -> Set<String> {
        var ids = Set(center.sections.flatMap { $0.items.flatMap { $0.controls.map(\.id) } })
        ids.formUnion(center.changes?.controlsAdded.map(\.id) ?? [])
        ids.formUnion(center.changes?.controlsRemoved.map(\.id) ?? [])
        ids.formUnion(center.changes?.controlsChanged.map(\.id) ?? [])
        return ids
    }

    @Test func summaryShowsNoControlIDAndNoFailingOrAttentionChip() throws {
        let center = Self.center()
        let files = try renderSite(center)
        let english = try #require(files["en/index.html"])
        #expect(Self.controlIDs(center).count > 8)
        for id in Self.controlIDs(center) {
            #expect(!english.contains(id), "summary shows control id \(id)")
        }
        for word in [
            "Failing", "Needs attention", "Not met", "Partly met", "chip-failing",
            "chip-attention", "control-id\">AI",
        ] {
            #expect(!english.contains(word), "summary shows \(word)")
        }
        #expect(
            english.contains(
                #"<span class="chip chip-passing backing"><span class="chip-icon" aria-hidden="true">✓</span><span class="visually-hidden">Live status of the controls behind this statement: </span>In place</span>"#
            ))
        #expect(count(">Being improved</span>", in: english) == 2)
        let french = try #require(files["fr/index.html"])
        #expect(french.contains(">En place</span>"))
        #expect(!french.contains("Non conforme"))
        #expect(!french.contains("IAM-01"))
    }

    @Test func theFirstViewListsTheCertificationsHeldWithTheirValidity() throws {
        let page = try #require(try renderSite(Self.center())["en/index.html"])
        let hero = try #require(page.components(separatedBy: "</header>").first)
        #expect(
            hero.contains(#"<p class="glance-title" id="glance-title">Certifications held</p>"#))
        #expect(
            hero.contains(
                ##"<a class="glance-name" href="#program-hds">HDS health data hosting</a>"##))
        #expect(
            hero.contains(
                #"Valid until <time datetime="2028-11-13">November 13, 2028</time>"#))
        #expect(hero.contains(##"<a href="#compliance">In progress: 2 · Planned: 1</a>"##))
        #expect(hero.contains(##"<a class="button" href="#report-request">Request reports</a>"##))
        // A certification whose proof no longer holds is not listed as held.
        var expired = Self.center()
        expired.programs[0].standing = "expired"
        let lapsed = try #require(try renderSite(expired)["en/index.html"])
        let lapsedHero = try #require(lapsed.components(separatedBy: "</header>").first)
        #expect(!lapsedHero.contains("Certifications held"))
        #expect(lapsed.contains(#"<span class="status status-expired">Expired</span>"#))
    }

    @Test func sectionsNamedLikeTheFirstViewsPartsGetDistinctAnchors() throws {
        var center = Self.center()
        center.sections[0].id = "out-of-scope"
        center.sections[1].id = "glance"
        center.sections[2].id = "exclusions"
        let page = try #require(try renderSite(center)["en/index.html"])
        let ids = try SiteTemplatesTests.matches(#" id="([^"]*)""#, in: page)
        #expect(ids.count == Set(ids).count, "duplicate ids: \(ids.sorted())")
        #expect(page.contains(#"<section id="out-of-scope-2" class="section practice""#))
        #expect(page.contains(#"<section id="glance-2" class="section practice""#))
        #expect(page.contains(#"<section id="exclusions-2" class="section practice""#))
    }

    @Test func detailedShowsEveryPublicControlWithItsState() throws {
        let center = Self.center()
        let page = try #require(
            try renderSite(center, presentation: .init(publicStatus: .detailed))["en/index.html"])
        for id in Self.controlIDs(center) {
            #expect(page.contains(id), "detailed misses control id \(id)")
        }
        #expect(page.contains("<span class=\"control-id\">IAM-01</span>"))
        #expect(page.contains("aria-hidden=\"true\">✕</span>Failing</span>"))
        #expect(page.contains(">Not met</span>"))
        #expect(page.contains("Partly met · <a class=\"pct\" href=\"methodology.html#claims\">"))
        #expect(!page.contains("Being improved"))
    }

    /// The order of the hero's frameworks in the overview list.
    static func heroOrder(_ page: String) throws -> [String] {
        let start = try #require(page.range(of: "<ul class=\"overview-list\""))
        let end = try #require(page.range(of: "</ul>", range: start.upperBound..<page.endIndex))
        return try SiteTemplatesTests.matches(
            #"<span class="overview-name">([^<]*)</span>"#,
            in: String(page[start.upperBound..<end.lowerBound]))
    }

    @Test func theHeroFollowsAttestYAMLThenFeaturedNeverTheAlphabet() throws {
        // The fixture publishes eu-ai-act and soc2, alphabetical in the projection.
        let center = Self.center()
        let manifest = try renderSite(
            center, presentation: .init(frameworkOrder: ["soc2", "iso27001", "eu-ai-act"]))
        #expect(
            try Self.heroOrder(try #require(manifest["en/index.html"])) == ["SOC 2", "EU AI Act"])
        let reversed = try renderSite(
            center, presentation: .init(frameworkOrder: ["eu-ai-act", "soc2"]))
        #expect(
            try Self.heroOrder(try #require(reversed["en/index.html"])) == ["EU AI Act", "SOC 2"])
        // featured picks the frameworks and their order, whatever attest.yaml's order.
        let featured = try renderSite(
            center,
            presentation: .init(featured: ["soc2"], frameworkOrder: ["eu-ai-act", "soc2"]))
        #expect(try Self.heroOrder(try #require(featured["en/index.html"])) == ["SOC 2"])
        let both = try renderSite(
            center,
            presentation: .init(
                featured: ["soc2", "iso27001", "eu-ai-act"], frameworkOrder: ["eu-ai-act"]))
        #expect(
            try Self.heroOrder(try #require(both["fr/index.html"])) == ["SOC 2", "AI Act européen"])
    }

    @Test(arguments: [
        (59.9, "low"), (60.0, "fair"), (89.9, "fair"), (90.0, "good"), (0.0, "low"),
        (100.0, "good"),
    ])
    func defaultThresholdsPickTheBand(percent: Double, band: String) {
        #expect(SitePresentation.Thresholds().band(of: percent) == band)
    }

    @Test func workspaceThresholdsMoveTheBands() {
        let thresholds = SitePresentation.Thresholds(good: 80, fair: 50)
        #expect(thresholds.band(of: 79.9) == "fair")
        #expect(thresholds.band(of: 80) == "good")
        #expect(thresholds.band(of: 49.9) == "low")
        #expect(thresholds.band(of: 50) == "fair")
    }

    @Test func ringsAndBarsCarryTheirBandAsAClassAndAWord() throws {
        // SOC 2 is at 72.44 and the EU AI Act at 58.2: fair and low by default.
        let page = try #require(try renderSite(Self.center())["en/index.html"])
        #expect(page.contains(#"class="chart-ring band-fair""#))
        #expect(page.contains(#"class="chart-ring band-low""#))
        #expect(page.contains(##"stroke="#b45309""##))
        #expect(page.contains(#"<span class="band-tag band-tag-fair">Progressing</span>"#))
        #expect(page.contains(#"<span class="band-tag band-tag-low">Early stage</span>"#))
        let moved = try #require(
            try renderSite(
                Self.center(),
                presentation: .init(thresholds: .init(good: 70, fair: 50)))["en/index.html"])
        #expect(moved.contains(#"class="chart-ring band-good""#))
        #expect(moved.contains(#"<span class="band-tag band-tag-good">On track</span>"#))
        #expect(!moved.contains("band-tag-low"))
    }

    /// `page` without its SVG and without the text of every link to the methodology page.
    static func textOutsideMethodologyLinks(_ page: String) throws -> String {
        var text = page
        for pattern in [
            #"<svg[\s\S]*?</svg>"#, #"<a [^>]*href="methodology\.html#[a-z-]+"[^>]*>[\s\S]*?</a>"#,
            #"<[^>]*>"#,
        ] {
            text = try NSRegularExpression(pattern: pattern).stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
        }
        return text
    }

    @Test(arguments: ["en", "fr"])
    func everyPercentageOfThePageLinksToTheMethodology(locale: String) throws {
        for status in SitePresentation.PublicStatus.allCases {
            let files = try renderSite(Self.center(), presentation: .init(publicStatus: status))
            let page = try #require(files["\(locale)/index.html"])
            let methodology = try #require(files["\(locale)/methodology.html"])
            let anchors = try SiteTemplatesTests.matches(
                #"href="methodology\.html#([a-z-]+)""#, in: page)
            #expect(anchors.count > 10)
            for anchor in Set(anchors) {
                #expect(methodology.contains("<section id=\"\(anchor)\""), "no part #\(anchor)")
            }
            #expect(page.contains("<a href=\"methodology.html\">"), "the footer links it")
            let rest = try Self.textOutsideMethodologyLinks(page)
            let unlinked = try SiteTemplatesTests.matches(
                #"([0-9][0-9.,]*[\u202F\u00A0]?%)"#, in: rest)
            #expect(
                unlinked.isEmpty, "\(status) \(locale): percentages without a link: \(unlinked)")
        }
    }

    @Test(arguments: ["en", "fr"])
    func theMethodologyPageExplainsEveryFigureInItsLanguage(locale: String) throws {
        let files = try renderSite(
            Self.center(), presentation: .init(thresholds: .init(good: 85, fair: 55)))
        let page = try #require(files["\(locale)/methodology.html"])
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(locale)\">"))
        for part in SiteContext.methodologyParts.map(\.anchor) {
            #expect(page.contains("<section id=\"\(part)\" class=\"section method\""))
        }
        #expect(count("<h1", in: page) == 1)
        #expect(page.contains(locale == "en" ? "85.0%" : "85,0\u{202F}%"))
        #expect(page.contains(locale == "en" ? "55.0%" : "55,0\u{202F}%"))
        #expect(
            page.contains(locale == "en" ? ">How we measure</h1>" : ">Notre méthode de mesure</h1>")
        )
        #expect(
            page.contains(
                "<a href=\"../\(locale == "en" ? "fr" : "en")/methodology.html\" hreflang="))
        #expect(page.contains("<a class=\"button button-ghost\" href=\"index.html\">"))
    }

    @Test func theRootPageSendsToTheWorkspaceDefaultLocaleAndOffersEveryOne() throws {
        let files = try renderSite(Self.center(), presentation: .init(defaultLocale: "fr"))
        let root = try #require(files["index.html"])
        #expect(root.contains(#"<meta http-equiv="refresh" content="0; url=fr/index.html">"#))
        #expect(root.contains(#"<html lang="fr">"#))
        #expect(root.contains(#"<a class="button" href="fr/index.html">"#))
        #expect(root.contains(#"<a href="en/index.html" hreflang="en" lang="en">English</a>"#))
        #expect(root.contains(#"<a href="fr/index.html" hreflang="fr" lang="fr">Français</a>"#))
        // A default the site is not built in falls back to the first locale.
        let fallback = try #require(
            try renderSite(Self.center(), presentation: .init(defaultLocale: "de"))["index.html"])
        #expect(fallback.contains(#"<meta http-equiv="refresh" content="0; url=en/index.html">"#))
    }
}

import AttestCore
import Foundation
import Mustache

/// Renders the public trust-center site: one page per locale with its methodology page, a
/// root page that sends readers to the default locale, the stylesheet, and a badge per
/// framework.
///
/// Output under `prefix` (default `site`):
/// ```
/// index.html              → sends to <default locale>/index.html (meta refresh + a link)
/// <locale>/index.html     → the trust center in that locale
/// <locale>/methodology.html → what its figures mean
/// <locale>/feed.xml       → Atom feed of the public changes (when given a feed)
/// style.css
/// badges/<framework>.svg  → "SOC 2 | 72.4%"
/// ```
/// The pages need no JavaScript and contain none. Every workspace value is HTML-escaped by
/// the templates; only SVG drawn by Attest is inserted as markup. The same input gives
/// byte-identical files.
public struct SiteRenderer: Sendable {
    public var templates: TemplateSet
    /// UI labels by locale, then key (`labels["fr"]["legal_title"]`), as read from
    /// `templates/locales/<locale>.yaml`. A key missing in a locale falls back to English.
    public var labels: [String: [String: String]]

    /// The templates a site is made of, relative to the templates folder. Each one can be
    /// replaced by the workspace's own file with the same path.
    static let pageTemplate = "site/index.html.mustache"
    static let methodologyTemplate = "site/methodology.html.mustache"
    static let rootTemplate = "site/root.html.mustache"
    static let stylesheet = "site/style.css"
    /// Partials, registered under the file name without its extension (`{{> compliance}}`).
    static let partials = [
        "head", "header", "overview", "compliance", "program", "report-request", "section",
        "integrations", "incident-response", "legal", "changes", "footer", "backing",
        "documents",
    ]

    /// Creates a renderer.
    ///
    /// - Parameters:
    ///   - templates: where the site templates are read from (workspace first, then bundled).
    ///   - labels: UI labels by locale, then key.
    public init(templates: TemplateSet, labels: [String: [String: String]]) {
        self.templates = templates
        self.labels = labels
    }

    /// Writes the site for `center` into `output`, under `prefix`.
    ///
    /// - Parameters:
    ///   - center: the public trust center; the default locale is `presentation`'s when the
    ///     site is built in it, else the first of its `locales` (`en` when it lists none).
    ///   - presentation: how the workspace asks the site to present it (public status, hero
    ///     order, score bands, default locale).
    ///   - feed: the public changes of the published builds, written as `<locale>/feed.xml`
    ///     and linked from each page's head; nil for none.
    ///   - output: the staging output folder.
    ///   - prefix: the folder of the site inside the output.
    /// - Throws: `RenderError` for a missing or invalid template, a locale code that cannot
    ///   name a folder, or a file that cannot be written.
    public func render(
        _ center: PublicTrustCenter, presentation: SitePresentation = SitePresentation(),
        feed: PublicChangeFeed? = nil, into output: OutputFolder, under prefix: String = "site"
    ) throws(RenderError) {
        let base = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
        for (path, data) in try files(center, presentation: presentation, feed: feed) {
            try output.write(data, to: base + path)
        }
    }

    /// The files of the site, in path order, keyed by their path inside the site folder.
    func files(
        _ center: PublicTrustCenter, presentation: SitePresentation = SitePresentation(),
        feed: PublicChangeFeed? = nil
    ) throws(RenderError) -> [(path: String, data: Data)] {
        var center = center
        if center.locales.isEmpty { center.locales = [LocalizedText.defaultLocale] }
        var seen = Set<String>()
        center.locales = center.locales.filter { seen.insert($0).inserted }
        for locale in center.locales {
            guard SiteContext.slug(locale, fallback: "") == locale, locale.first != "-",
                locale.first != "_"
            else {
                throw RenderError(code: .io, detail: "locale '\(locale)' cannot name a site folder")
            }
        }
        let library = try library()
        let page = try template(Self.pageTemplate)
        let root = try template(Self.rootTemplate)
        let methodology = try template(Self.methodologyTemplate)
        var files: [String: Data] = [:]
        for locale in center.locales {
            var context = SiteContext(
                center: center, locale: locale, labels: labels, presentation: presentation)
            if let feed {
                context.hasFeed = true
                files["\(locale)/\(SiteContext.feedFile)"] = AtomFeedWriter.document(
                    feed, context: context, feedID: feed.feedIDs[locale] ?? "",
                    updated: feed.buildTime)
            }
            files["\(locale)/index.html"] = Data(page.render(context.page(), library: library).utf8)
            files["\(locale)/\(SiteContext.methodologyPage)"] = Data(
                methodology.render(context.methodology(), library: library).utf8)
        }
        let defaultContext = SiteContext(
            center: center, locale: presentation.defaultLocale(among: center.locales),
            labels: labels, presentation: presentation)
        files["index.html"] = Data(root.render(defaultContext.root(), library: library).utf8)
        files["style.css"] = Data(try templates.text(Self.stylesheet).utf8)
        let badgeLabelLocale = SiteContext(
            center: center, locale: center.locales[0], labels: labels)
        for framework in center.frameworks {
            let name = badgeLabelLocale.text(framework.name)
            let badge = SVGBadge(
                label: name.isEmpty ? framework.id : name, percent: framework.percent)
            let file = "badges/\(SiteContext.slug(framework.id, fallback: "framework")).svg"
            files[file] = Data(badge.svg.utf8)
        }
        return files.keys.sorted().map { ($0, files[$0]!) }
    }

    /// `path` parsed once per template set (a build renders every locale with it).
    private func template(_ path: String) throws(RenderError) -> MustacheTemplate {
        try templates.template(path)
    }

    private func library() throws(RenderError) -> MustacheLibrary {
        var library = MustacheLibrary()
        for name in Self.partials {
            library.register(try template("site/partials/\(name).mustache"), named: name)
        }
        return library
    }
}

/// The methodology page: what each figure of the trust center means, in the page's language.
///
/// Its text is made of labels (`method_<part>_title`, `method_<part>_<n>`) so a workspace can
/// reword or translate it like any other label. Every percentage of the index page links to
/// one of its parts by anchor.
extension SiteContext {
    /// The parts of the page, in order: anchor and the number of paragraphs.
    static let methodologyParts: [(anchor: String, paragraphs: Int)] = [
        ("readiness", 3), ("coverage", 2), ("inferred", 2), ("exclusions", 2),
        ("key-controls", 2), ("freshness", 3), ("evidence-dates", 2), ("bands", 2),
        ("claims", 2), ("period", 1), ("changes", 1),
    ]

    /// Every label key the methodology page reads.
    static var methodologyKeys: [String] {
        ["methodology_title", "methodology_intro", "methodology_back", "methodology_contents"]
            + methodologyParts.flatMap { part -> [String] in
                let key = part.anchor.replacingOccurrences(of: "-", with: "_")
                return ["method_\(key)_title"]
                    + (1...part.paragraphs).map { "method_\(key)_\($0)" }
            }
    }

    /// The context of `methodology.html` in the page locale: the index page's header and
    /// footer facts, links to the same page in every locale, and the parts.
    func methodology() -> [String: Any] {
        var context = page()
        let thresholds = presentation.thresholds
        let values = [
            "good": format.percent(thresholds.good), "fair": format.percent(thresholds.fair),
            "organisation": center.organisation.name,
        ]
        let parts = Self.methodologyParts.map { part -> [String: Any] in
            let key = part.anchor.replacingOccurrences(of: "-", with: "_")
            return [
                "id": part.anchor,
                "title": label("method_\(key)_title"),
                "paragraphs": (1...part.paragraphs).map {
                    ["text": label("method_\(key)_\($0)", values)]
                },
            ]
        }
        let title = label("methodology_title")
        context["documentTitle"] = "\(title) · \(center.organisation.name)"
        context["heading"] = title
        context["intro"] = label("methodology_intro", values)
        context["parts"] = parts
        context["locales"] = localeLinks(prefix: "../", file: Self.methodologyPage)
        context["indexHref"] = "index.html"
        return context
    }
}

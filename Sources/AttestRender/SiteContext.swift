import AttestCore
import Foundation

/// Builds the Mustache context of one trust-center page from a `PublicTrustCenter`.
///
/// Everything a template would otherwise compute is decided here: the text in the page
/// locale (falling back to English), formatted dates and percentages, links that are safe to
/// follow, section anchors, and the SVG charts. Templates only place values.
///
/// Two rules keep the output safe and stable:
/// - only keys ending in `SVG` hold markup (drawn by `SVGChart`, every text inside escaped);
///   templates insert them with `{{{ }}}` and every other value with `{{ }}`;
/// - every dictionary has every key its template reads (empty text, `false`, `[]`), because
///   Mustache looks a missing key up in the enclosing contexts.
struct SiteContext {
    let center: PublicTrustCenter
    /// The page locale.
    let locale: String
    /// Labels of the page locale over the English ones.
    let labels: [String: String]
    let format: SiteFormatter
    /// Every locale's labels, for naming each language in its own words.
    let allLabels: [String: [String: String]]
    /// The workspace's presentation choices: public status, hero order, score bands.
    let presentation: SitePresentation
    /// Whether the site has an Atom feed of its public changes beside each page, which the
    /// page's head then links.
    var hasFeed = false
    /// Whether readers see each public control by id with its state (`public_status:
    /// detailed`), or claims as "in place" / "being improved" only (`summary`).
    var isDetailed: Bool { presentation.publicStatus == .detailed }

    /// The page that explains the figures, beside each locale's index page.
    static let methodologyPage = "methodology.html"
    /// The Atom feed of public changes, beside each locale's index page.
    static let feedFile = "feed.xml"

    /// The anchors of the fixed sections; a content section with one of these ids gets a suffix.
    static let fixedAnchors = [
        "main", "contents", "overview", "compliance", "report-request", "integrations",
        "incident-response", "legal", "changes", "out-of-scope", "exclusions", "glance",
        "documents",
    ]

    init(
        center: PublicTrustCenter, locale: String, labels: [String: [String: String]],
        presentation: SitePresentation = SitePresentation()
    ) {
        self.center = center
        self.locale = locale
        self.labels = Self.labels(for: locale, in: labels)
        self.format = SiteFormatter(locale: locale)
        self.allLabels = labels
        self.presentation = presentation
    }

    /// The link to the part of the methodology page that explains a figure (`readiness`,
    /// `coverage`, `period`, `claims`, `changes`…).
    static func methodology(_ anchor: String) -> String { "\(methodologyPage)#\(anchor)" }

    /// The band of `percent` with its word, for a figure's class and its text beside it.
    func band(_ percent: Double) -> [String: Any] {
        let band = presentation.thresholds.band(of: percent)
        return ["band": band, "bandText": label("band_" + band)]
    }

    /// The labels of `locale`: those of its language (`fr` for `fr-CA`) and of the locale
    /// itself over the English ones.
    static func labels(
        for locale: String, in labels: [String: [String: String]]
    ) -> [String:
        String]
    {
        var merged = labels[LocalizedText.defaultLocale] ?? [:]
        let language = SiteFormatter(locale: locale).language
        if language != locale { merged.merge(labels[language] ?? [:]) { $1 } }
        merged.merge(labels[locale] ?? [:]) { $1 }
        return merged
    }

    // MARK: - Text

    /// `strings` in the page locale, else its language, else English, else the first locale
    /// in code order; empty when there is no text at all.
    func text(_ strings: LocalizedStrings?) -> String {
        guard let strings else { return "" }
        return strings[locale] ?? strings[format.language] ?? strings[LocalizedText.defaultLocale]
            ?? strings.keys.sorted().first.flatMap { strings[$0] } ?? ""
    }

    func label(_ key: String) -> String { labels[key] ?? "" }

    /// The label `key` with each `{name}` replaced by its value.
    func label(_ key: String, _ values: [String: String]) -> String {
        var text = label(key)
        for name in values.keys.sorted() {
            text = text.replacingOccurrences(of: "{\(name)}", with: values[name] ?? "")
        }
        return text
    }

    /// `url` when it is an `http`, `https` or `mailto` link, else nil (a `javascript:` link
    /// from the workspace must not become clickable).
    static func safeHref(_ url: String?) -> String? {
        guard let url = url?.trimmingCharacters(in: .whitespaces), !url.isEmpty else { return nil }
        let lowered = url.lowercased()
        guard
            lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
                || lowered.hasPrefix("mailto:"),
            !url.unicodeScalars.contains(where: {
                $0.value < 0x20 || $0 == " " || (0x7f...0x9f).contains($0.value)
                    || BidiControls.isFormatting($0)
            })
        else { return nil }
        return url
    }

    /// A link for a contact: a URL as is, an e-mail address as `mailto:`, else nil.
    static func contactHref(_ contact: String?) -> String? {
        guard let contact = contact?.trimmingCharacters(in: .whitespaces), !contact.isEmpty else {
            return nil
        }
        if let href = safeHref(contact) { return href }
        let parts = contact.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            contact.allSatisfy({ $0.isLetter || $0.isNumber || "._%+-@".contains($0) })
        else { return nil }
        return "mailto:" + contact
    }

    /// `id` reduced to letters, digits, `-` and `_` (others become `-`), for an HTML anchor or
    /// a file name; `fallback` when nothing is left.
    static func slug(_ id: String, fallback: String) -> String {
        let slug = String(
            id.map {
                $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-"
            })
        return slug.isEmpty ? fallback : slug
    }

    private func link(_ text: String, _ href: String?) -> [String: Any] {
        ["text": text, "href": href ?? "", "hasHref": href != nil]
    }

    // MARK: - Page

    /// The context of the page in `locale`.
    func page() -> [String: Any] {
        let sections = contentSections()
        let compliance = compliance()
        let hasReportRequest = center.reportRequest != nil
        let hasIntegrations = !center.integrations.isEmpty
        let hasIncident =
            center.incidentResponse.map { !$0.channels.isEmpty || !$0.commitments.isEmpty } ?? false
        let hasLegal =
            !center.subprocessors.isEmpty
            || center.legal.map {
                !$0.governingLaw.isEmpty || !$0.presence.isEmpty || !$0.policies.isEmpty
            } ?? false
        var toc: [[String: Any]] = [["id": "compliance", "title": label("compliance_title")]]
        if hasReportRequest {
            toc.append(["id": "report-request", "title": label("report_request_title")])
        }
        toc += sections.map { ["id": $0["id"] ?? "", "title": $0["title"] ?? ""] }
        if hasIntegrations {
            toc.append(["id": "integrations", "title": label("integrations_title")])
        }
        if hasIncident {
            toc.append(["id": "incident-response", "title": label("incident_title")])
        }
        if hasLegal { toc.append(["id": "legal", "title": label("legal_title")]) }
        if hasDocuments { toc.append(["id": "documents", "title": label("documents_title")]) }
        toc.append(["id": "changes", "title": label("changes_title")])

        let organisation = center.organisation
        let heading =
            text(center.title).isEmpty
            ? label("page_title", ["organisation": organisation.name]) : text(center.title)
        let website = Self.safeHref(organisation.website)
        let contact = center.contact ?? ""
        return [
            "lang": locale,
            "label": labels,
            "stylesheet": "../style.css",
            "heading": heading,
            "documentTitle": heading.contains(organisation.name)
                ? heading : "\(heading) · \(organisation.name)",
            "tagline": text(center.tagline),
            "hasTagline": !text(center.tagline).isEmpty,
            "organisation": [
                "name": organisation.name,
                "legalName": organisation.legalName ?? "",
                "hasLegalName": !(organisation.legalName ?? "").isEmpty,
                "website": organisation.website ?? "",
                "websiteHref": website ?? "",
                "hasWebsite": website != nil,
                "country": organisation.country ?? "",
                "hasCountry": !(organisation.country ?? "").isEmpty,
            ] as [String: Any],
            "contact": link(contact, Self.contactHref(contact)),
            "hasContact": !contact.isEmpty,
            "generatedAt": center.generatedAt,
            "generatedAtIsDate": SiteFormatter.isMachineDate(center.generatedAt),
            "generatedAtText": format.dateTime(center.generatedAt),
            "updatedText": label("updated_at", ["date": format.dateTime(center.generatedAt)]),
            "buildID": center.buildID,
            "toolVersion": center.toolVersion,
            "builtWith": label("built_with", ["version": center.toolVersion]),
            "hasSigningKey": center.signingKey != nil,
            "signingKey": [
                "algorithm": center.signingKey?.algorithm ?? "",
                "fingerprint": center.signingKey?.fingerprint ?? "",
            ],
            "locales": localeLinks(prefix: "../"),
            "hasManyLocales": center.locales.count > 1,
            "toc": toc,
            "overview": overview(),
            "hasOverview": !center.frameworks.isEmpty,
            "compliance": compliance,
            "hasReportRequest": hasReportRequest,
            "reportRequest": reportRequest(),
            "sections": sections,
            "hasSections": !sections.isEmpty,
            "hasIntegrations": hasIntegrations,
            "integrations": integrations(),
            "hasIncidentResponse": hasIncident,
            "incidentResponse": incidentResponse(),
            "hasLegal": hasLegal,
            "legal": legal(),
            "hasDocuments": hasDocuments,
            "documents": documents(),
            "feedHref": Self.feedFile,
            "hasFeed": hasFeed,
            "changes": changes(),
            "glance": glance(),
            "isDetailed": isDetailed,
            "methodologyHref": Self.methodologyPage,
            "methodologyLink": Self.methodology("readiness"),
        ]
    }

    /// The context of the root page that sends readers to the default locale.
    func root() -> [String: Any] {
        let target = "\(locale)/index.html"
        return [
            "lang": locale,
            "label": labels,
            "documentTitle": text(center.title).isEmpty
                ? label("page_title", ["organisation": center.organisation.name])
                : text(center.title),
            "target": target,
            "locales": localeLinks(prefix: ""),
        ]
    }

    /// One link per locale to its page (`file` in each locale's folder), named in its own
    /// language.
    func localeLinks(prefix: String, file: String = "index.html") -> [[String: Any]] {
        center.locales.map { code -> [String: Any] in
            [
                "code": code,
                "name": languageName(code),
                "href": "\(prefix)\(code)/\(file)",
                "isCurrent": code == locale,
            ]
        }
    }

    private static let languageNames = [
        "de": "Deutsch", "en": "English", "es": "Español", "fr": "Français", "it": "Italiano",
        "nl": "Nederlands", "pt": "Português",
    ]

    /// The name of `code` in its own language: its `language_name` label, else a built-in
    /// name, else the code.
    func languageName(_ code: String) -> String {
        let language = SiteFormatter(locale: code).language
        return allLabels[code]?["language_name"] ?? allLabels[language]?["language_name"]
            ?? Self.languageNames[code] ?? Self.languageNames[language] ?? code
    }

    // MARK: - Compliance

    /// The frameworks the hero shows: the featured ones, else all in the order of attest.yaml.
    private func overview() -> [[String: Any]] {
        let byID = Dictionary(
            center.frameworks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return presentation.hero(center.frameworks.map(\.id)).compactMap { byID[$0] }.map {
            framework -> [String: Any] in
            let name = text(framework.name).isEmpty ? framework.id : text(framework.name)
            let percent = format.percent(framework.percent)
            let band = presentation.thresholds.band(of: framework.percent)
            return self.band(framework.percent).merging([
                "name": name,
                "percentText": percent,
                "readinessHref": Self.methodology("readiness"),
                "coverageHref": Self.methodology("coverage"),
                "coverageText": label(
                    "coverage_value", ["percent": format.percent(framework.coverage)]),
                "barSVG": SVGChart.bar(
                    percent: framework.percent, title: "\(name): \(percent)", height: 6,
                    band: band),
                "badgeHref": "../badges/\(Self.slug(framework.id, fallback: "framework")).svg",
            ]) { $1 }
        }
    }

    /// What the first screen says: the certifications held with their validity, and how many
    /// programs are in progress and planned.
    ///
    /// A certification is held only while its proof supports it (its standing is
    /// `certified`); an expired or unverified one is shown on its card, not as held.
    private func glance() -> [String: Any] {
        let held = center.programs.filter { $0.status == "certified" }.map(program).filter {
            $0["status"] as? String == "certified"
        }
        let inProgress = center.programs.filter {
            !["certified", "planned"].contains($0.status)
        }.count
        let planned = center.programs.filter { $0.status == "planned" }.count
        return [
            "certifications": held, "hasCertifications": !held.isEmpty,
            "progressText": label(
                "glance_progress", ["in_progress": String(inProgress), "planned": String(planned)]),
            "hasProgress": inProgress + planned > 0,
        ]
    }

    private func compliance() -> [String: Any] {
        let grouped = Dictionary(grouping: center.programs) { program -> String in
            ["certified", "planned"].contains(program.status) ? program.status : "in-progress"
        }
        let certified = (grouped["certified"] ?? []).map(program)
        let inProgress = (grouped["in-progress"] ?? []).map(program)
        let planned = (grouped["planned"] ?? []).map(program)
        let exclusions = (center.exclusions ?? []).map { exclusion -> [String: Any] in
            [
                "framework": text(exclusion.frameworkName).isEmpty
                    ? exclusion.framework : text(exclusion.frameworkName),
                "requirement": exclusion.requirement,
                "title": text(exclusion.title),
                "justification": text(exclusion.justification),
            ]
        }
        return [
            "exclusions": exclusions, "hasExclusions": !exclusions.isEmpty,
            "exclusionsShowText": label("show_exclusions", ["count": String(exclusions.count)]),
            "certified": certified, "hasCertified": !certified.isEmpty,
            "inProgress": inProgress, "hasInProgress": !inProgress.isEmpty,
            "planned": planned, "hasPlanned": !planned.isEmpty,
            "isEmpty": center.programs.isEmpty,
        ]
    }

    private func program(_ program: PublicTrustCenter.Program) -> [String: Any] {
        let title = text(program.title)
        let frameworkName = text(program.frameworkName)
        let percentText = program.percent.map(format.percent) ?? ""
        let trend = program.trend.map(\.percent)
        var trendTitle = ""
        if let first = trend.first, let last = trend.last {
            trendTitle =
                trend.count == 1
                ? label("trend_title_one", ["program": title, "percent": format.percent(last)])
                : label(
                    "trend_title",
                    [
                        "program": title, "count": String(trend.count),
                        "from": format.percent(first),
                        "to": format.percent(last),
                    ])
        }
        let statusKey =
            ["certified", "planned"].contains(program.status) ? program.status : "in-progress"
        // A certification shows what its proof supports at the build (the projection judged
        // it); without a judgment it is not shown as certified.
        let standing =
            statusKey == "certified"
            ? (["certified", "expired"].contains(program.standing ?? "")
                ? program.standing ?? "unverified" : "unverified")
            : statusKey
        var figureText = ""
        if let measure = program.measure, let passed = measure.passed, let total = measure.total {
            figureText = label(
                "figure_of",
                ["passed": String(passed), "total": String(total), "unit": text(measure.unit)])
        }
        return [
            "anchor": "program-" + Self.slug(program.id, fallback: "program"),
            "title": title,
            "frameworkName": frameworkName,
            "hasFrameworkName": !frameworkName.isEmpty && frameworkName != title,
            "status": standing,
            "statusText": label("status_" + standing.replacingOccurrences(of: "-", with: "_")),
            "isExpired": standing == "expired",
            "hasFigure": !figureText.isEmpty,
            "figureText": figureText,
            "auditor": program.auditor ?? "",
            "hasAuditor": !(program.auditor ?? "").isEmpty,
            "certifiedOn": program.certifiedOn ?? "",
            "certifiedOnIsDate": SiteFormatter.isMachineDate(program.certifiedOn ?? ""),
            "certifiedOnText": program.certifiedOn.map(format.date) ?? "",
            "hasCertifiedOn": !(program.certifiedOn ?? "").isEmpty,
            "expiresOn": program.expiresOn ?? "",
            "expiresOnIsDate": SiteFormatter.isMachineDate(program.expiresOn ?? ""),
            "expiresOnText": program.expiresOn.map(format.date) ?? "",
            "hasExpiresOn": !(program.expiresOn ?? "").isEmpty,
            "externalScore": program.externalScore.map(format.score) ?? "",
            "hasExternalScore": !(program.externalScore ?? "").isEmpty,
            "targetText": program.targetQuarter.map(format.quarter) ?? "",
            "hasTarget": !(program.targetQuarter ?? "").isEmpty,
            "hasFacts": [
                program.auditor, program.certifiedOn, program.externalScore, program.expiresOn,
                program.targetQuarter,
            ]
            .contains { !($0 ?? "").isEmpty },
            "description": text(program.description),
            "hasDescription": !text(program.description).isEmpty,
            "reportUnderNDA": program.reportUnderNDA && center.reportRequest != nil,
            "hasPercent": program.percent != nil,
            "percentText": percentText,
            "ringSVG": program.percent.map {
                SVGChart.ring(
                    percent: $0, text: percentText,
                    title: label("readiness_of", ["program": title, "percent": percentText]),
                    band: presentation.thresholds.band(of: $0))
            } ?? "",
            "barSVG": program.percent.map {
                SVGChart.bar(
                    percent: $0,
                    title: label("readiness_of", ["program": title, "percent": percentText]),
                    band: presentation.thresholds.band(of: $0))
            } ?? "",
            "band": program.percent.map { presentation.thresholds.band(of: $0) } ?? "",
            "bandText": program.percent.map {
                label("band_" + presentation.thresholds.band(of: $0))
            } ?? "",
            "readinessHref": Self.methodology("readiness"),
            "coverageHref": Self.methodology("coverage"),
            "periodHref": Self.methodology("period"),
            "hasDetails": !text(program.description).isEmpty || !program.domains.isEmpty
                || !program.trend.isEmpty || program.period != nil,
            "hasCoverage": program.coverage != nil,
            "coverageText": program.coverage.map(format.percent) ?? "",
            "domains": program.domains.map(domain),
            "hasDomains": !program.domains.isEmpty,
            "hasTrend": !trend.isEmpty,
            "trendTitle": trendTitle,
            "trendCaption": label(
                trend.count == 1 ? "trend_caption_one" : "trend_caption",
                ["count": String(trend.count)]),
            "trendSVG": trend.isEmpty ? "" : SVGChart.sparkline(percents: trend, title: trendTitle),
            "hasPeriod": program.period != nil,
            "periodText": program.period.map {
                // Days without a stored figure are said, so a mean over a few days does not
                // pass for one over the whole period.
                label(
                    $0.observedDays < $0.days ? "period_figure_partial" : "period_figure",
                    [
                        "days": String($0.days), "percent": format.percent($0.percent),
                        "from": format.date($0.first), "to": format.date($0.last),
                        "observed": String($0.observedDays),
                    ])
            } ?? "",
        ]
    }

    private func domain(_ domain: PublicTrustCenter.Domain) -> [String: Any] {
        let title = text(domain.title)
        let percent = format.percent(domain.percent)
        let name = title.isEmpty ? domain.id : "\(domain.id) · \(title)"
        return band(domain.percent).merging([
            "id": domain.id,
            "title": title,
            "name": name,
            "percentText": percent,
            "readinessHref": Self.methodology("readiness"),
            "barSVG": SVGChart.bar(
                percent: domain.percent, title: "\(name): \(percent)",
                band: presentation.thresholds.band(of: domain.percent)),
        ]) { $1 }
    }

    private func reportRequest() -> [String: Any] {
        let request = center.reportRequest
        let intro = text(request?.text)
        let email = request?.email ?? ""
        let emailHref = Self.contactHref(email)
        let url = request?.url ?? ""
        let programs = (request?.programs ?? []).map { ["title": text($0)] }
        return [
            "text": intro.isEmpty ? label("report_request_default") : intro,
            "email": email,
            "emailHref": emailHref ?? "",
            "hasEmail": !email.isEmpty,
            "hasEmailHref": emailHref != nil,
            "url": url,
            "urlHref": Self.safeHref(url) ?? "",
            "hasURL": !url.isEmpty,
            "hasURLHref": Self.safeHref(url) != nil,
            "programs": programs,
            "hasPrograms": !programs.isEmpty,
        ]
    }

    // MARK: - Practice sections

    private func contentSections() -> [[String: Any]] {
        var used = Set(Self.fixedAnchors)
        return center.sections.map { section -> [String: Any] in
            let base = Self.slug(section.id, fallback: "section")
            var anchor = base
            var suffix = 2
            while used.contains(anchor) {
                anchor = "\(base)-\(suffix)"
                suffix += 1
            }
            used.insert(anchor)
            let summary = text(section.summary)
            let backed = section.items.compactMap(\.backing).filter { $0.status != "unbacked" }
            let inPlace = backed.filter { $0.status == "met" }.count
            return [
                "id": anchor,
                "inPlaceText": label(
                    "glance_in_place",
                    ["count": String(inPlace), "total": String(section.items.count)]),
                "hasBackedItems": !backed.isEmpty,
                "showText": label("show_items", ["count": String(section.items.count)]),
                "title": text(section.title),
                "summary": summary,
                "hasSummary": !summary.isEmpty,
                "hasDomain": section.domain != nil,
                "domain": section.domain.map(domain) ?? [:],
                "items": section.items.map(item),
                "hasItems": !section.items.isEmpty,
            ]
        }
    }

    /// The chip of a claim's live status: `hasBacking` and `backing` for the `backing`
    /// partial, present on every claim so Mustache never looks them up in an outer context.
    ///
    /// With `public_status: summary` a claim is "In place" (every control at 100 %) or "Being
    /// improved" (anything less), without a percentage; `detailed` says Met, Partly met with
    /// its mean, or Not met.
    private func backing(_ backing: PublicTrustCenter.Backing?) -> [String: Any] {
        guard let backing, backing.status != "unbacked" else {
            return [
                "hasBacking": false,
                "backing": [
                    "state": "", "icon": "", "text": "", "hasPercent": false, "percentText": "",
                    "href": "",
                ],
            ]
        }
        guard isDetailed else {
            let inPlace = backing.status == "met"
            return [
                "hasBacking": true,
                "backing": [
                    "state": inPlace ? "passing" : "improving", "icon": inPlace ? "✓" : "↻",
                    "text": label(inPlace ? "summary_in_place" : "summary_improving"),
                    "hasPercent": false, "percentText": "",
                    "href": Self.methodology("claims"),
                ] as [String: Any],
            ]
        }
        let state =
            ["met": "passing", "partly-met": "attention", "not-met": "failing"][backing.status]
            ?? "unknown"
        let icon = ["passing": "✓", "attention": "!", "failing": "✕"][state] ?? "?"
        let words = label("backing_" + backing.status.replacingOccurrences(of: "-", with: "_"))
        let percent = state == "attention" ? backing.percent.map(format.percent) : nil
        return [
            "hasBacking": true,
            "backing": [
                "state": state, "icon": icon, "text": words, "hasPercent": percent != nil,
                "percentText": percent ?? "", "href": Self.methodology("claims"),
            ] as [String: Any],
        ]
    }

    private func item(_ item: PublicTrustCenter.Item) -> [String: Any] {
        let body = text(item.text)
        return backing(item.backing).merging([
            "title": text(item.title),
            "text": body,
            "hasText": !body.isEmpty,
            // Control ids and states are internal detail: shown only when the workspace
            // publishes them (`public_status: detailed`).
            "controls": isDetailed ? item.controls.map(control) : [],
            "hasControls": isDetailed && !item.controls.isEmpty,
        ]) { $1 }
    }

    private func control(_ control: PublicTrustCenter.ControlState) -> [String: Any] {
        let state =
            ["passing", "attention", "failing"].contains(control.state) ? control.state : "unknown"
        let icon = ["passing": "✓", "attention": "!", "failing": "✕"][state] ?? "?"
        return [
            "id": control.id,
            "title": text(control.title),
            "state": state,
            "icon": icon,
            "stateText": label("state_" + state),
            "isAttention": state == "attention",
            "percentText": format.percent(control.percent),
            "href": Self.methodology("claims"),
        ]
    }

    // MARK: - Integrations, incident response, legal

    private func integrations() -> [[String: Any]] {
        center.integrations.map { integration -> [String: Any] in
            backing(integration.backing).merging([
                "name": integration.name,
                "caption": label("integrations_caption", ["name": integration.name]),
                "scopes": integration.scopes.map { scope -> [String: Any] in
                    let access = scope.access.lowercased()
                    return [
                        "scope": scope.scope,
                        // read, write and admin are named in the page's language.
                        "access": ["read", "write", "admin"].contains(access)
                            ? label("access_" + access) : scope.access,
                        "purpose": text(scope.purpose),
                        "accessClass": ["read", "write", "admin"].contains(access)
                            ? access : "other",
                    ]
                },
                "hasScopes": !integration.scopes.isEmpty,
            ]) { $1 }
        }
    }

    private func incidentResponse() -> [String: Any] {
        let response = center.incidentResponse
        // Stable: channels of the same priority keep the workspace's order.
        let channels = (response?.channels ?? []).enumerated()
            .sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }
            .map(\.element)
        let backings = response?.commitmentBacking ?? []
        let commitments = (response?.commitments ?? []).enumerated().map { index, commitment in
            backing(index < backings.count ? backings[index] : nil).merging([
                "text": text(commitment)
            ]) { $1 }
        }
        return [
            "channels": channels.map { channel -> [String: Any] in
                let href = Self.contactHref(channel.contact)
                return backing(channel.backing).merging([
                    "priority": String(channel.priority),
                    "priorityText": label("priority", ["number": String(channel.priority)]),
                    "name": text(channel.name),
                    "contact": channel.contact,
                    "href": href ?? "",
                    "hasHref": href != nil,
                ]) { $1 }
            },
            "hasChannels": !channels.isEmpty,
            "commitments": commitments,
            "hasCommitments": !commitments.isEmpty,
        ]
    }

    private func legal() -> [String: Any] {
        let legal = center.legal
        let subprocessors = center.subprocessors.map { processor -> [String: Any] in
            let href = Self.safeHref(processor.url)
            return backing(processor.backing).merging([
                "name": processor.name, "href": href ?? "", "hasHref": href != nil,
                "purpose": text(processor.purpose),
                "location": text(processor.localizedLocation).isEmpty
                    ? processor.location : text(processor.localizedLocation),
            ]) { $1 }
        }
        let law = (legal?.governingLaw ?? []).map {
            backing($0.backing).merging([
                "customers": text($0.customers), "law": text($0.law),
            ]) { $1 }
        }
        let presence = (legal?.presence ?? []).map {
            backing($0.backing).merging(["place": text($0.place), "role": text($0.role)]) { $1 }
        }
        let policies = (legal?.policies ?? []).map { policy -> [String: Any] in
            let href = Self.safeHref(policy.url)
            return backing(policy.backing).merging([
                "title": text(policy.title), "url": policy.url, "href": href ?? "",
                "hasHref": href != nil,
            ]) { $1 }
        }
        return [
            "subprocessors": subprocessors, "hasSubprocessors": !subprocessors.isEmpty,
            "governingLaw": law, "hasGoverningLaw": !law.isEmpty,
            "presence": presence, "hasPresence": !presence.isEmpty,
            "policies": policies, "hasPolicies": !policies.isEmpty,
        ]
    }

    // MARK: - Changes

    private func changes() -> [String: Any] {
        guard let changes = center.changes else {
            return [
                "hasPrevious": false, "firstText": label("changes_first"), "since": "",
                "percentHref": Self.methodology("changes"), "showText": label("show_changes"),
                "sinceIsDate": false, "sinceText": "",
                "hasControlChanges": false,
                "programs": [] as [Any], "hasPrograms": false, "added": [] as [Any],
                "scope": [] as [Any], "hasScope": false,
                "hasAdded": false,
                "removed": [] as [Any], "hasRemoved": false, "renewed": "0", "expired": "0",
                "addedCount": "0", "removedCount": "0", "changed": [] as [Any],
                "hasChanged": false,
            ]
        }
        let programs = changes.programs.map { move -> [String: Any] in
            let up = move.to >= move.from
            let from = format.percent(move.from)
            let to = format.percent(move.to)
            return [
                "title": text(move.title),
                "fromText": from,
                "toText": to,
                "direction": up ? "up" : "down",
                "arrow": up ? "▲" : "▼",
                "directionText": label(up ? "changes_up" : "changes_down"),
                "deltaText": (up ? "+" : "−") + format.number(abs(move.to - move.from)),
                "percentHref": Self.methodology("changes"),
                "scopeText": move.scope == "only"
                    ? label("changes_scope_only")
                    : move.scope == nil ? "" : label("changes_scope_also"),
                "hasScopeText": move.scope != nil,
            ]
        }
        let scope = (changes.scopeChanges ?? []).map { change -> [String: Any] in
            let framework =
                text(change.frameworkName).isEmpty
                ? change.framework : text(change.frameworkName)
            let requirement = "\(framework) \(change.requirement)"
            return [
                "change": change.change,
                "text": change.change == "excluded"
                    ? label(
                        "changes_excluded",
                        [
                            "requirement": requirement,
                            "justification": text(change.justification),
                        ])
                    : label("changes_included", ["requirement": requirement]),
            ]
        }
        func reference(_ control: PublicTrustCenter.Changes.ControlRef) -> [String: Any] {
            ["id": isDetailed ? control.id : "", "hasID": isDetailed, "title": text(control.title)]
        }
        // In summary, a state is "in place" (passing) or "being improved" (anything else).
        func shown(_ state: String) -> String {
            isDetailed ? state : state == "passing" ? "passing" : "improving"
        }
        func stateText(_ state: String) -> String {
            guard isDetailed else {
                return label(state == "passing" ? "summary_in_place" : "summary_improving")
            }
            return ["passing", "attention", "failing"].contains(state)
                ? label("state_" + state) : state
        }
        // A move between two states that summary shows alike says nothing to its readers.
        let moved = changes.controlsChanged.filter { shown($0.from) != shown($0.to) }
        let changed = moved.map { change -> [String: Any] in
            [
                "id": isDetailed ? change.id : "", "hasID": isDetailed, "title": text(change.title),
                "from": shown(change.from), "to": shown(change.to),
                "fromText": stateText(change.from), "toText": stateText(change.to),
                "frameworks": change.frameworks.map { move -> [String: Any] in
                    [
                        "name": text(move.name).isEmpty ? move.id : text(move.name),
                        "fromText": format.percent(move.from), "toText": format.percent(move.to),
                        "percentHref": Self.methodology("changes"),
                    ]
                },
                "hasFrameworks": !change.frameworks.isEmpty,
            ]
        }
        return [
            "hasPrevious": true,
            "firstText": "",
            "since": changes.since,
            "sinceIsDate": SiteFormatter.isMachineDate(changes.since),
            "sinceText": label("changes_since", ["date": format.dateTime(changes.since)]),
            "programs": programs,
            "hasPrograms": !programs.isEmpty,
            "percentHref": Self.methodology("changes"),
            "scope": scope,
            "hasScope": !scope.isEmpty,
            "added": changes.controlsAdded.map(reference),
            "hasAdded": !changes.controlsAdded.isEmpty,
            "removed": changes.controlsRemoved.map(reference),
            "hasRemoved": !changes.controlsRemoved.isEmpty,
            "hasControlChanges": !changes.controlsAdded.isEmpty || !changes.controlsRemoved.isEmpty
                || !changed.isEmpty,
            "showText": label("show_changes"),
            "changed": changed,
            "hasChanged": !changed.isEmpty,
            "addedCount": String(changes.controlsAdded.count),
            "removedCount": String(changes.controlsRemoved.count),
            "renewed": String(changes.evidenceRenewed),
            "expired": String(changes.evidenceExpired),
        ]
    }
}

import AttestCore
import Foundation
import Mustache

/// Renders the internal reports: per framework a readiness report (HTML, Markdown, CSV) and
/// the audit traceability matrix (HTML, CSV) with the evidence index (CSV).
///
/// Reports are in English. Every value goes through `{{ }}` (HTML-escaped) in the HTML
/// templates; the Markdown template escapes its own special characters.
public struct ReportRenderer: Sendable {
    public var templates: TemplateSet
    /// A line printed on every page and at the top of every CSV (NDA bundles), or nil.
    public var watermark: String?
    /// English UI labels (`templates/locales/en.yaml`, `labels:`); the `report_*` ones word the
    /// aggregation facts. Missing ones fall back to the labels the bundled en.yaml ships.
    public var labels: [String: String]

    public init(
        templates: TemplateSet, watermark: String? = nil, labels: [String: String] = [:]
    ) {
        self.templates = templates
        self.watermark = watermark
        self.labels = labels
    }

    /// Most rows on one page of the traceability matrix (`audit/traceability/<framework>/
    /// page-<n>.html`): about 2 MB of HTML, a page a browser opens at once.
    public var rowsPerPage = 2_000
    /// Most bytes of rendered audit row ends kept for reuse (`AuditReport.TailCache`); tests
    /// lower it to make the cache drop tails.
    var auditTailLimit = AuditReport.TailCache.defaultLimit

    /// The audit files for `frameworks`, gathered in memory (bundles and auditor packages):
    /// what ``writeAudit(_:frameworks:into:)`` writes, keyed by path.
    public func audit(
        _ model: ReportModel, frameworks: [FrameworkID]
    ) throws(RenderError) -> [String: Data] {
        let files = ReportFiles()
        try writeAudit(model, frameworks: frameworks, into: files)
        return files.files
    }

    /// Writes the audit files for `frameworks` into `destination`: the traceability matrix
    /// (the entry page `audit/traceability.html`, its pages per framework, and the CSV), the
    /// evidence index (CSV) and, when the ceiling shows any exception, the exceptions register
    /// (CSV). The tables are streamed row by row, never held whole.
    ///
    /// `parts` writes only some of them: the parts write different files, so a destination
    /// that takes files from several threads (an output folder) may be given each part at once.
    public func writeAudit(
        _ model: ReportModel, frameworks: [FrameworkID],
        into destination: some ReportDestination, parts: Set<AuditPart> = Set(AuditPart.allCases)
    ) throws(RenderError) {
        let entry = try prepared("reports/audit.html.mustache")
        let page = try prepared("reports/audit-page.html.mustache")
        let report = AuditReport(
            model: model, frameworks: frameworks, watermark: watermark,
            rowsPerPage: max(1, rowsPerPage), entry: entry, page: page,
            tailLimit: auditTailLimit)
        if parts.contains(.traceability) { try report.writeTraceability(into: destination) }
        if parts.contains(.evidenceIndex) { try report.writeEvidenceIndex(into: destination) }
    }

    /// The exceptions register the ceiling of `model` shows, as CSV (one row per exception in
    /// id order, with its state at the build time and the failing results it covers); with
    /// `framework`, only those naming a control or evidence item behind its score.
    public func exceptionsCSV(_ model: ReportModel, of framework: FrameworkID? = nil) -> Data {
        let context = ReportContext(model: model, watermark: watermark)
        let entries = framework.map(model.exceptions(of:)) ?? model.shownExceptions
        return Data(context.exceptionsCSV(entries).text.utf8)
    }

    /// The period view as files for auditors: every control's days (`controls.csv`) and every
    /// failure interval (`failures.csv`), under `period/`.
    public func period(_ view: PeriodView) -> [String: Data] {
        var controls = view.controlsCSV
        var failures = view.failuresCSV
        controls.notice = watermark
        failures.notice = watermark
        return [
            "period/controls.csv": Data(controls.text.utf8),
            "period/failures.csv": Data(failures.text.utf8),
        ]
    }

    func render(_ path: String, _ context: [String: Any]) throws(RenderError) -> String {
        try prepared(path)(context)
    }

    /// The template at `path` (parsed once per template set) with the report style partial, as
    /// a function that renders a context.
    func prepared(_ path: String) throws(RenderError) -> ([String: Any]) -> String {
        let template = try templates.template(path)
        let library = try styleLibrary()
        return { context in template.render(context, library: library) }
    }

    /// The partials of the report templates: `{{> report-style}}`, parsed once per template set.
    func styleLibrary() throws(RenderError) -> MustacheLibrary {
        var library = MustacheLibrary()
        library.register(
            try templates.template("reports/report-style.mustache"), named: "report-style")
        return library
    }
}

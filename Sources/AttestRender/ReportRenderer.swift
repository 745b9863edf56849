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

    /// The audit files for `frameworks`: the traceability matrix (HTML, CSV), the evidence
    /// index (CSV) and, when the ceiling shows any exception, the exceptions register (CSV).
    public func audit(
        _ model: ReportModel, frameworks: [FrameworkID]
    ) throws(RenderError) -> [String: Data] {
        let context = ReportContext(model: model, watermark: watermark)
        let rows = context.traceabilityRows(frameworks)
        let exclusions = context.exclusionRows(frameworks)
        let html = try render(
            "reports/audit.html.mustache",
            context.audit(frameworks, rows: rows, exclusions: exclusions))
        var files = [
            "audit/traceability.html": Data(html.utf8),
            "audit/traceability.csv": Data(
                context.traceabilityCSV(rows: rows + exclusions).text.utf8),
            "audit/evidence-index.csv": Data(context.evidenceIndexCSV(frameworks).text.utf8),
        ]
        // Only when there is something to list: an empty table would carry no row, so not
        // the watermark a bundle's every CSV must show.
        if !model.shownExceptions.isEmpty { files["audit/exceptions.csv"] = exceptionsCSV(model) }
        return files
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
        try templates.template(path).render(context, library: try styleLibrary())
    }

    /// The partials of the report templates: `{{> report-style}}`, parsed once per template set.
    func styleLibrary() throws(RenderError) -> MustacheLibrary {
        var library = MustacheLibrary()
        library.register(
            try templates.template("reports/report-style.mustache"), named: "report-style")
        return library
    }
}

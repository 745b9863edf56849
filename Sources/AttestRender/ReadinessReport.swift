import AttestCore
import AttestSystem
import Foundation
import Mustache

extension ReportRenderer {
    /// The files of one readiness report, keyed by their path under the output folder.
    ///
    /// For several frameworks of one model, ``ReadinessReports`` shares the work between them.
    public func readiness(
        _ model: ReportModel, framework: FrameworkID
    ) throws(RenderError) -> [String: Data] {
        try ReadinessReports(self, model: model, frameworks: [framework]).files(of: framework)
    }
}

/// The readiness reports of one model, per framework: HTML, Markdown and CSV
/// (`readiness/<framework>.html`, `.md`, `.csv`).
///
/// What every framework shares is done once: the evidence rows of the model, the rendered rows
/// of "Evidence needing attention" (``ReadinessIssueRows``), and the choice and parsing of
/// templates. The bundled templates are written by direct writers
/// (``ReadinessHTML``, ``ReadinessMarkdown``) that give the very bytes Mustache gives; a
/// workspace that overrides `reports/readiness.html.mustache`, `reports/readiness.md.mustache`
/// or `reports/report-style.mustache` gets its own template rendered through Mustache, parsed
/// once. The value is immutable and `Sendable`: frameworks may be rendered in parallel.
public struct ReadinessReports: Sendable {
    let renderer: ReportRenderer
    let model: ReportModel
    /// Every shown evidence row of the model, in control then evidence order, with its counts.
    let evidence: ReadinessEvidence
    /// The frameworks whose reports it writes.
    let frameworks: Set<FrameworkID>
    /// How the HTML report is written: the workspace's template, or the direct writer of the
    /// bundled one with its issue rows rendered once (``ReadinessIssueRows``).
    let html: Writer<MarkupRows>
    /// How the Markdown report is written, as `html`.
    let markdown: Writer<MarkdownRows>
    /// The stylesheet partial as the HTML report embeds it.
    let style: String
    let library: MustacheLibrary

    /// A workspace's own template, rendered through Mustache, or the direct writer of the
    /// bundled one with the rows it shares between frameworks.
    enum Writer<Rows: Sendable>: Sendable {
        case template(MustacheTemplate)
        case direct(Rows)
    }

    static let htmlPath = "reports/readiness.html.mustache"
    static let markdownPath = "reports/readiness.md.mustache"
    static let stylePath = "reports/report-style.mustache"

    /// Prepares the reports of `frameworks` of `model`: only their evidence rows are rendered.
    ///
    /// - Throws: `RenderError` for a template that is missing, unsafe or not valid Mustache.
    public init(
        _ renderer: ReportRenderer, model: ReportModel, frameworks: [FrameworkID]
    ) throws(RenderError) {
        try self.init(
            renderer, model: model, frameworks: frameworks, copiesThroughMustache: false)
    }

    /// `copiesThroughMustache`: render a workspace's copy of a bundled template through
    /// Mustache too, so a test can hold the direct writers to Mustache's bytes.
    init(
        _ renderer: ReportRenderer, model: ReportModel, frameworks: [FrameworkID],
        copiesThroughMustache: Bool
    ) throws(RenderError) {
        self.renderer = renderer
        self.model = model
        self.frameworks = Set(frameworks)
        evidence = ReadinessEvidence(model.evidenceRows(of: nil))
        let templates = renderer.templates
        func isOwn(_ path: String) throws(RenderError) -> Bool {
            try copiesThroughMustache ? templates.isOverridden(path) : templates.isChanged(path)
        }
        let styleOverridden = try isOwn(Self.stylePath)
        let htmlOverridden = try isOwn(Self.htmlPath)
        style = try templates.text(Self.stylePath)
        library = try renderer.styleLibrary()
        let htmlTemplate =
            styleOverridden || htmlOverridden ? try templates.template(Self.htmlPath) : nil
        let markdownTemplate =
            try isOwn(Self.markdownPath)
            ? try templates.template(Self.markdownPath) : nil
        // A bundled template that is missing is an error, as it was when Mustache read it.
        if htmlTemplate == nil { _ = try templates.data(Self.htmlPath) }
        if markdownTemplate == nil { _ = try templates.data(Self.markdownPath) }
        // The rows the frameworks share, the HTML beside the Markdown.
        let shown = evidence.shown(by: self.frameworks, in: model)
        let evidence = evidence.rows
        (html, markdown) = concurrently(
            {
                htmlTemplate.map { .template($0) }
                    ?? .direct(ReadinessIssueRows.html(evidence, shown: shown))
            },
            {
                markdownTemplate.map { .template($0) }
                    ?? .direct(ReadinessIssueRows.markdown(evidence, shown: shown))
            })
    }

    /// The three files of `framework`'s report, keyed by their path under the output folder.
    ///
    /// - Throws: `RenderError` (`render.unprepared-report`) for a framework it was not prepared
    ///   for, whose rows it has not rendered.
    public func files(of framework: FrameworkID) throws(RenderError) -> [String: Data] {
        guard frameworks.contains(framework) else {
            throw RenderError(
                code: .unpreparedReport,
                detail: "the readiness reports were not prepared for framework '\(framework)'")
        }
        let context = ReportContext(
            model: model, watermark: renderer.watermark, labels: renderer.labels)
        let facts = ReadinessFacts(
            framework, of: model, evidence: evidence, sentence: context.sentence)
        let html: Data
        switch self.html {
        case let .template(template):
            html = Data(template.render(context.readiness(facts), library: library).utf8)
        case let .direct(rows):
            html = ReadinessHTML(facts: facts, context: context, style: style, issueRows: rows)
                .page()
        }
        let markdown: Data
        switch self.markdown {
        case let .template(template):
            markdown = Data(
                template.render(
                    ReportContext.markdownEscaped(context.readiness(facts)), library: library
                ).utf8)
        case let .direct(rows):
            markdown = ReadinessMarkdown(facts: facts, context: context, issueRows: rows)
                .document()
        }
        let base = "readiness/\(framework)"
        return [
            "\(base).html": html, "\(base).md": markdown,
            "\(base).csv": Data(context.readinessCSV(facts).text.utf8),
        ]
    }
}

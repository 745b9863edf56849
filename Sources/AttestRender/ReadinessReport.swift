import AttestCore
import Foundation

extension ReportRenderer {
    /// The files of one readiness report, keyed by their path under the output folder.
    public func readiness(
        _ model: ReportModel, framework: FrameworkID
    ) throws(RenderError) -> [String: Data] {
        let context = ReportContext(model: model, watermark: watermark, labels: labels)
            .readiness(framework)
        let html = try render("reports/readiness.html.mustache", context)
        let markdown = try render(
            "reports/readiness.md.mustache", ReportContext.markdownEscaped(context))
        let csv = ReportContext(model: model, watermark: watermark).readinessCSV(framework)
        let base = "readiness/\(framework)"
        return [
            "\(base).html": Data(html.utf8), "\(base).md": Data(markdown.utf8),
            "\(base).csv": Data(csv.text.utf8),
        ]
    }
}

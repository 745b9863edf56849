import AttestCore
import AttestRender
import Foundation

extension AuditPackage {
    /// Operating effectiveness over the period of observation (Type II): per control the days
    /// it operated effectively, failed or was not observed, and every failure interval, with the
    /// readiness report whose period view says "operated effectively on N of M days"
    /// (docs/audit.md, "Operating effectiveness over a period").
    ///
    /// - Returns: nil without a period.
    func periodView() throws -> AuditPackageSection? {
        guard let view = model.periodView(of: framework) else { return nil }
        let renderer = ReportRenderer(templates: templates, watermark: notice)
        var files = renderer.period(view)
        let readiness = try renderer.readiness(model, framework: framework)
        files["period/readiness.html"] = readiness["readiness/\(framework).html"]
        return AuditPackageSection(
            title: "Operating effectiveness over \(view.periodText)",
            summary: """
                Whether the controls behind \(framework) operated over the period of \
                observation \(view.periodText) (\(view.days) UTC days, both included), judged \
                from every run the store holds for it: a day takes the state of the latest run \
                started before it ended, a day without a run inherits the last known state, and \
                days before the first run are not observed. Each failure is an interval an \
                auditor can sample.
                """,
            listings: [
                .init(
                    path: "period/readiness.html",
                    about: "the readiness report with its period view (operated effectively on "
                        + "N of M days)"),
                .init(
                    path: "period/controls.csv",
                    about: "per control: days effective, failing and not observed"),
                .init(
                    path: "period/failures.csv",
                    about: "every failure interval: control, first and last day, days, the "
                        + "exceptions in force on one of its days"),
            ],
            files: files)
    }
}

import AttestCore
import AttestRender
import Foundation

extension AuditPackage {
    /// The exceptions register for the framework: the known deviations naming a control or
    /// evidence item behind its score, with their state at the package's time and the failing
    /// results each open one covers (docs/audit.md, "Exceptions register").
    func exceptions() -> AuditPackageSection {
        let entries = model.exceptions(of: framework)
        let csv = ReportRenderer(templates: templates, watermark: notice)
            .exceptionsCSV(model, of: framework)
        return AuditPackageSection(
            title: "Exceptions",
            summary: entries.isEmpty
                ? "No exception of the register names a control or evidence item of \(framework)."
                : """
                The known deviations (`exceptions:`) that name a control or evidence item \
                behind the score of \(framework): period, description, owner, management \
                response, remediation date, approver, expiry, their state (`open`, `expired`, \
                `outside-period`) and the failing results an open one covers (`covers`). An \
                exception never changes a score: a covered failure still scores 0.
                """,
            listings: [
                .init(path: "exceptions.csv", about: "the framework's exceptions register")
            ],
            files: ["exceptions.csv": csv])
    }

    /// The ISO/IEC 27001:2022 Statement of Applicability (clause 6.1.3 d), for an iso27001
    /// package only: the 93 Annex A controls, applicable or not, why, and their implementation
    /// status, as HTML and CSV in each of the workspace's locales.
    ///
    /// - Returns: nil for another framework.
    /// - Throws: `SoAError` or `RenderError` when the statement cannot be made.
    func statementOfApplicability() throws -> AuditPackageSection? {
        guard framework == StatementOfApplicability.framework else { return nil }
        let statement = try StatementOfApplicability(scores: scores, ceiling: Self.audience)
        let heading = SoAHeading(
            organisation: graph.manifest.organisation, asOf: build.time,
            source: runID.map { "run \($0)" } ?? "")
        let locales = graph.manifest.locales
        let files = try SoARenderer(templates: templates, labels: labels, watermark: notice)
            .files(statement, heading: heading, locales: locales)
        return AuditPackageSection(
            title: "Statement of Applicability",
            summary: """
                The Statement of Applicability ISO/IEC 27001:2022 clause 6.1.3 d) requires: \
                one row for each of the 93 Annex A controls, applicable or not, the \
                justification for including or excluding it, its implementation status from \
                the score, and the controls that implement it with their evidence.
                """,
            listings: locales.flatMap { locale in
                [
                    AuditPackageSection.Listing(
                        path: "soa/" + SoARenderer.fileName(locale: locale, extension: "html"),
                        about: "the statement (\(locale))"),
                    AuditPackageSection.Listing(
                        path: "soa/" + SoARenderer.fileName(locale: locale, extension: "csv"),
                        about: "the statement as a table (\(locale))"),
                ]
            },
            files: Dictionary(
                files.map { ("soa/" + $0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
    }
}

import AttestBundle
import AttestCatalog
import AttestCore
import AttestRender
import Foundation

/// Renders everything a build writes into a staging folder, then swaps it into place: a
/// failed build leaves the previous output intact.
struct BuildOutput {
    let session: WorkspaceSession
    let scores: Scores
    let center: PublicTrustCenter
    let build: BuildInfo
    /// The period the reports show (`reports.period`), nil for none.
    var period: PeriodReport? = nil

    func write(to destination: URL) throws {
        let templates = TemplateSet(workspaceRoot: session.root)
        let output = try OutputFolder(destination: destination)
        do {
            let labels = try Self.labels(templates, locales: center.locales)
            try SiteRenderer(templates: templates, labels: labels)
                .render(center, into: output, under: "site")
            let xml = try TrustCenterXMLWriter.document(center)
            guard let schema = TemplateSet.schemaURL else {
                throw RenderError(code: .missingTemplate, detail: "the bundled XSD is missing")
            }
            try TrustCenterXMLValidator(schemaURL: schema).validate(xml)
            try output.write(xml, to: "site/trust-center.xml")
            try output.write(
                try TrustCenterJSONWriter.document(center), to: "site/trust-center.json")

            let model = ReportModel(
                graph: session.graph, scores: scores, ceiling: .internal, build: build,
                period: period)
            // Reports are in English, whatever locales the site has.
            let english = try Self.labels(templates, locales: [LocalizedText.defaultLocale])
            let reports = ReportRenderer(
                templates: templates, labels: english[LocalizedText.defaultLocale] ?? [:])
            if let period {
                for (path, data) in reports.period(
                    PeriodView(
                        period,
                        exceptions: PeriodView.explaining(
                            session.graph.manifest.exceptions, in: session.graph))
                ).sorted(by: {
                    $0.key < $1.key
                }) {
                    try output.write(data, to: "audit/" + path)
                }
            }
            let frameworks = session.graph.scopedFrameworkIDs.sorted()
            for framework in frameworks {
                for (path, data) in try reports.readiness(model, framework: framework) {
                    try output.write(data, to: path)
                }
            }
            // Streamed into the staging folder: the matrix is never held whole.
            try reports.writeAudit(model, frameworks: frameworks, into: output)
            if session.graph.isScoped(StatementOfApplicability.framework) {
                let statement = try StatementOfApplicability(scores: scores, ceiling: .internal)
                let heading = SoAHeading(
                    organisation: session.manifest.organisation, asOf: build.time,
                    source: "build \(build.id)")
                let files = try SoARenderer(templates: templates, labels: labels).files(
                    statement, heading: heading, locales: center.locales)
                for (name, data) in files.sorted(by: { $0.key < $1.key }) {
                    try output.write(data, to: "audit/" + name)
                }
            }
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// UI labels per locale, from `templates/locales/<locale>.yaml` (`labels:` map); shared
    /// with `attest soa`.
    static func labels(
        _ templates: TemplateSet, locales: [String]
    ) throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for locale in locales {
            let bytes = try templates.data("locales/\(locale).yaml")
            switch YAMLDocument.parse([UInt8](bytes), display: "templates/locales/\(locale).yaml") {
            case let .failure(diagnostic):
                throw UnreadableInput(
                    description: "\(diagnostic.position?.description ?? ""): \(diagnostic.message)")
            case let .success(document):
                var reader = ConfigReader()
                let labels = document?["labels"].flatMap { reader.stringMap($0, "labels") } ?? [:]
                if let problem = reader.diagnostics.first {
                    throw UnreadableInput(
                        description: "\(problem.position?.description ?? ""): \(problem.message)")
                }
                result[locale] = labels
            }
        }
        return result
    }
}

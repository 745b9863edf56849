import AttestBundle
import AttestCatalog
import AttestCore
import AttestRender
import Foundation

/// Renders everything a build writes into a staging folder, then swaps it into place: a
/// failed build leaves the previous output intact.
///
/// The audit needs only the scores, so it is started (``StartedAudit``) before the run is
/// stored and written while the store writes; the rest (site, period, readiness, statement of
/// applicability) needs what the store reads back and is written after, beside the audit.
/// Every output is its own file, each written whole, so the output is the same bytes whatever
/// order the tasks finish in.
struct BuildOutput {
    let session: WorkspaceSession
    let scores: Scores
    let center: PublicTrustCenter
    let build: BuildInfo
    /// The period the reports show (`reports.period`), nil for none.
    var period: PeriodReport? = nil
    /// The public documents' files, by path inside the site folder (``DocumentLibrary``).
    var documentFiles: [(path: String, data: Data)] = []
    /// The public changes of the published builds, for `site/<locale>/feed.xml`.
    var feed: PublicChangeFeed? = nil

    /// Writes the rest of the output into the audit's staging folder, waits for the audit,
    /// and swaps the folder into place; on any error the staging folder is removed.
    func write(after audit: StartedAudit) async throws {
        let output = try audit.staging.get()
        do {
            let templates = audit.templates
            let labels = try Self.labels(templates, locales: center.locales)
            let model = ReportModel(
                graph: session.graph, scores: scores, ceiling: .internal, build: build,
                period: period)
            let reports = try Self.englishReports(templates)
            let frameworks = session.graph.scopedFrameworkIDs.sorted()
            // The statement of applicability is rendered on one thread, beside the rest.
            async let statement: Void = writeStatementOfApplicability(
                templates: templates, labels: labels, into: output)
            try writeSite(templates: templates, labels: labels, into: output)
            try writePeriod(reports, into: output)
            try await writeReadiness(reports, model: model, frameworks: frameworks, into: output)
            try await statement
            try await audit.finished()
            try output.commit()
        } catch {
            await audit.abandon()
            throw error
        }
    }

    /// The reports' renderer: reports are in English, whatever locales the site has.
    static func englishReports(_ templates: TemplateSet) throws -> ReportRenderer {
        let english = try labels(templates, locales: [LocalizedText.defaultLocale])
        return ReportRenderer(
            templates: templates, labels: english[LocalizedText.defaultLocale] ?? [:])
    }

    /// The public site with its XML and JSON documents, under `site/`.
    private func writeSite(
        templates: TemplateSet, labels: [String: [String: String]], into output: OutputFolder
    ) throws {
        try SiteRenderer(templates: templates, labels: labels)
            .render(
                center,
                presentation: SitePresentation(
                    content: session.trustCenter, manifest: session.graph.manifest),
                feed: feed, into: output, under: "site")
        for file in documentFiles {
            try output.write(file.data, to: "site/" + file.path)
        }
        let xml = try TrustCenterXMLWriter.document(center)
        guard let schema = TemplateSet.schemaURL else {
            throw RenderError(code: .missingTemplate, detail: "the bundled XSD is missing")
        }
        try TrustCenterXMLValidator(schemaURL: schema).validate(xml)
        try output.write(xml, to: "site/trust-center.xml")
        try output.write(try TrustCenterJSONWriter.document(center), to: "site/trust-center.json")
    }

    /// The period view for auditors (`audit/period/…`), when the workspace sets a period.
    private func writePeriod(_ reports: ReportRenderer, into output: OutputFolder) throws {
        guard let period else { return }
        let view = PeriodView(
            period,
            exceptions: PeriodView.explaining(session.graph.manifest.exceptions, in: session.graph))
        for (path, data) in reports.period(view).sorted(by: { $0.key < $1.key }) {
            try output.write(data, to: "audit/" + path)
        }
    }

    /// `readiness/<framework>.html`, `.md` and `.csv` for every framework in scope, rendered on
    /// all cores.
    private func writeReadiness(
        _ reports: ReportRenderer, model: ReportModel, frameworks: [FrameworkID],
        into output: OutputFolder
    ) async throws {
        let readiness = try ReadinessReports(reports, model: model, frameworks: frameworks)
        try await ParallelRendering.forEach(
            frameworks, render: { try readiness.files(of: $0) },
            take: { _, files in
                for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                    try output.write(data, to: path)
                }
            })
    }

    /// Parts of the audit reports: traceability matrix, exceptions register, evidence index.
    /// The statement of applicability (`audit/statement-of-applicability.<locale>.*`), when
    /// ISO/IEC 27001 is in scope.
    private func writeStatementOfApplicability(
        templates: TemplateSet, labels: [String: [String: String]], into output: OutputFolder
    ) throws {
        guard session.graph.isScoped(StatementOfApplicability.framework) else { return }
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

/// The audit of a build (its traceability matrix and evidence index), started in a new staging
/// folder as soon as the scores are known: it needs nothing the store reads back, so it
/// streams while the run is stored, on the core the store leaves idle (docs/benchmarks.md,
/// "The store's idle core").
///
/// Nothing here throws: the staging folder's error, or the audit's, is raised by
/// ``BuildOutput/write(after:)``, after the run is recorded, as every output error is.
struct StartedAudit {
    let templates: TemplateSet
    /// The staging folder every part of the output is written into.
    let staging: Result<OutputFolder, Error>
    private let parts: Task<Void, Error>?

    init(session: WorkspaceSession, scores: Scores, build: BuildInfo, destination: URL) {
        // One template set for the build: each template is read and parsed once.
        let templates = TemplateSet(workspaceRoot: session.root)
        self.templates = templates
        staging = Result { try OutputFolder(destination: destination) }
        guard case .success(let output) = staging else {
            parts = nil
            return
        }
        // The audit shows no period: its model needs only the scores.
        let model = ReportModel(
            graph: session.graph, scores: scores, ceiling: .internal, build: build)
        let frameworks = session.graph.scopedFrameworkIDs.sorted()
        parts = Task {
            let reports = try BuildOutput.englishReports(templates)
            // The two parts each stream on one thread.
            async let traceability: Void = reports.writeAudit(
                model, frameworks: frameworks, into: output, parts: [.traceability])
            async let evidenceIndex: Void = reports.writeAudit(
                model, frameworks: frameworks, into: output, parts: [.evidenceIndex])
            try await traceability
            try await evidenceIndex
        }
    }

    /// Waits for the audit; its error, if it failed.
    func finished() async throws {
        try await parts?.value
    }

    /// Stops the audit, waits for it, and removes the staging folder: the build failed.
    func abandon() async {
        parts?.cancel()
        _ = await parts?.result
        if case .success(let output) = staging { output.discard() }
    }
}

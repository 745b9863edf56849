import AttestCore
import Foundation

/// What one framework's readiness report shows, computed once and read by every format: the
/// HTML and Markdown writers, the CSV, and the Mustache context of a workspace's own template.
struct ReadinessFacts {
    let framework: FrameworkID
    let name: String
    let score: NodeScore
    /// Shown evidence of the shown controls behind the framework, in control then evidence order.
    let evidence: [ReportModel.EvidenceRow]
    /// Where `evidence` lies in the model's evidence rows: the runs of its controls, in order.
    let evidenceRuns: [Range<Int>]
    /// How many of `evidence` take their date from each source ("3 source · 1 git · …"),
    /// counted once for the HTML, the Markdown and a workspace template's context.
    let dateSources: String
    /// The rows of `evidence` whose concern is not `ok`.
    let issues: [ReportModel.EvidenceRow]
    let leaves: [ReportModel.LeafRow]
    let opportunities: [ReportModel.LeafRow]
    /// What the hidden controls carry, for a restricted report (a bundle's); nil otherwise.
    let withheld: ReportModel.WithheldShare?
    let exclusions: [Exclusion]
    /// The aggregation facts as sentences.
    let aggregation: [String]
    let domains: [ReportModel.DomainRow]
    let exceptions: [ExceptionRegister.Entry]
    let period: PeriodView?

    /// The facts of `framework`; `evidence` is every shown evidence row of the model
    /// (`model.evidenceRows(of: nil)`), shared by the frameworks of one build, and `runs` where
    /// each control's rows lie in it (`runs(of:)`).
    init(
        _ framework: FrameworkID, of model: ReportModel, evidence all: [ReportModel.EvidenceRow],
        runs: [ControlID: Range<Int>], sentence: (ReportModel.AggregationFact) -> String
    ) {
        let graph = model.graph
        self.framework = framework
        name = graph.frameworks[framework]?.name.english ?? framework.rawValue
        score = model.scores.score(of: .framework(framework))
        // The same rows as `model.evidenceRows(of: framework)`, without building them again.
        // Only the runs of the controls behind the framework are read, in the order of `all`:
        // filtering every row for every framework grew with frameworks × rows.
        evidenceRuns = model.scores.contributingControls(under: .framework(framework))
            .compactMap { runs[$0] }.sorted { $0.lowerBound < $1.lowerBound }
        evidence = evidenceRuns.flatMap { all[$0] }
        dateSources = ReportContext.dateSourceCounts(evidence)
        issues = evidence.filter { $0.concern != "ok" }
        leaves = model.leafRows(of: framework)
        opportunities = model.opportunities(among: leaves)
        withheld = model.ceiling < .internal ? model.withheldShare(of: framework) : nil
        exclusions = model.scores.exclusions(under: .framework(framework)).filter {
            $0.visibility <= model.ceiling
        }
        aggregation = model.aggregationFacts(of: framework).map(sentence)
        domains = model.domains(of: framework)
        exceptions = model.exceptions(of: framework)
        period = model.periodView(of: framework)
    }

    /// Where each control's rows lie in `rows`, which holds them together (as
    /// `ReportModel.evidenceRows(of:)` makes them).
    static func runs(of rows: [ReportModel.EvidenceRow]) -> [ControlID: Range<Int>] {
        var runs: [ControlID: Range<Int>] = [:]
        var start = 0
        while start < rows.count {
            let id = rows[start].control.id
            var end = start + 1
            while end < rows.count, rows[end].control.id == id { end += 1 }
            runs[id] = start..<end
            start = end
        }
        return runs
    }
}

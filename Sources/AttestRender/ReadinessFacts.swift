import AttestCore
import Foundation

/// What one framework's readiness report shows, computed once and read by every format: the
/// HTML and Markdown writers, the CSV, and the Mustache context of a workspace's own template.
struct ReadinessFacts {
    let framework: FrameworkID
    let name: String
    let score: NodeScore
    /// Every shown evidence row of the model, shared by the frameworks of one build.
    let shared: ReadinessEvidence
    /// Where the framework's evidence lies in `shared`: the runs of its controls, in order.
    let evidenceRuns: [Range<Int>]
    /// How many of the framework's evidence rows take their date from each source ("3 source
    /// · 1 git · …", rows not collected not counted), for every format of the report.
    let dateSources: String
    /// How many of the framework's evidence rows have a concern (are not `ok`).
    let issueCount: Int
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

    /// The facts of `framework`, its evidence read from `shared`.
    init(
        _ framework: FrameworkID, of model: ReportModel, evidence shared: ReadinessEvidence,
        sentence: (ReportModel.AggregationFact) -> String
    ) {
        let graph = model.graph
        self.framework = framework
        name = graph.frameworks[framework]?.name.english ?? framework.rawValue
        score = model.scores.score(of: .framework(framework))
        self.shared = shared
        // The same rows as `model.evidenceRows(of: framework)`, without building them again.
        // Only the runs of the controls behind the framework are read, in the order of the
        // shared rows: filtering every row for every framework grew with frameworks × rows.
        evidenceRuns = model.scores.contributingControls(under: .framework(framework))
            .compactMap { shared.runs[$0] }.sorted { $0.lowerBound < $1.lowerBound }
        let tally = shared.tally(evidenceRuns)
        dateSources = zip(DateSource.allCases, tally.dateSources)
            .map { "\($1) \($0.rawValue)" }.joined(separator: " · ")
        issueCount = tally.issues
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

    /// Shown evidence of the shown controls behind the framework, in control then evidence
    /// order (for a workspace's own template; the direct writers copy rows rendered once).
    var evidence: [ReportModel.EvidenceRow] { evidenceRuns.flatMap { shared.rows[$0] } }

    /// The rows of `evidence` whose concern is not `ok`.
    var issues: [ReportModel.EvidenceRow] { evidence.filter { $0.concern != "ok" } }
}

/// Every shown evidence row of a model, in control then evidence order, with what the readiness
/// reports count over any run of them: computed once per build, each framework's counts then
/// taken from its controls' runs instead of its rows.
struct ReadinessEvidence: Sendable {
    let rows: [ReportModel.EvidenceRow]
    /// Where each control's rows lie in `rows` (they are together).
    let runs: [ControlID: Range<Int>]
    /// Before each row (and after the last), `stride` counts: how many rows came before it
    /// with a concern, then with each date source (in `DateSource.allCases` order).
    private let before: [Int32]
    private static let stride = 1 + DateSource.allCases.count

    struct Tally: Sendable {
        var issues = 0
        var dateSources = [Int](repeating: 0, count: DateSource.allCases.count)
    }

    init(_ rows: [ReportModel.EvidenceRow]) {
        self.rows = rows
        var runs: [ControlID: Range<Int>] = [:]
        var start = 0
        while start < rows.count {
            let id = rows[start].control.id
            var end = start + 1
            while end < rows.count, rows[end].control.id == id { end += 1 }
            runs[id] = start..<end
            start = end
        }
        self.runs = runs
        var running = [Int32](repeating: 0, count: Self.stride)
        var before = running
        before.reserveCapacity((rows.count + 1) * Self.stride)
        for row in rows {
            if row.concern != "ok" { running[0] += 1 }
            if let source = row.score.result?.dateSource,
                let slot = DateSource.allCases.firstIndex(of: source)
            {
                running[1 + slot] += 1
            }
            before.append(contentsOf: running)
        }
        self.before = before
    }

    /// Which rows the reports of `frameworks` show: the runs of the controls behind them.
    func shown(by frameworks: Set<FrameworkID>, in model: ReportModel) -> [Bool] {
        var shown = [Bool](repeating: false, count: rows.count)
        for framework in frameworks {
            for id in model.scores.contributingControls(under: .framework(framework)) {
                for index in runs[id] ?? 0..<0 { shown[index] = true }
            }
        }
        return shown
    }

    /// The counts over the rows of `runs`.
    func tally(_ runs: [Range<Int>]) -> Tally {
        var total = Tally()
        for run in runs {
            let low = run.lowerBound * Self.stride
            let high = run.upperBound * Self.stride
            total.issues += Int(before[high] - before[low])
            for slot in total.dateSources.indices {
                total.dateSources[slot] += Int(before[high + 1 + slot] - before[low + 1 + slot])
            }
        }
        return total
    }
}

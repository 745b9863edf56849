import AttestCore
import Foundation

/// Writes the readiness report as the bundled `templates/reports/readiness.md.mustache`
/// renders it with every value Markdown-escaped (`ReportContext.markdownEscaped`), without
/// Mustache: the same bytes, a good deal faster. Every string interpolated into a piece of the
/// document is escaped as it is written (``MarkdownText``).
///
/// Used only while the workspace does not override that template; `ReadinessWriterTests`
/// holds it equal to the bundled template on a generated workspace.
struct ReadinessMarkdown {
    let facts: ReadinessFacts
    let context: ReportContext
    /// The "Evidence needing attention" rows of the model's evidence rows, rendered once for
    /// every framework (``ReadinessIssueRows``).
    let issueRows: MarkdownRows

    typealias C = ReportContext

    func document() -> Data {
        var out = MarkdownDocument(
            capacity: 2_048
                + 160 * (facts.leaves.count + facts.opportunities.count + facts.issueCount))
        let model = context.model
        if let watermark = context.watermark { out += "> **\(watermark)**\n\n" }
        out += "# \(facts.name) — readiness\n\n"
        out += "\(model.graph.manifest.organisation) · generated "
        out += "\(C.dateTime(model.build.time)) · build \(model.build.id)"
        out += " · Attest \(model.build.toolVersion)\n\n"
        let score = facts.score
        out += "| Readiness | Coverage | Inferred through mappings | Gaps | Excluded |\n"
        out += "| ---: | ---: | ---: | ---: | ---: |\n"
        out += "| \(C.percent(score.percent)) (\(C.number(score.numerator)) / "
        out += "\(C.number(score.denominator))) | \(C.percent(score.coveragePercent)) | "
        out += "\(C.percent(score.inferredPercent)) | \(score.gapCount) of "
        out += "\(score.leafCount) | \(score.excludedCount) |\n"
        if let withheld = facts.withheld {
            out += "\n\(withheld.sentence): the figures above count them, this report does "
            out += "not show them.\n"
        }
        if !facts.aggregation.isEmpty {
            out += "\n## \(context.words["report_aggregation_title"])\n\n"
            out += "\(context.words["report_aggregation_intro"])\n\n"
            for sentence in facts.aggregation { out += "- \(sentence)\n" }
        }
        out += "\n"
        if model.period != nil, let view = facts.period { period(view, &out) }
        out += "\n## Domains\n\n| Domain | Title | Readiness | Coverage | Gaps |\n"
        out += "| --- | --- | ---: | ---: | ---: |\n"
        for domain in facts.domains {
            out += "| \(domain.key.requirement.rawValue) | \(domain.title.english) | "
            out += "\(C.percent(domain.score.percent)) | "
            out += "\(C.percent(domain.score.coveragePercent)) | \(domain.score.gapCount) |\n"
        }
        out += "\n## Gaps and shortfalls by impact\n\n"
        if facts.opportunities.isEmpty {
            out += "Every requirement in scope is complete.\n"
        } else {
            out += "| Requirement | Title | Impact | Score | Basis | Controls |\n"
            out += "| --- | --- | ---: | ---: | --- | --- |\n"
            for row in facts.opportunities {
                out += "| \(row.leaf.key.requirement.rawValue) | \(row.title.english) | "
                out += "\(C.number(row.impact)) | "
                out += "\(C.percent(NodeScore.percent(row.leaf.score))) | \(row.basis) | "
                for control in row.controls {
                    out += "\(control.id.rawValue) (\(control.owner ?? "")) "
                }
                out += " |\n"
            }
        }
        out += "\n## Evidence needing attention\n\n"
        out += "Evidence dates: \(facts.dateSources)\n\n"
        if facts.issueCount == 0 {
            out += "No failing, stale, missing, expiring or undated evidence.\n"
        } else {
            out += "| Concern | Evidence | Control | Owner | Observed | Date source | Expires | "
            out += "Message |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n"
            for run in facts.evidenceRuns { out.append(issueRows.slice(run)) }
        }
        out += "\n## Exclusions\n\n"
        for exclusion in facts.exclusions {
            out += "- **\(exclusion.requirement.key.requirement.rawValue)**: "
            out += "\(exclusion.justification.english)\n"
        }
        if facts.exclusions.isEmpty { out += "No requirement is excluded.\n" }
        if !facts.exceptions.isEmpty {
            out += "\n## Exceptions\n\n"
            for entry in facts.exceptions {
                let fields = context.exceptionFields(entry)
                func text(_ key: String) -> String { fields[key] as? String ?? "" }
                out += "- **\(text("id"))** (\(text("control")) \(text("evidence")), "
                out += "\(text("state")), \(text("from")) to \(text("to"))): "
                out += "\(text("description")) Owner \(text("owner")); approved by "
                out += "\(text("approvedBy")); expires \(text("expires")). Management response: "
                out += "\(text("managementResponse")) Remediation by \(text("remediationDate")).\n"
            }
        }
        return out.data
    }

    private func period(_ view: PeriodView, _ out: inout MarkdownDocument) {
        let figure = view.frameworks.first { $0.node == facts.framework.rawValue }
        let failures = view.failures
        func count(_ number: Int, _ noun: String) -> String {
            "\(number) \(noun)\(number == 1 ? "" : "s")"
        }
        out += "## Operating effectiveness, \(view.first) to \(view.last)\n\n"
        out += "\(view.days) UTC days, both included · \(count(view.runs, "run")) on "
        out += "\(count(view.daysWithRun, "day")) · "
        out += "\(count(view.collectionGaps.reduce(0) { $0 + $1.days }, "day")) without a run "
        out += "inherit the last state · \(count(view.unobservedDays, "day")) before the first "
        out += "run not observed.\n"
        if let figure {
            out += "\nMean daily readiness: **\(C.percent(figure.periodPercent))** over "
            out += "\(count(figure.observedDays, "observed day")) "
            out += "(lowest \(C.percent(figure.lowestPercent))).\n"
        }
        out +=
            "\n| Control | Title | Operated effectively | Share | Failing days | Not observed |\n"
        out += "| --- | --- | --- | ---: | ---: | ---: |\n"
        for row in view.controls {
            out += "| \(row.control) | \(row.title) | \(view.sentence(row)) | "
            out += "\(C.percent(row.effectivePercent)) | \(row.failingDays) | "
            out += "\(row.notObservedDays) |\n"
        }
        out += "\n"
        if failures.isEmpty {
            out += "No control failed on any day of the period.\n"
        } else {
            out += "| Control | First day | Last day | Days | Lowest score | Notes |\n"
            out += "| --- | --- | --- | ---: | ---: | --- |\n"
            for failure in failures {
                out += "| \(failure.control) | \(failure.first) | \(failure.last) | "
                out +=
                    "\(failure.days) | \(C.percent(NodeScore.percent(failure.lowestScore))) | "
                out += "\(failure.notes.joined(separator: ", ")) |\n"
            }
        }
    }
}

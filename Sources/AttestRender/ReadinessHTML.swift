import AttestCore
import Foundation

/// Writes the readiness report as the bundled `templates/reports/readiness.html.mustache`
/// renders it, without Mustache: the same bytes, a good deal faster on a framework of
/// thousands of rows (docs/benchmarks.md, "Readiness and site").
///
/// Used only while the workspace overrides neither that template nor
/// `reports/report-style.mustache`; a workspace's own template renders through Mustache as
/// before. `ReadinessWriterTests` holds this writer equal to the bundled template on a
/// generated workspace, so an edit of the template without this writer fails a test.
struct ReadinessHTML {
    let facts: ReadinessFacts
    let context: ReportContext
    /// The text of the bundled `reports/report-style.mustache` (plain CSS, no tags).
    let style: String
    /// The "Evidence needing attention" rows of the model's evidence rows, rendered once for
    /// every framework (``ReadinessIssueRows``).
    let issueRows: MarkupRows

    typealias C = ReportContext

    func page() -> Data {
        var w = MarkupWriter()
        w.reserve(
            4_096 + 512 * (facts.leaves.count + facts.opportunities.count + facts.issueCount))
        let model = context.model
        let organisation = model.graph.manifest.organisation
        let watermark = context.watermark
        w.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        w.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        w.text(facts.name)
        w.raw(" readiness — ")
        w.text(organisation)
        w.raw("</title>\n<style>\n")
        w.raw(style)
        w.raw("</style>\n</head>\n<body>\n")
        if let watermark {
            w.raw("<div class=\"watermark\" role=\"note\">")
            w.text(watermark)
            w.raw("</div>")
        }
        w.raw("\n<header>\n  <p class=\"eyebrow\">")
        w.text(organisation)
        w.raw(" · readiness report · ")
        w.raw(watermark == nil ? "internal" : "confidential")
        w.raw("</p>\n  <h1>")
        w.text(facts.name)
        w.raw("</h1>\n  <p class=\"meta\">Generated ")
        w.text(C.dateTime(model.build.time))
        w.raw(" · build ")
        w.text(model.build.id)
        w.raw(" · Attest ")
        w.text(model.build.toolVersion)
        w.raw("</p>\n</header>\n<main>\n  <section aria-labelledby=\"summary\">\n")
        w.raw("    <h2 id=\"summary\">Summary</h2>\n")
        summary(&w)
        w.raw("    ")
        if let withheld = facts.withheld {
            w.raw("<p class=\"meta\">")
            w.text(withheld.sentence)
            w.raw(": the figures above count them, this report does not show them.</p>")
        }
        w.raw("\n  </section>\n")
        if !facts.aggregation.isEmpty {
            w.raw("  <section aria-labelledby=\"aggregation\">\n    <h2 id=\"aggregation\">")
            w.text(context.words["report_aggregation_title"])
            w.raw("</h2>\n    <p class=\"meta\">")
            w.text(context.words["report_aggregation_intro"])
            w.raw("</p>\n    <ul>\n      ")
            for sentence in facts.aggregation {
                w.raw("<li>")
                w.text(sentence)
                w.raw("</li>\n")
            }
            w.raw("    </ul>\n  </section>\n")
        }
        if model.period != nil, let view = facts.period { period(view, &w) }
        domains(&w)
        opportunities(&w)
        issues(&w)
        exclusions(&w)
        exceptions(&w)
        leaves(&w)
        w.raw("</main>\n")
        if let watermark {
            w.raw("<footer class=\"watermark-footer\">")
            w.text(watermark)
            w.raw("</footer>")
        }
        w.raw("\n</body>\n</html>\n")
        return Data(w.output)
    }

    private func summary(_ w: inout MarkupWriter) {
        let score = facts.score
        w.raw("    <div class=\"cards\">\n      <div class=\"card\"><span class=\"big\">")
        w.text(C.percent(score.percent))
        w.raw("</span><span>readiness (")
        w.text(C.number(score.numerator))
        w.raw(" / ")
        w.text(C.number(score.denominator))
        w.raw(")</span></div>\n      <div class=\"card\"><span class=\"big\">")
        w.text(C.percent(score.coveragePercent))
        w.raw(
            "</span><span>coverage: requirements with a control of their own</span></div>\n"
                + "      <div class=\"card\"><span class=\"big\">")
        w.text(C.percent(score.inferredPercent))
        w.raw("</span><span>of the score inferred through mappings (")
        w.raw(String(score.inheritedCount))
        w.raw(" requirements)</span></div>\n      <div class=\"card\"><span class=\"big\">")
        w.raw(String(score.gapCount))
        w.raw("</span><span>gaps of ")
        w.raw(String(score.leafCount))
        w.raw(" requirements · ")
        w.raw(String(score.excludedCount))
        w.raw(" excluded</span></div>\n    </div>\n")
    }

    private func period(_ view: PeriodView, _ w: inout MarkupWriter) {
        let figure = view.frameworks.first { $0.node == facts.framework.rawValue }
        let failures = view.failures
        func count(_ number: Int, _ noun: String) -> String {
            "\(number) \(noun)\(number == 1 ? "" : "s")"
        }
        let days = String(view.days)
        w.raw(
            "  <section aria-labelledby=\"period\">\n    <h2 id=\"period\">Operating effectiveness, "
        )
        w.text(view.first)
        w.raw(" to ")
        w.text(view.last)
        w.raw("</h2>\n    <p>")
        w.raw(days)
        w.raw(" UTC days, both included · ")
        w.text(count(view.runs, "run"))
        w.raw(" on ")
        w.text(count(view.daysWithRun, "day"))
        w.raw(" · ")
        w.text(count(view.collectionGaps.reduce(0) { $0 + $1.days }, "day"))
        w.raw(" without a run inherit the last state · ")
        w.text(count(view.unobservedDays, "day"))
        w.raw(
            " before the first run not observed. A control operated effectively on a day when "
                + "its latest result that day, or the last one before it, scored 1.</p>\n    ")
        if let figure {
            w.raw("<div class=\"cards\"><div class=\"card\"><span class=\"big\">")
            w.text(C.percent(figure.periodPercent))
            w.raw("</span><span>mean daily readiness over ")
            w.text(count(figure.observedDays, "observed day"))
            w.raw(" · lowest ")
            w.text(C.percent(figure.lowestPercent))
            w.raw("</span></div></div>")
        }
        w.raw(
            "\n    <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Controls "
                + "over the period, scrolls sideways\"><table>\n      <thead><tr><th scope=\"col\">"
                + "Control</th><th scope=\"col\">Title</th><th scope=\"col\" class=\"num\">Operated "
                + "effectively on</th><th scope=\"col\" class=\"num\">Share</th><th scope=\"col\" "
                + "class=\"num\">Failing days</th><th scope=\"col\" class=\"num\">Not observed</th>"
                + "</tr></thead>\n      <tbody>\n      ")
        for row in view.controls {
            w.raw("<tr><td>")
            w.text(row.control)
            w.raw("</td><td>")
            w.text(row.title)
            w.raw("</td><td class=\"num\">")
            w.raw(String(row.effectiveDays))
            w.raw(" of ")
            w.raw(days)
            w.raw(" days</td><td class=\"num\">")
            w.text(C.percent(row.effectivePercent))
            w.raw("</td><td class=\"num\">")
            w.raw(String(row.failingDays))
            w.raw("</td><td class=\"num\">")
            w.raw(String(row.notObservedDays))
            w.raw("</td></tr>\n")
        }
        w.raw("      </tbody>\n    </table></div>\n    ")
        if view.hiddenControls > 0 {
            w.raw("<p class=\"meta\">")
            w.raw(String(view.hiddenControls))
            w.raw(" controls behind this framework are not shown in this report.</p>")
        }
        w.raw("\n    <h3>Failure intervals</h3>\n")
        if failures.isEmpty {
            w.raw("    <p>No control failed on any day of the period.</p>\n")
        } else {
            w.raw(
                "    <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\""
                    + "Failure intervals, scrolls sideways\"><table>\n      <thead><tr><th scope=\""
                    + "col\">Control</th><th scope=\"col\">First day</th><th scope=\"col\">Last day"
                    + "</th><th scope=\"col\" class=\"num\">Days</th><th scope=\"col\" class=\"num\">"
                    + "Lowest score</th><th scope=\"col\">Notes</th></tr></thead>\n      <tbody>\n"
                    + "      ")
            for failure in failures {
                w.raw("<tr><td>")
                w.text(failure.control)
                w.raw("</td><td>")
                w.text(failure.first)
                w.raw("</td><td>")
                w.text(failure.last)
                w.raw("</td><td class=\"num\">")
                w.raw(String(failure.days))
                w.raw("</td><td class=\"num\">")
                w.text(C.percent(NodeScore.percent(failure.lowestScore)))
                w.raw("</td><td>")
                w.text(failure.notes.joined(separator: ", "))
                w.raw("</td></tr>\n")
            }
            w.raw("      </tbody>\n    </table></div>\n    \n")
        }
        w.raw("  </section>\n")
    }

    private static let tableOpen =
        "    <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table, scrolls "
        + "sideways\"><table>\n"

    private func domains(_ w: inout MarkupWriter) {
        w.raw("  <section aria-labelledby=\"domains\">\n    <h2 id=\"domains\">Domains</h2>\n")
        w.raw(Self.tableOpen)
        w.raw(
            "      <thead><tr><th scope=\"col\">Domain</th><th scope=\"col\">Title</th><th scope=\""
                + "col\" class=\"num\">Readiness</th><th scope=\"col\" class=\"num\">Coverage</th>"
                + "<th scope=\"col\" class=\"num\">Gaps</th><th scope=\"col\" class=\"num\">Excluded"
                + "</th></tr></thead>\n      <tbody>\n      ")
        for domain in facts.domains {
            w.raw("<tr><td>")
            w.text(domain.key.requirement.rawValue)
            w.raw("</td><td>")
            w.text(domain.title.english)
            w.raw("</td><td class=\"num\">")
            w.text(C.percent(domain.score.percent))
            w.raw("</td><td class=\"num\">")
            w.text(C.percent(domain.score.coveragePercent))
            w.raw("</td><td class=\"num\">")
            w.raw(String(domain.score.gapCount))
            w.raw("</td><td class=\"num\">")
            w.raw(String(domain.score.excludedCount))
            w.raw("</td></tr>\n")
        }
        w.raw("      </tbody>\n    </table></div>\n  </section>\n")
    }

    private func opportunities(_ w: inout MarkupWriter) {
        w.raw(
            "  <section aria-labelledby=\"opportunities\">\n    <h2 id=\"opportunities\">Gaps and "
                + "shortfalls by impact</h2>\n    <p>Impact is weight × (1 − score): what the "
                + "framework gains when the requirement is complete.</p>\n")
        if facts.opportunities.isEmpty {
            w.raw("    <p>Every requirement in scope is complete.</p>\n  </section>\n")
            return
        }
        w.raw(Self.tableOpen)
        w.raw(
            "      <thead><tr><th scope=\"col\">Requirement</th><th scope=\"col\">Title</th><th "
                + "scope=\"col\" class=\"num\">Impact</th><th scope=\"col\" class=\"num\">Score</th>"
                + "<th scope=\"col\">Basis</th><th scope=\"col\">Controls (owner)</th></tr></thead>"
                + "\n      <tbody>\n      ")
        for row in facts.opportunities {
            w.raw("<tr><td>")
            w.text(row.leaf.key.requirement.rawValue)
            w.raw("</td><td>")
            w.text(row.title.english)
            w.raw("</td><td class=\"num\">")
            w.text(C.number(row.impact))
            w.raw("</td><td class=\"num\">")
            w.text(C.percent(NodeScore.percent(row.leaf.score)))
            w.raw("</td><td>")
            w.text(row.basis)
            w.raw("</td><td>")
            for control in row.controls {
                w.text(control.id.rawValue)
                w.raw(" (")
                w.text(control.owner ?? "")
                w.raw(") ")
            }
            hidden(row, &w)
            w.raw("</td></tr>\n")
        }
        w.raw("      </tbody>\n    </table></div>\n    \n  </section>\n")
    }

    private func hidden(_ row: ReportModel.LeafRow, _ w: inout MarkupWriter) {
        guard row.hiddenControls > 0 else { return }
        w.raw("+")
        w.raw(String(row.hiddenControls))
        w.raw(" not shown")
    }

    private func issues(_ w: inout MarkupWriter) {
        w.raw(
            "  <section aria-labelledby=\"evidence\">\n    <h2 id=\"evidence\">Evidence needing "
                + "attention</h2>\n    <p class=\"meta\">Evidence dates: ")
        w.text(facts.dateSources)
        w.raw("</p>\n")
        if facts.issueCount == 0 {
            w.raw(
                "    <p>No failing, stale, missing, expiring or undated evidence.</p>\n"
                    + "  </section>\n")
            return
        }
        w.raw(Self.tableOpen)
        w.raw(
            "      <thead><tr><th scope=\"col\">Concern</th><th scope=\"col\">Evidence</th><th "
                + "scope=\"col\">Control</th><th scope=\"col\">Owner</th><th scope=\"col\">Observed"
                + "</th><th scope=\"col\">Date source</th><th scope=\"col\">Expires</th><th scope=\""
                + "col\">Message</th></tr></thead>\n      <tbody>\n      ")
        for run in facts.evidenceRuns { w.raw(issueRows.slice(run)) }
        w.raw("      </tbody>\n    </table></div>\n    \n  </section>\n")
    }

    private func exclusions(_ w: inout MarkupWriter) {
        w.raw(
            "  <section aria-labelledby=\"exclusions\">\n    <h2 id=\"exclusions\">Exclusions</h2>\n"
        )
        if facts.exclusions.isEmpty {
            w.raw("    <p>No requirement is excluded.</p>\n  </section>\n")
            return
        }
        w.raw(Self.tableOpen)
        w.raw(
            "      <thead><tr><th scope=\"col\">Requirement</th><th scope=\"col\">Justification"
                + "</th></tr></thead>\n      <tbody>\n      ")
        for exclusion in facts.exclusions {
            w.raw("<tr><td>")
            w.text(exclusion.requirement.key.requirement.rawValue)
            w.raw("</td><td>")
            w.text(exclusion.justification.english)
            w.raw("</td></tr>\n")
        }
        w.raw("      </tbody>\n    </table></div>\n    \n  </section>\n")
    }

    private func exceptions(_ w: inout MarkupWriter) {
        guard !facts.exceptions.isEmpty else { return }
        w.raw(
            "  <section aria-labelledby=\"exceptions\">\n    <h2 id=\"exceptions\">Exceptions</h2>\n"
                + "    <p class=\"meta\">Known deviations, approved and time-boxed. They do not "
                + "change the score.</p>\n")
        w.raw(Self.tableOpen)
        w.raw(
            "      <thead><tr><th scope=\"col\">Exception</th><th scope=\"col\">Control / evidence"
                + "</th><th scope=\"col\">State</th><th scope=\"col\">Period</th><th scope=\"col\">"
                + "Description</th><th scope=\"col\">Owner</th><th scope=\"col\">Management "
                + "response</th><th scope=\"col\">Remediation by</th><th scope=\"col\">Approved by"
                + "</th><th scope=\"col\">Expires</th><th scope=\"col\">Covers</th></tr></thead>\n"
                + "      <tbody>\n      ")
        for entry in facts.exceptions {
            let fields = context.exceptionFields(entry)
            func text(_ key: String) { w.text(fields[key] as? String ?? "") }
            w.raw("<tr class=\"")
            if entry.state == .expired { w.raw("concern-error") }
            w.raw("\"><td>")
            text("id")
            w.raw("</td><td>")
            text("control")
            w.raw(" ")
            text("evidence")
            w.raw("</td><td>")
            text("state")
            w.raw("</td><td>")
            text("from")
            w.raw(" – ")
            text("to")
            w.raw("</td><td>")
            text("description")
            w.raw("</td><td>")
            text("owner")
            w.raw("</td><td>")
            text("managementResponse")
            w.raw("</td><td>")
            text("remediationDate")
            w.raw("</td><td>")
            text("approvedBy")
            w.raw("</td><td>")
            text("expires")
            w.raw("</td><td>")
            text("covers")
            w.raw("</td></tr>\n")
        }
        w.raw("      </tbody>\n    </table></div>\n  </section>\n")
    }

    private func leaves(_ w: inout MarkupWriter) {
        w.raw(
            "  <section aria-labelledby=\"explain\">\n    <h2 id=\"explain\">How the score is computed</h2>\n"
        )
        w.raw(Self.tableOpen)
        w.raw(
            "      <thead><tr><th scope=\"col\">Requirement</th><th scope=\"col\">Title</th><th "
                + "scope=\"col\" class=\"num\">Weight</th><th scope=\"col\" class=\"num\">Score</th>"
                + "<th scope=\"col\">Basis</th><th scope=\"col\">Controls</th></tr></thead>\n"
                + "      <tbody>\n      ")
        let scores = context.model.scores
        for row in facts.leaves {
            w.raw("<tr><td>")
            w.text(row.leaf.key.requirement.rawValue)
            w.raw("</td><td>")
            w.text(row.title.english)
            w.raw("</td><td class=\"num\">")
            w.text(C.number(row.leaf.weight))
            w.raw("</td><td class=\"num\">")
            w.text(C.percent(NodeScore.percent(row.leaf.score)))
            w.raw("</td><td>")
            w.text(row.basis)
            w.raw("</td><td>")
            for control in row.controls {
                w.text(control.id.rawValue)
                w.raw(" ")
                w.text(C.percent(NodeScore.percent(scores.controls[control.id]?.score ?? 0)))
                w.raw(" ")
            }
            hidden(row, &w)
            w.raw("</td></tr>\n")
        }
        w.raw("      </tbody>\n    </table></div>\n  </section>\n")
    }
}

/// A growing page of markup, as bytes: literal markup as is, every value escaped as the HTML
/// templates escape it (`IsolatingHTML`: HTML entities, bidi isolation, characters XML forbids
/// dropped).
struct MarkupWriter {
    private var bytes = RowBytes()

    /// The markup written so far, UTF-8: the UTF-8 of strings, escaped only with ASCII.
    var output: [UInt8] { bytes.bytes }

    mutating func reserve(_ count: Int) { bytes.bytes.reserveCapacity(count) }

    mutating func raw(_ markup: String) { bytes.bytes.append(contentsOf: markup.utf8) }

    /// Rows written ahead through another writer (``MarkupRows``).
    mutating func raw(_ rows: MarkupRows.Slice) {
        for piece in rows.pieces { bytes.bytes.append(contentsOf: piece) }
    }

    /// Appends `value` escaped (`HTMLText.escape`, which `RowBytes.appendHTML` writes).
    mutating func text(_ value: String) { bytes.appendHTML(value) }

    /// Empties the writer, keeping its capacity.
    mutating func removeAll() { bytes.bytes.removeAll(keepingCapacity: true) }
}

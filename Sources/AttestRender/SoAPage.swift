import AttestCore
import Foundation

/// The view model of `reports/soa.html.mustache`: every text already in the page's locale.
struct SoAPage {
    struct Evidence {
        var id: String
        var status: String
        /// The hash's first 12 characters and an ellipsis: a page column cannot hold 64 without
        /// breaking them; the CSV and the traceability matrix give it whole.
        var sha256: String
        var sha256Full: String
        var hasHash: Bool
    }

    struct Control {
        var id: String
        var title: String
        var score: String
        var evidence: [Evidence]
        var hasEvidence: Bool
    }

    struct Row {
        var id: String
        var title: String
        var applicable: String
        var justification: [String]
        var status: String
        var statusCode: String
        var score: String
        var controls: [Control]
        var hasControls: Bool
        var withheld: String
        /// One sentence per open exception on an implementing control.
        var exceptions: [String]
        var hasExceptions: Bool
    }

    struct Theme {
        var id: String
        var anchor: String
        var title: String
        var rows: [Row]
    }

    struct Count {
        var label: String
        var value: Int
    }

    var lang: String
    var title: String
    var eyebrow: String
    var meta: String
    var intro: String
    var riskNote: String
    var statusRule: String
    var counts: [Count]
    var summaryLabel: String
    var themesLabel: String
    var colControl: String
    var colApplicable: String
    var colJustification: String
    var colStatus: String
    var colControls: String
    var colEvidence: String
    var noEvidence: String
    var tableLabel: String
    var themes: [Theme]
    var hasWatermark: Bool
    var watermark: String

    init(
        _ statement: StatementOfApplicability, heading: SoAHeading, words: Words,
        watermark: String?
    ) {
        let locale = words.locale
        let format = words.format
        lang = locale
        title = words["soa_title"]
        eyebrow = words.fill("soa_eyebrow", ["organisation": heading.organisation])
        meta = words.fill(
            "soa_meta",
            [
                "date": format.dateTime(Timestamp.format(heading.asOf)),
                "source": heading.source,
            ])
        intro = words["soa_intro"]
        riskNote = words["soa_risk_note"]
        statusRule = words["soa_status_rule"]
        summaryLabel = words["soa_summary"]
        themesLabel = words["soa_themes"]
        counts =
            [
                Count(
                    label: words["soa_applicable_count"],
                    value: statement.rows.count(where: \.isApplicable))
            ]
            + StatementOfApplicability.Status.allCases.map {
                Count(label: words.status($0), value: statement.count($0))
            }
        colControl = words["soa_col_control"]
        colApplicable = words["soa_col_applicable"]
        colJustification = words["soa_col_justification"]
        colStatus = words["soa_col_status"]
        colControls = words["soa_col_controls"]
        colEvidence = words["soa_col_evidence"]
        noEvidence = words["soa_no_evidence"]
        tableLabel = words["soa_table_scrolls"]
        themes = statement.themes.map { theme in
            Theme(
                id: theme.key.requirement.rawValue,
                anchor: "theme-"
                    + theme.key.requirement.rawValue.replacingOccurrences(
                        of: ".", with: "-"),
                title: theme.title.text(for: locale),
                rows: statement.rows.filter { $0.theme == theme.key }.map { row in
                    Row(
                        id: row.key.requirement.rawValue, title: row.title.text(for: locale),
                        applicable: words[row.isApplicable ? "soa_yes" : "soa_no"],
                        justification: words.justification(row, locale: locale),
                        status: words.status(row.status), statusCode: row.status.rawValue,
                        score: row.score.map { format.percent(NodeScore.percent($0)) } ?? "—",
                        controls: row.implementers.map { control in
                            Control(
                                id: control.id.rawValue, title: control.title.text(for: locale),
                                score: format.percent(NodeScore.percent(control.score)),
                                evidence: control.evidence.map {
                                    Evidence(
                                        id: $0.id.rawValue, status: $0.status.name,
                                        sha256: ($0.sha256?.prefix(12)).map { $0 + "…" } ?? "",
                                        sha256Full: $0.sha256 ?? "", hasHash: $0.sha256 != nil)
                                },
                                hasEvidence: !control.evidence.isEmpty)
                        },
                        hasControls: !row.implementers.isEmpty,
                        withheld: row.withheld > 0
                            ? words.fill("soa_withheld", ["count": "\(row.withheld)"]) : "",
                        exceptions: row.exceptions.map(words.exception),
                        hasExceptions: !row.exceptions.isEmpty)
                })
        }
        hasWatermark = watermark != nil
        self.watermark = watermark ?? ""
    }
}

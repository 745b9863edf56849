import AttestCore
import Foundation

/// The Mustache context and the CSV table of the readiness reports.
extension ReportContext {
    /// The Mustache context of a readiness report, for a workspace's own template: every key
    /// the bundled template reads, and the evidence fields a template may add.
    func readiness(_ facts: ReadinessFacts) -> [String: Any] {
        let exclusions = facts.exclusions
        return header.merging([
            "framework": facts.framework.rawValue,
            "frameworkName": facts.name,
            "aggregationTitle": words["report_aggregation_title"],
            "aggregationIntro": words["report_aggregation_intro"],
            "aggregation": facts.aggregation,
            "hasAggregation": !facts.aggregation.isEmpty,
            "score": scoreFields(facts.score),
            "domains": facts.domains.map { domain in
                ["id": domain.key.requirement.rawValue, "title": domain.title.english]
                    .merging(scoreFields(domain.score)) { $1 }
            },
            "opportunities": facts.opportunities.map(leafFields),
            "hasOpportunities": !facts.opportunities.isEmpty,
            "issues": facts.issues.map(evidenceFields),
            "hasIssues": !facts.issues.isEmpty,
            "dateSources": facts.dateSources,
            "exclusions": exclusions.map {
                [
                    "requirement": $0.requirement.key.requirement.rawValue,
                    "justification": $0.justification.english,
                ]
            },
            "hasExclusions": !exclusions.isEmpty,
            "exceptions": facts.exceptions.map(exceptionFields),
            "hasExceptions": !facts.exceptions.isEmpty,
            "withheld": facts.withheld?.sentence ?? "",
            "hasWithheld": facts.withheld != nil,
            "leaves": facts.leaves.map(leafFields),
            "hasPeriod": model.period != nil,
            "period": facts.period.map { periodFields($0, facts.framework) } ?? [String: Any](),
        ]) { $1 }
    }

    /// The readiness report's period view ("operated effectively on N of M days").
    private func periodFields(_ view: PeriodView, _ framework: FrameworkID) -> [String: Any] {
        let figure = view.frameworks.first { $0.node == framework.rawValue }
        let failures = view.failures
        func count(_ number: Int, _ noun: String) -> String {
            "\(number) \(noun)\(number == 1 ? "" : "s")"
        }
        return [
            "first": view.first, "last": view.last, "days": view.days,
            "runs": count(view.runs, "run"), "daysWithRun": count(view.daysWithRun, "day"),
            "unobservedDays": count(view.unobservedDays, "day"),
            "inheritedDays": count(view.collectionGaps.reduce(0) { $0 + $1.days }, "day"),
            "observedText": count(figure?.observedDays ?? 0, "observed day"),
            "hasFigure": figure != nil,
            "percent": figure.map { Self.percent($0.periodPercent) } ?? "",
            "lowest": figure.map { Self.percent($0.lowestPercent) } ?? "",
            "observedDays": figure?.observedDays ?? 0,
            "domains": view.domains.map {
                [
                    "id": String($0.node.dropFirst(framework.rawValue.count + 1)),
                    "percent": Self.percent($0.periodPercent),
                    "lowest": Self.percent($0.lowestPercent), "observedDays": $0.observedDays,
                ]
            },
            "hasDomains": !view.domains.isEmpty,
            "controls": view.controls.map { row -> [String: Any] in
                [
                    "control": row.control, "title": row.title,
                    "sentence": view.sentence(row),
                    "effectiveDays": row.effectiveDays,
                    "percent": Self.percent(row.effectivePercent),
                    "failingDays": row.failingDays, "notObservedDays": row.notObservedDays,
                    "intervals": row.failures.count,
                    "isEffective": row.failingDays == 0 && row.notObservedDays == 0,
                ]
            },
            "failures": failures.map {
                [
                    "control": $0.control, "first": $0.first, "last": $0.last, "days": $0.days,
                    "notes": $0.notes.joined(separator: ", "),
                    "lowest": Self.percent(NodeScore.percent($0.lowestScore)),
                ]
            },
            "hasFailures": !failures.isEmpty,
            "hiddenControls": view.hiddenControls,
            "hasHiddenControls": view.hiddenControls > 0,
        ]
    }

    private func leafFields(_ row: ReportModel.LeafRow) -> [String: Any] {
        [
            "id": row.leaf.key.requirement.rawValue,
            "title": row.title.english,
            "weight": Self.number(row.leaf.weight),
            "score": Self.percent(NodeScore.percent(row.leaf.score)),
            "impact": Self.number(row.impact),
            "basis": row.basis,
            "controls": row.controls.map { control in
                [
                    "id": control.id.rawValue, "title": control.title.english,
                    "owner": control.owner ?? "",
                    "score": Self.percent(
                        NodeScore.percent(model.scores.controls[control.id]?.score ?? 0)),
                ]
            },
            "hiddenControls": row.hiddenControls,
            "hasHiddenControls": row.hiddenControls > 0,
        ]
    }

    func readinessCSV(_ facts: ReadinessFacts) -> CSVTable {
        CSVTable(
            header: ["requirement", "title", "weight", "score", "impact", "basis", "controls"],
            rows: facts.leaves.map { row in
                [
                    row.leaf.key.requirement.rawValue, row.title.english,
                    Self.number(row.leaf.weight),
                    Self.number(row.leaf.score), Self.number(row.impact), row.basis,
                    row.controls.map(\.id.rawValue).joined(separator: " "),
                ]
            },
            notice: watermark)
    }

    /// Escapes Markdown's special characters in every string of a context, so workspace text
    /// cannot inject links, HTML or table breaks into the Markdown report.
    static func markdownEscaped(_ context: [String: Any]) -> [String: Any] {
        context.mapValues(escape)
    }

    /// Whether Markdown gives `byte` a meaning: \\ ` * _ { } [ ] ( ) # + - . ! | < > &.
    static func isMarkdownSpecial(_ byte: UInt8) -> Bool {
        // ! # & ( ) * + - . < >, and [ \ ] _ ` { | }.
        ASCIIByteSet(low: 0x5000_6F4A_0000_0000, high: 0x3800_0001_B800_0000).contains(byte)
    }

    /// Whether `byte` changes when written into Markdown: a special character or a line feed.
    static func isMarkdownSpecialOrLineFeed(_ byte: UInt8) -> Bool {
        byte == 0x0A || isMarkdownSpecial(byte)
    }

    /// `text` with a backslash before each character Markdown gives a meaning to, and line
    /// breaks as spaces (a table row stays one line).
    static func markdown(_ text: String) -> String {
        // Works on UTF-8 bytes: every special character is ASCII, and UTF-8 never uses
        // ASCII byte values inside a multi-byte character.
        guard text.utf8.contains(where: isMarkdownSpecialOrLineFeed) else { return text }
        var bytes = RowBytes(capacity: text.utf8.count + 8)
        bytes.appendMarkdown(text)
        return String(decoding: bytes.bytes, as: UTF8.self)
    }

    private static func escape(_ value: Any) -> Any {
        switch value {
        case let text as String: return markdown(text)
        case let dictionary as [String: Any]: return dictionary.mapValues(escape)
        case let array as [[String: Any]]: return array.map { $0.mapValues(escape) }
        case let array as [Any]: return array.map(escape)
        default: return value
        }
    }
}

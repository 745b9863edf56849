import AttestCore
import Foundation

/// Builds the Mustache contexts and CSV tables of the reports from a `ReportModel`.
struct ReportContext {
    let model: ReportModel
    let watermark: String?
    /// The English labels of `templates/locales/en.yaml` (`report_*`); a missing one falls back
    /// to ``defaultLabels``.
    var labels: [String: String] = [:]

    /// The `report_*` labels as `templates/locales/en.yaml` ships them, so a renderer given no
    /// labels (a bundle's) still writes whole sentences.
    static let defaultLabels: [String: String] = [
        "report_aggregation_title": "Key controls and internal targets",
        "report_aggregation_intro":
            "A key control caps the requirements it supports; an internal target stricter "
            + "than a requirement does not lower it while a control meets it (docs/scoring.md).",
        "report_key_cap": "{requirement}: capped at {percent} by key control {control}",
        "report_key_cap_withheld": "{requirement}: capped at {percent} by a withheld key control",
        "report_through": "{requirement} (through {source})",
        "report_missed_target":
            "internal target missed: {control} (exceeds {requirement}); the requirement is met "
            + "by {controls}",
        "report_withheld_control": "a withheld control",
        "report_withheld_controls": "{count} withheld control(s)",
    ]

    private var words: Words {
        Words(locale: "en", labels: Self.defaultLabels.merging(labels) { $1 })
    }

    /// The sentence of one aggregation fact, naming no control the ceiling hides.
    func sentence(_ fact: ReportModel.AggregationFact) -> String {
        let words = self.words
        switch fact {
        case let .keyCap(requirement, source, score, control):
            var name = requirement.requirement.rawValue
            if let source {
                name = words.fill(
                    "report_through", ["requirement": name, "source": source.description])
            }
            let percent = words.format.percent(NodeScore.percent(score))
            guard let control else {
                return words.fill(
                    "report_key_cap_withheld", ["requirement": name, "percent": percent])
            }
            return words.fill(
                "report_key_cap",
                ["requirement": name, "percent": percent, "control": control.rawValue])
        case let .missedTarget(requirement, control, metBy, withheld):
            var controls = metBy.map(\.rawValue)
            if withheld > 0 {
                controls.append(words.fill("report_withheld_controls", ["count": "\(withheld)"]))
            }
            return words.fill(
                "report_missed_target",
                [
                    "control": control?.rawValue ?? words["report_withheld_control"],
                    "requirement": requirement.requirement.rawValue,
                    "controls": controls.joined(separator: ", "),
                ])
        }
    }

    static func percent(_ value: Double) -> String { oneDecimal(value) + "%" }
    static func oneDecimal(_ value: Double) -> String { String(format: "%.1f", value) }
    /// Numerators, denominators and scores, printed as `score --explain` prints them.
    static func number(_ value: Double) -> String { NodeScore.figure(value) }
    static func date(_ date: Date?) -> String {
        guard let date else { return "" }
        return Timestamp.formatDay(date)
    }
    static func dateTime(_ date: Date) -> String { Timestamp.format(date) }

    var header: [String: Any] {
        [
            "organisation": model.graph.manifest.organisation,
            "generatedAt": Self.dateTime(model.build.time),
            "buildID": model.build.id,
            "toolVersion": model.build.toolVersion,
            "revision": model.build.revision ?? "",
            "hasRevision": model.build.revision != nil,
            "ciURL": model.build.ciURL ?? "",
            "hasCIURL": model.build.ciURL != nil,
            "watermark": watermark as Any,
            "hasWatermark": watermark != nil,
            "ceiling": model.ceiling.rawValue,
        ]
    }

    func scoreFields(_ score: NodeScore) -> [String: Any] {
        [
            "percent": Self.percent(score.percent),
            "numerator": Self.number(score.numerator),
            "denominator": Self.number(score.denominator),
            "coverage": Self.percent(score.coveragePercent),
            "inferred": Self.percent(score.inferredPercent),
            "leaves": score.leafCount, "gaps": score.gapCount, "excluded": score.excludedCount,
            "inheritedCount": score.inheritedCount,
        ]
    }

    private func evidenceFields(_ row: ReportModel.EvidenceRow) -> [String: Any] {
        let result = row.score.result
        return [
            "control": row.control.id.rawValue,
            "controlTitle": row.control.title.english,
            "owner": row.control.owner ?? "",
            "evidence": row.spec.id.rawValue,
            "collector": row.spec.collector.rawValue,
            "path": row.spec.path ?? "",
            "status": row.score.status.name,
            "score": Self.number(row.score.score),
            "concern": row.concern,
            "observed": result.map { Self.dateTime($0.observedAt) } ?? "",
            // Where the observation date came from: source, git, live or assumed.
            "dateSource": result?.dateSource.rawValue ?? "",
            "target": result?.target ?? row.spec.path ?? "",
            "signer": result?.signer ?? "",
            "revision": model.build.revision ?? "",
            "expires": Self.date(result?.expiresAt),
            "sha256": result?.sha256 ?? "",
            "message": result?.message ?? "not collected",
            "visibility": row.spec.visibility.rawValue,
            "isCovered": row.exception != nil,
            "exception": row.exception?.id.rawValue ?? "",
            "coverage": row.exception.map(Self.coverage) ?? "",
            "managementResponse": row.exception?.managementResponse.english ?? "",
            "remediationDate": row.exception?.remediationDate ?? "",
        ]
    }

    /// "covered by exception EX-7: <response> (remediation by 2027-03-31)".
    static func coverage(_ exception: Exception) -> String {
        "covered by exception \(exception.id): \(exception.managementResponse.english) "
            + "(remediation by \(exception.remediationDate))"
    }

    /// One exception as reports show it, with its state at the build time.
    func exceptionFields(_ entry: ExceptionRegister.Entry) -> [String: Any] {
        let exception = entry.exception
        // What this exception covers: shown failing results it names that no earlier open
        // exception took.
        let covered = entry.failing.filter { item in
            (model.graph.evidence[item.evidence].map(model.isShown) ?? false)
                && model.exceptions.exception(covering: item.evidence)?.id == exception.id
        }
        var state = entry.state.rawValue
        if entry.isPastRemediation, !entry.failing.isEmpty { state += ", remediation past" }
        return [
            "id": exception.id.rawValue,
            "control": exception.control?.id.rawValue ?? "",
            "evidence": exception.evidence?.id.rawValue ?? "",
            "state": state,
            "isExpired": entry.state == .expired,
            "from": exception.from, "to": exception.to,
            "description": exception.description.english,
            "owner": exception.owner,
            "managementResponse": exception.managementResponse.english,
            "remediationDate": exception.remediationDate,
            "approvedBy": exception.approvedBy.rawValue,
            "expires": exception.expires,
            "visibility": exception.visibility.rawValue,
            "covers": covered.map { "\($0.evidence) (\($0.status.name))" }
                .joined(separator: ", "),
        ]
    }

    /// The register as CSV, one row per shown exception in id order: what the auditor package
    /// and `audit/exceptions.csv` hold.
    func exceptionsCSV(_ entries: [ExceptionRegister.Entry]) -> CSVTable {
        let columns = [
            "id", "control", "evidence", "state", "from", "to", "description", "owner",
            "managementResponse", "remediationDate", "approvedBy", "expires", "visibility",
            "covers",
        ]
        return CSVTable(
            header: columns,
            rows: entries.map { entry in
                let fields = exceptionFields(entry)
                return columns.map { (fields[$0] as? String) ?? "" }
            },
            notice: watermark)
    }

    func readiness(_ framework: FrameworkID) -> [String: Any] {
        let graph = model.graph
        let score = model.scores.score(of: .framework(framework))
        let name = graph.frameworks[framework]?.name.english ?? framework.rawValue
        let rows = model.evidenceRows(of: framework)
        let issues = rows.filter { $0.concern != "ok" }
        let leaves = model.leafRows(of: framework)
        let opportunities = model.opportunities(among: leaves)
        // A restricted report (a bundle's) says what the controls it hides carry.
        let withheld = model.ceiling < .internal ? model.withheldShare(of: framework) : nil
        let exclusions = model.scores.exclusions(under: .framework(framework)).filter {
            $0.visibility <= model.ceiling
        }
        let aggregation = model.aggregationFacts(of: framework).map(sentence)
        return header.merging([
            "framework": framework.rawValue,
            "frameworkName": name,
            "aggregationTitle": words["report_aggregation_title"],
            "aggregationIntro": words["report_aggregation_intro"],
            "aggregation": aggregation,
            "hasAggregation": !aggregation.isEmpty,
            "score": scoreFields(score),
            "domains": model.domains(of: framework).map { domain in
                ["id": domain.key.requirement.rawValue, "title": domain.title.english]
                    .merging(scoreFields(domain.score)) { $1 }
            },
            "opportunities": opportunities.map(leafFields),
            "hasOpportunities": !opportunities.isEmpty,
            "issues": issues.map(evidenceFields),
            "hasIssues": !issues.isEmpty,
            "dateSources": Self.dateSourceCounts(rows),
            "exclusions": exclusions.map {
                [
                    "requirement": $0.requirement.key.requirement.rawValue,
                    "justification": $0.justification.english,
                ]
            },
            "hasExclusions": !exclusions.isEmpty,
            "exceptions": model.exceptions(of: framework).map(exceptionFields),
            "hasExceptions": !model.exceptions(of: framework).isEmpty,
            "withheld": withheld?.sentence ?? "",
            "hasWithheld": withheld != nil,
            "leaves": leaves.map(leafFields),
            "hasPeriod": model.period != nil,
            "period": model.periodView(of: framework).map { periodFields($0, framework) }
                ?? [String: Any](),
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

    /// `12 source · 3 git · 1 live · 0 assumed` over `rows` (uncollected rows not counted).
    static func dateSourceCounts(_ rows: [ReportModel.EvidenceRow]) -> String {
        let counts = Dictionary(grouping: rows.compactMap(\.score.result), by: \.dateSource)
            .mapValues(\.count)
        return DateSource.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }
            .joined(separator: " · ")
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

    func readinessCSV(_ framework: FrameworkID) -> CSVTable {
        CSVTable(
            header: ["requirement", "title", "weight", "score", "impact", "basis", "controls"],
            rows: model.leafRows(of: framework).map { row in
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

    /// ASCII bytes Markdown gives a meaning to, indexed by byte value.
    private static let markdownSpecial: [Bool] = (0..<256).map { byte in
        "\\`*_{}[]()#+-.!|<>&".utf8.contains(UInt8(byte))
    }

    private static func escape(_ value: Any) -> Any {
        switch value {
        case let text as String:
            // Works on UTF-8 bytes: every special character is ASCII, and UTF-8 never uses
            // ASCII byte values inside a multi-byte character.
            guard text.utf8.contains(where: { markdownSpecial[Int($0)] || $0 == 0x0A }) else {
                return text
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count + 8)
            for byte in text.utf8 {
                if markdownSpecial[Int(byte)] { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte == 0x0A ? UInt8(ascii: " ") : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        case let dictionary as [String: Any]: return dictionary.mapValues(escape)
        case let array as [[String: Any]]: return array.map { $0.mapValues(escape) }
        case let array as [Any]: return array.map(escape)
        default: return value
        }
    }
}

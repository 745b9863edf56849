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

    var words: Words {
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
    /// `value` as `%.1f` prints it.
    ///
    /// The figures printed are percentages already rounded to one decimal, whose shortest
    /// spelling (`"95.3"`) is `%.1f`'s text: below 10^14 a double is within 1/32 of the decimal
    /// it spells, so rounding it to one decimal gives that decimal again. Only other values
    /// pay for `String(format:)`, which cost a twentieth of the render phase of a large build.
    static func oneDecimal(_ value: Double) -> String {
        guard value.magnitude < 1e14 else { return String(format: "%.1f", value) }
        var text = value.description
        let isOneDecimal = text.withUTF8 { bytes in
            // `-`?, digits, `.`, one digit.
            let start = bytes.first == UInt8(ascii: "-") ? 1 : 0
            guard bytes.count >= start + 3, bytes[bytes.count - 2] == UInt8(ascii: ".") else {
                return false
            }
            return bytes[start...].enumerated().allSatisfy { offset, byte in
                offset == bytes.count - start - 2 || (0x30...0x39).contains(byte)
            }
        }
        return isOneDecimal ? text : String(format: "%.1f", value)
    }
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

    func evidenceFields(_ row: ReportModel.EvidenceRow) -> [String: Any] {
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
}

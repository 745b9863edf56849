import AttestCore
import Foundation

/// `attest score --explain NODE`: the numerator and denominator of a percentage, each leaf
/// with its weight, score and basis, the evidence behind each control, and the exclusions.
struct Explanation {
    let scores: Scores
    let node: ScoreNode

    init(scores: Scores, node: ScoreNode) throws {
        let graph = scores.graph
        switch node {
        case let .framework(id):
            guard graph.isScoped(id) else {
                throw UnreadableInput(description: "'\(id)' is not a framework in scope")
            }
        case let .requirement(key):
            guard graph.nodes[key] != nil else {
                throw UnreadableInput(description: "'\(key)' names no requirement of the workspace")
            }
        }
        self.scores = scores
        self.node = node
    }

    struct Report: Encodable {
        struct EvidenceLine: Encodable {
            var id: String
            var weight: Double
            var status: String
            var score: Double
            var observed: String?
            /// Where `observed` came from: source, git, live or assumed.
            var dateSource: String?
            var expires: String?
            var expiring: Bool
            var sha256: String?
            var message: String

            enum CodingKeys: String, CodingKey {
                case id, weight, status, score, observed, expires, expiring, sha256, message
                case dateSource = "date_source"
            }
        }
        /// A control behind a leaf; a `not_applicable` one has its reason and no score.
        struct ControlLine: Encodable {
            var id: String
            var title: String
            var score: Double?
            var notApplicable: String?
            /// Whether it is a key control of the leaf (or of the source it is listed under).
            var key: Bool = false
            /// `meets` or `exceeds`.
            var level: String = EnforcementLevel.meets.rawValue
            var evidence: [EvidenceLine]

            enum CodingKeys: String, CodingKey {
                case id, title, score, evidence, key, level
                case notApplicable = "not_applicable"
            }
        }
        /// How one requirement combined its controls (`RequirementScore`): the leaf's own, or
        /// each source's for an inherited leaf.
        struct Rule: Encodable {
            var requirement: String
            var aggregate: String
            var aggregated: Double
            var cappedBy: String?
            var score: Double
            var missedTargets: [String]
            var exceedsCountAsMeets: Bool

            enum CodingKeys: String, CodingKey {
                case requirement, aggregate, aggregated, score
                case cappedBy = "capped_by"
                case missedTargets = "missed_targets"
                case exceedsCountAsMeets = "exceeds_count_as_meets"
            }
        }
        struct Leaf: Encodable {
            var id: String
            var title: String
            var weight: Double
            var score: Double
            var basis: String
            var inheritedFrom: [String]
            var rules: [Rule]
            var controls: [ControlLine]
        }
        struct Excluded: Encodable {
            var id: String
            var justification: String
        }
        var node: String
        /// Percentages are 0–100 with one decimal, as `score --format json` gives them; leaf
        /// and control `score`s are fractions 0–1.
        var readinessPercent: Double
        var numerator: Double
        var denominator: Double
        var coveragePercent: Double
        var inferredPercent: Double
        var leaves: [Leaf]
        var excluded: [Excluded]

        enum CodingKeys: String, CodingKey {
            case node, numerator, denominator, leaves, excluded
            case readinessPercent = "readiness_percent"
            case coveragePercent = "coverage_percent"
            case inferredPercent = "inferred_percent"
        }
    }

    var report: Report {
        let graph = scores.graph
        let score = scores.score(of: node)
        func date(_ value: Date?) -> String? { value.map(Timestamp.format) }
        func controlLine(_ id: ControlID) -> Report.ControlLine {
            let control = scores.controls[id]
            if let reason = graph.controls[id]?.notApplicable {
                return .init(
                    id: id.rawValue, title: graph.controls[id]?.title.english ?? "", score: nil,
                    notApplicable: reason, evidence: [])
            }
            return .init(
                id: id.rawValue, title: graph.controls[id]?.title.english ?? "",
                score: control?.score ?? 0, notApplicable: nil,
                evidence: (control?.evidence ?? []).map { item in
                    .init(
                        id: item.evidence.rawValue, weight: item.weight, status: item.status.name,
                        score: item.score,
                        observed: date(item.result?.observedAt),
                        dateSource: item.result?.dateSource.rawValue,
                        expires: date(item.result?.expiresAt),
                        expiring: item.isExpiring, sha256: item.result?.sha256,
                        message: item.result?.message ?? "not collected")
                })
        }
        let leaves = scores.leaves(under: node).map { leaf -> Report.Leaf in
            var basis = "gap"
            var inherited: [String] = []
            // Its own controls (not-applicable ones with their reason), then those it inherits.
            var ids = graph.controlsByRequirement[leaf.key] ?? []
            switch leaf.basis {
            case .direct: basis = "direct"
            case let .inherited(sources):
                basis = "inherited"
                inherited = sources.map(\.description)
                for id in sources.flatMap({ graph.controlsByRequirement[$0] ?? [] })
                where !ids.contains(id) {
                    ids.append(id)
                }
            case .gap: break
            }
            let controls = ids.map { id in
                var line = controlLine(id)
                let owner = leaf.rules.first {
                    $0.counted.contains(id) || $0.exceeding.contains(id)
                }
                if let reference = graph.reference(
                    from: id, to: owner?.requirement ?? leaf.key)
                {
                    line.key = reference.isKey
                    line.level = reference.level.rawValue
                }
                return line
            }
            let rules = leaf.rules.map { rule in
                Report.Rule(
                    requirement: rule.requirement.description, aggregate: rule.aggregate.rawValue,
                    aggregated: rule.aggregated, cappedBy: rule.cap?.control.rawValue,
                    score: rule.score, missedTargets: rule.missedTargets.map(\.rawValue),
                    exceedsCountAsMeets: rule.exceedsCountAsMeets)
            }
            return .init(
                id: leaf.key.description,
                title: graph.nodes[leaf.key]?.requirement.title.english ?? "",
                weight: leaf.weight, score: leaf.score, basis: basis, inheritedFrom: inherited,
                rules: rules, controls: controls)
        }
        return Report(
            node: node.description, readinessPercent: score.percent, numerator: score.numerator,
            denominator: score.denominator, coveragePercent: score.coveragePercent,
            inferredPercent: score.inferredPercent, leaves: leaves,
            excluded: scores.exclusions(under: node).map {
                .init(id: $0.requirement.key.description, justification: $0.justification.english)
            })
    }

    func text(format: ScoreCommand.Format) throws -> String {
        let report = report
        if format == .json { return try JSONOutput.encode(report) }
        let number = NodeScore.figure
        var lines = [
            "\(report.node): \(ScoreSummary.percent(report.readinessPercent)) = \(number(report.numerator)) / \(number(report.denominator))"
                + "  (Σ weight × score / Σ weight over \(report.leaves.count) in-scope leaves)",
            "coverage \(ScoreSummary.percent(report.coveragePercent)), inferred through mappings \(ScoreSummary.percent(report.inferredPercent))",
            "",
        ]
        for leaf in report.leaves {
            let source =
                leaf.basis == "inherited"
                ? "inherited from " + leaf.inheritedFrom.joined(separator: ", ") : leaf.basis
            let aggregates = Set(leaf.rules.map(\.aggregate)).sorted().joined(separator: "/")
            let rule = aggregates.isEmpty ? "" : ", aggregate \(aggregates)"
            lines.append(
                "  \(leaf.id)  weight \(number(leaf.weight)) × score \(number(leaf.score))  [\(source)\(rule)]  \(leaf.title)"
            )
            lines += Self.ruleLines(leaf.rules, inherited: leaf.basis == "inherited")
            for control in leaf.controls {
                guard let score = control.score else {
                    lines.append(
                        "      \(control.id) not applicable: \(control.notApplicable ?? "")  \(control.title)"
                    )
                    continue
                }
                let marks =
                    (control.key ? " key" : "")
                    + (control.level == EnforcementLevel.exceeds.rawValue ? " exceeds" : "")
                lines.append("      \(control.id) \(number(score))\(marks)  \(control.title)")
                for evidence in control.evidence {
                    var detail =
                        "        - \(evidence.id) (weight \(number(evidence.weight))): \(evidence.status)"
                    if let observed = evidence.observed {
                        detail += ", observed \(observed)"
                        if let source = evidence.dateSource { detail += " (\(source))" }
                    }
                    if let expires = evidence.expires {
                        detail += ", expires \(expires)\(evidence.expiring ? " (expiring)" : "")"
                    }
                    if let hash = evidence.sha256 { detail += ", sha256 \(hash.prefix(12))…" }
                    lines.append(detail + " — \(evidence.message)")
                }
            }
        }
        if !report.excluded.isEmpty {
            lines.append("")
            lines.append("excluded (left out of the denominator):")
            for item in report.excluded { lines.append("  \(item.id): \(item.justification)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The `--explain` lines of a leaf's rules: key caps, internal targets missed, and
    /// `exceeds` controls counted for want of a `meets` one.
    static func ruleLines(_ rules: [Report.Rule], inherited: Bool) -> [String] {
        let number = NodeScore.figure
        var lines: [String] = []
        for rule in rules {
            let source = inherited ? "\(rule.requirement): " : ""
            if let control = rule.cappedBy {
                lines.append(
                    "      \(source)capped at \(number(rule.score)) by key control \(control) "
                        + "(aggregate \(rule.aggregate) gives \(number(rule.aggregated)))")
            }
            for control in rule.missedTargets {
                lines.append(
                    "      \(source)internal target missed: \(control) (exceeds; left out, a "
                        + "meets control proves the requirement)")
            }
            if rule.exceedsCountAsMeets {
                lines.append(
                    "      \(source)only exceeds controls: they count as meets (nothing weaker "
                        + "proves the requirement)")
            }
        }
        return lines
    }
}

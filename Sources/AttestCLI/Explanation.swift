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
            var evidence: [EvidenceLine]

            enum CodingKeys: String, CodingKey {
                case id, title, score, evidence
                case notApplicable = "not_applicable"
            }
        }
        struct Leaf: Encodable {
            var id: String
            var title: String
            var weight: Double
            var score: Double
            var basis: String
            var inheritedFrom: [String]
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
            let controls = ids.map(controlLine)
            return .init(
                id: leaf.key.description,
                title: graph.nodes[leaf.key]?.requirement.title.english ?? "",
                weight: leaf.weight, score: leaf.score, basis: basis, inheritedFrom: inherited,
                controls: controls)
        }
        return Report(
            node: node.description, readinessPercent: score.percent, numerator: score.numerator,
            denominator: score.denominator, coveragePercent: score.coveragePercent,
            inferredPercent: score.inferredPercent, leaves: leaves,
            excluded: scores.exclusions(under: node).map {
                .init(id: $0.requirement.key.description, justification: $0.justification)
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
            lines.append(
                "  \(leaf.id)  weight \(number(leaf.weight)) × score \(number(leaf.score))  [\(source)]  \(leaf.title)"
            )
            for control in leaf.controls {
                guard let score = control.score else {
                    lines.append(
                        "      \(control.id) not applicable: \(control.notApplicable ?? "")  \(control.title)"
                    )
                    continue
                }
                lines.append("      \(control.id) \(number(score))  \(control.title)")
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
}

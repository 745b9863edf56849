import AttestCore
import AttestRender
import Foundation

extension AuditPackage {
    /// How each requirement's score was made from its controls: the aggregate (`mean`, `min`,
    /// `all`), the controls counted with their scores, the key controls and the one that caps
    /// the score, the `exceeds` controls left out and the internal targets missed
    /// (`RequirementScore`, docs/scoring.md), so an auditor can recompute every figure.
    func scoringRules() -> AuditPackageSection {
        let table = CSVTable(
            header: [
                "framework", "requirement", "weight", "score", "basis", "rule_requirement",
                "aggregate", "counted", "key_controls", "key_cap", "exceeding",
                "missed_targets", "aggregated", "rule_score",
            ],
            rows: scores.leaves(under: .framework(framework)).flatMap(ruleRows), notice: notice)
        return AuditPackageSection(
            title: "Scoring rules",
            summary: """
                How each requirement's score comes from its controls (docs/scoring.md): the \
                `aggregate` of the controls `counted` (`mean`, `min` or `all`; each as \
                `control@score`), the `key_controls`, the key control that caps the score \
                (`key_cap`), the stricter `exceeding` controls left out while a control meets \
                the requirement and those of them below 1 (`missed_targets`, internal targets \
                missed, which do not lower the requirement). A requirement with no control of \
                its own (`inherited`) has one row per requirement it inherits from \
                (`rule_requirement`) and scores their mean; a `gap` scores 0. The framework's \
                figure is the weighted mean of `score` by `weight`.
                """,
            listings: [
                .init(path: "scoring-rules.csv", about: "per requirement, how its score was made")
            ],
            files: ["scoring-rules.csv": Data(table.text.utf8)])
    }

    /// The rows of one requirement: one per rule, or one for a gap.
    private func ruleRows(_ leaf: LeafScore) -> [[String]] {
        let basis =
            switch leaf.basis {
            case .direct: "direct"
            case .inherited: "inherited"
            case .gap: "gap"
            }
        let head = [
            framework.rawValue, leaf.key.requirement.rawValue, NodeScore.figure(leaf.weight),
            NodeScore.figure(leaf.score), basis,
        ]
        guard !leaf.rules.isEmpty else { return [head + Array(repeating: "", count: 9)] }
        return leaf.rules.map { rule in
            let scored = rule.counted + rule.exceeding
            let keys = scored.filter {
                graph.reference(from: $0, to: rule.requirement)?.isKey == true
            }
            return head + [
                rule.requirement.description, rule.aggregate.rawValue,
                scoredList(rule.counted), scoredList(keys.sorted()),
                rule.cap.map { "\($0.control)@\(NodeScore.figure($0.score))" } ?? "",
                scoredList(rule.exceeding), scoredList(rule.missedTargets),
                NodeScore.figure(rule.aggregated), NodeScore.figure(rule.score),
            ]
        }
    }

    /// `C-1@1 C-2@0.5`: controls with the scores the run gave them.
    private func scoredList(_ controls: [ControlID]) -> String {
        controls.map { "\($0)@\(NodeScore.figure(scores.controls[$0]?.score ?? 0))" }
            .joined(separator: " ")
    }
}

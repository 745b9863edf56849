import AttestCore
import AttestStore
import Foundation

extension Scores {
    /// Framework and domain scores to store: every scoped framework, and every requirement of
    /// it that has in-scope leaves below it and is not itself a leaf.
    var storedNodeScores: [NodeScore] {
        graph.scopedFrameworkIDs.sorted().flatMap { framework -> [NodeScore] in
            let domains = (graph.catalogOrder[framework] ?? []).compactMap { key -> NodeScore? in
                guard let node = graph.nodes[key], !node.children.isEmpty else { return nil }
                let score = score(of: .requirement(key))
                return score.leafCount > 0 ? score : nil
            }
            return [score(of: .framework(framework))] + domains
        }
    }

    /// Every control with its English title, visibility and score.
    var controlSnapshots: [ControlSnapshot] {
        graph.controlIDs.compactMap { id in
            guard let control = graph.controls[id] else { return nil }
            return ControlSnapshot(
                id: id, title: control.title.english, visibility: control.visibility,
                score: controls[id]?.score ?? 0)
        }
    }

    /// Every exclusion of a scoped framework, with its English justification and visibility.
    var exclusionSnapshots: [ExclusionSnapshot] {
        graph.exclusions.values.filter { graph.isScoped($0.requirement.key.framework) }
            .sorted { $0.requirement.key < $1.requirement.key }
            .map {
                ExclusionSnapshot(
                    requirement: $0.requirement.key, justification: $0.justification.english,
                    visibility: $0.visibility)
            }
    }
}

import AttestCore
import AttestStore
import Foundation

/// The measured scoring operation and the run assembled from it.
public enum ScoringWorkload {
    /// What `attest collect` computes once the results are in: `Scores(...)` from the run's
    /// results as collected (an array, in the graph's evidence order), then the score of every
    /// scoped framework and of every domain (the rows a run stores).
    public static func score(_ fixture: ScoringFixture) -> (scores: Scores, nodes: [NodeScore]) {
        let scores = Scores(
            graph: fixture.graph, results: fixture.results, now: fixture.now,
            expiringWithin: fixture.expiringWithin)
        return (scores, storedNodeScores(scores))
    }

    /// A copy of `Scores.storedNodeScores` (AttestCLI/RunRecording.swift; the CLI module is not a
    /// product): every scoped framework, and every requirement of it that has in-scope leaves
    /// below it and is not itself a leaf.
    public static func storedNodeScores(_ scores: Scores) -> [NodeScore] {
        let graph = scores.graph
        return graph.scopedFrameworkIDs.sorted().flatMap { framework -> [NodeScore] in
            let domains = (graph.catalogOrder[framework] ?? []).compactMap { key -> NodeScore? in
                guard let node = graph.nodes[key], !node.children.isEmpty else { return nil }
                let score = scores.score(of: .requirement(key))
                return score.leafCount > 0 ? score : nil
            }
            return [scores.score(of: .framework(framework))] + domains
        }
    }

    /// A copy of `Scores.controlSnapshots` (AttestCLI/RunRecording.swift).
    public static func controlSnapshots(_ scores: Scores) -> [ControlSnapshot] {
        let graph = scores.graph
        return graph.controlIDs.compactMap { id in
            guard let control = graph.controls[id] else { return nil }
            return ControlSnapshot(
                id: id, title: control.title.english, visibility: control.visibility,
                score: scores.controls[id]?.score ?? 0)
        }
    }

    /// The run `attest collect` would record for the fixture (as in CollectCommand.swift).
    public static func run(_ fixture: ScoringFixture) -> RunRecord {
        let (scores, nodes) = score(fixture)
        return RunRecord(
            kind: "collect", state: .collected, startedAt: fixture.now,
            finishedAt: fixture.now.addingTimeInterval(42.125), toolVersion: "0.1.0-bench",
            workspaceFingerprint: String(repeating: "5eed", count: 16), results: fixture.results,
            scores: nodes, controls: controlSnapshots(scores))
    }
}

import AttestCatalog
import AttestCore
import AttestStore
import Foundation

/// Writes a history of daily runs of a workspace into a store, with failure intervals, days
/// without a run and a day with two runs, so the period view has something to show.
///
/// The runs are `collect` runs (`collected`), scored with `Scores` as `attest collect` scores
/// them: each run stores its control scores and its framework and domain scores.
public struct HistoryGenerator: Sendable {
    /// Days a control fails, counted from the first day of the history.
    public struct Failure: Hashable, Sendable {
        public var control: ControlID
        public var firstOffset: Int
        public var days: Int

        public init(control: ControlID, firstOffset: Int, days: Int) {
            self.control = control
            self.firstOffset = firstOffset
            self.days = days
        }

        func covers(_ offset: Int) -> Bool {
            offset >= firstOffset && offset < firstOffset + days
        }
    }

    public var graph: ControlGraph
    /// Every evidence item as it stands when nothing fails.
    public var base: [EvidenceID: EvidenceResult]
    public var expiringWithin: TimeSpan

    public init(
        graph: ControlGraph, base: [EvidenceID: EvidenceResult], expiringWithin: TimeSpan
    ) {
        self.graph = graph
        self.base = base
        self.expiringWithin = expiringWithin
    }

    /// Loads the workspace at `root` (its bundled catalogs too), refusing one with an error.
    public static func graph(at root: URL) throws -> ControlGraph {
        let validation = try WorkspaceLoader().validate(at: root)
        guard validation.isValid else {
            throw GeneratorError(
                description: "\(root.path) does not validate; run `attest validate` there")
        }
        return validation.graph
    }

    /// A passing result for every evidence item of `graph`, observed at `time`.
    public static func passing(_ graph: ControlGraph, at time: Date) -> [EvidenceID: EvidenceResult]
    {
        var results: [EvidenceID: EvidenceResult] = [:]
        for id in graph.controlIDs {
            for spec in graph.controls[id]?.evidence ?? [] {
                results[spec.id] = EvidenceResult(
                    evidence: spec.id, control: id, status: .pass, observedAt: time,
                    message: "generated: pass")
            }
        }
        return results
    }

    /// The demo's plan over `days` days: five controls fail for a while (one from the first
    /// day, one until the last), every 11th day has no run, and day 20 has two runs.
    public static func demoPlan(
        controls: [ControlID], days: Int
    ) -> (failures: [Failure], skipped: Set<Int>, doubled: Set<Int>) {
        let picks = stride(from: 3, to: controls.count, by: max(1, controls.count / 6))
            .prefix(5).map { controls[$0] }
        let shapes = [(0, 4), (days / 4, 6), (days / 2, 2), (days * 2 / 3, 9), (days - 3, 3)]
        let failures = zip(picks, shapes).map {
            Failure(control: $0, firstOffset: max(0, $1.0), days: $1.1)
        }
        let skipped = Set(stride(from: 10, to: days - 1, by: 11))
        return (failures, skipped, days > 20 ? [20] : [])
    }

    /// The runs of `days` days ending with `lastDay` (days since 1970-01-01, UTC), at 06:00
    /// UTC (and 18:00 on `doubled` days), oldest first.
    public func runs(
        days: Int, lastDay: Int, failures: [Failure], skipped: Set<Int> = [],
        doubled: Set<Int> = []
    ) -> [RunRecord] {
        let firstDay = lastDay - days + 1
        var records: [RunRecord] = []
        for offset in 0..<days where !skipped.contains(offset) {
            let failing = Set(failures.filter { $0.covers(offset) }.map(\.control))
            let hours = doubled.contains(offset) ? [6, 18] : [6]
            for hour in hours {
                let time = Date(timeIntervalSince1970: TimeInterval(firstDay + offset) * 86_400)
                    .addingTimeInterval(TimeInterval(hour * 3_600))
                records.append(record(at: time, failing: failing))
            }
        }
        return records
    }

    /// One run at `time` in which every evidence item of the `failing` controls fails.
    public func record(at time: Date, failing: Set<ControlID>) -> RunRecord {
        var results = base
        for (id, result) in base where failing.contains(result.control) {
            var failed = result
            failed.status = .fail
            failed.message = "generated: failure injected by the history generator"
            results[id] = failed
        }
        let scores = Scores(
            graph: graph, results: results, now: time, expiringWithin: expiringWithin)
        return RunRecord(
            kind: "collect", state: .collected, startedAt: time, finishedAt: time,
            toolVersion: "history-generator", workspaceFingerprint: "generated",
            results: results.values.sorted { $0.evidence < $1.evidence },
            scores: Self.storedNodeScores(scores), controls: Self.controlSnapshots(scores))
    }

    /// What `attest collect` stores: every scoped framework, and each of its requirements with
    /// in-scope leaves below it that is not itself a leaf.
    static func storedNodeScores(_ scores: Scores) -> [NodeScore] {
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

    static func controlSnapshots(_ scores: Scores) -> [ControlSnapshot] {
        scores.graph.controlIDs.compactMap { id in
            guard let control = scores.graph.controls[id] else { return nil }
            return ControlSnapshot(
                id: id, title: control.title.english, visibility: control.visibility,
                score: scores.controls[id]?.score ?? 0)
        }
    }
}

/// A history that cannot be generated, with the reason.
public struct GeneratorError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

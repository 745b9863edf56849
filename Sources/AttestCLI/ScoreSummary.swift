import ArgumentParser
import AttestCore
import AttestEvidence
import AttestSystem
import Foundation

/// The per-framework summary that `score` and `build` print, and the CI gates on it.
struct ScoreSummary: Encodable {
    struct Row: Encodable {
        var framework: String
        var name: String
        var readiness: Double
        var coverage: Double
        var inferred: Double
        var leaves: Int
        var gaps: Int
        var excluded: Int
        var failing: Int
        var stale: Int
        var expiring: Int

        /// Percentages (0–100, one decimal) say so in their names, as in `score --explain`.
        enum CodingKeys: String, CodingKey {
            case framework, name, leaves, gaps, excluded, failing, stale, expiring
            case readiness = "readiness_percent"
            case coverage = "coverage_percent"
            case inferred = "inferred_percent"
        }
    }

    var rows: [Row]

    init(scores: Scores, frameworks: [FrameworkID]) {
        // One framework per task: each counts the evidence of thousands of controls.
        rows = frameworks.concurrentMap { id in
            let score = scores.score(of: .framework(id))
            let evidence = EvidenceCounts(of: id, in: scores)
            return Row(
                framework: id.rawValue,
                name: scores.graph.frameworks[id]?.name.english ?? id.rawValue,
                readiness: score.percent, coverage: score.coveragePercent,
                inferred: score.inferredPercent, leaves: score.leafCount,
                gaps: score.gapCount,
                excluded: score.excludedCount,
                failing: evidence.failing, stale: evidence.stale, expiring: evidence.expiring)
        }
    }

    /// The failing, stale and expiring evidence of the controls whose scores reach the
    /// framework's in-scope leaves, directly or through an inherited score, counted in one pass.
    struct EvidenceCounts {
        var failing = 0
        var stale = 0
        var expiring = 0

        init(of framework: FrameworkID, in scores: Scores) {
            for id in scores.contributingControls(under: .framework(framework)) {
                for evidence in scores.controls[id]?.evidence ?? [] {
                    switch evidence.status {
                    case .fail, .error, .missing: failing += 1
                    case .stale: stale += 1
                    case .pass, .partial: break
                    }
                    if evidence.isExpiring { expiring += 1 }
                }
            }
        }
    }

    var table: String {
        TextTable(
            headers: [
                "framework", "readiness", "coverage", "inferred", "gaps", "failing", "stale",
                "expiring",
            ],
            rightAligned: [1, 2, 3, 4, 5, 6, 7]
        ).render(
            rows.map {
                [
                    $0.framework, Self.percent($0.readiness), Self.percent($0.coverage),
                    Self.percent($0.inferred),
                    "\($0.gaps)/\($0.leaves)", "\($0.failing)", "\($0.stale)", "\($0.expiring)",
                ]
            })
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value) }
}

/// CI gates shared by `score` and `build`.
struct GateOptions: ParsableArguments {
    @Option(help: "Fail (exit 1) when a framework's readiness is under this percentage.")
    var failUnder: Double?

    @Option(
        help: "Fail (exit 1) when evidence expires within this duration, e.g. 14d.",
        transform: parseSpan)
    var expiringWithin: TimeSpan?

    /// Findings of the gates, one line each; empty when every gate passes.
    func failures(_ scores: Scores, summary: ScoreSummary, now: Date) -> [String] {
        var failures: [String] = []
        if let failUnder {
            for row in summary.rows where row.readiness < failUnder {
                failures.append(
                    "gate: \(row.framework) readiness \(ScoreSummary.percent(row.readiness)) is under --fail-under \(ScoreSummary.percent(failUnder))"
                )
            }
        }
        if let expiringWithin {
            let horizon = now.addingTimeInterval(TimeInterval(expiringWithin.seconds))
            for (control, evidence) in scores.evidenceScores {
                guard evidence.score > 0, let expires = evidence.result?.expiresAt, expires > now,
                    expires <= horizon
                else { continue }
                failures.append(
                    "gate: evidence \(evidence.evidence) of \(control) expires \(Timestamp.formatDay(expires)), within --expiring-within \(expiringWithin)"
                )
            }
        }
        return failures
    }
}

extension Array where Element == EvidenceResult {
    /// Re-applies freshness at `now` (results age between `collect` and `score`), keeping the
    /// order: `Scores` matches results in collection order by position, without hashing ids.
    /// A run already aged at `now` (a build's, collected at its own time) is returned as it is.
    func aged(by graph: ControlGraph, now: Date) -> [EvidenceResult] {
        var aged = self
        for (position, maxAge) in zip(indices, graph.maxAges(of: self))
        where !Freshness.isApplied(self[position], maxAge: maxAge, now: now) {
            aged[position] = Freshness.apply(self[position], maxAge: maxAge, now: now)
        }
        return aged
    }

    /// One result per evidence id, the later of two as `Scores` counts it, in id order: the
    /// order a run is recorded and its build id hashed in.
    func recordOrder() -> [EvidenceResult] {
        let positions = recordPositions()
        if positions.elementsEqual(indices) { return self }
        return positions.map { self[$0] }
    }

    /// The positions `recordOrder()` takes its results from. They depend on the ids alone,
    /// which aging leaves as they are, so a build sorts them while it ages and scores.
    func recordPositions() -> [Int] {
        // The ids side by side, so comparing two reads neither result.
        let ids = map(\.evidence)
        if zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) { return [Int](indices) }
        let sorted = indices.sorted { ids[$0] < ids[$1] || (ids[$0] == ids[$1] && $0 < $1) }
        var positions: [Int] = []
        positions.reserveCapacity(sorted.count)
        for position in sorted {
            if let last = positions.last, ids[last] == ids[position] {
                positions[positions.count - 1] = position
            } else {
                positions.append(position)
            }
        }
        return positions
    }
}

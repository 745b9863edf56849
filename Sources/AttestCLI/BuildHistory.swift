import AttestCore
import AttestRender
import AttestStore
import Foundation

/// Records a build in the store (once: a build id already recorded is not recorded again) and
/// reads what the site needs from history: the previous build and the framework trends.
///
/// A build is recorded `attempted`, then marked `published` once its output folder is committed
/// (or `failed`); only published builds are a baseline for changes and trends, so a build that
/// fails to render never hides a drop in the next one's "changes since the previous build".
enum BuildHistory {
    struct Context {
        /// The recorded run of this build (the earlier one when the build id was recorded).
        var run: Int64
        var previous: PreviousBuild?
        var trends: [FrameworkID: [(date: Date, percent: Double)]]
    }

    /// Most past builds a trend shows.
    static let trendLength = 30

    static func record(
        _ run: RunRecord, in store: any ScoreStore, frameworks: [FrameworkID]
    ) throws(StoreError) -> Context {
        // The store returns the recorded run's id when this build id is already recorded.
        let currentID = try store.record(run)
        let builds = try store.runs(limit: nil, states: [.published]).filter {
            $0.kind == "build"
        }
        // Every published build before this one, newest first.
        let earlier = builds.filter { $0.id < currentID }
        var previous: PreviousBuild?
        if let last = earlier.first {
            let scores = try store.scores(run: last.id)
            let results = try store.results(run: last.id)
            let controls = try store.controls(run: last.id)
            let exclusions = try store.exclusions(run: last.id)
            previous = PreviousBuild(
                time: last.startedAt,
                frameworkPercents: Dictionary(
                    scores.compactMap { score in
                        if case let .framework(id) = score.node { return (id, score.percent) }
                        return nil
                    }, uniquingKeysWith: { first, _ in first }),
                controls: Dictionary(
                    controls.map {
                        ($0.id, (visibility: $0.visibility, title: $0.title))
                    },
                    uniquingKeysWith: { first, _ in first }),
                evidence: Dictionary(
                    results.map {
                        ($0.evidence, (status: $0.status.name, observedAt: $0.observedAt))
                    },
                    uniquingKeysWith: { first, _ in first }),
                evidenceHashes: Dictionary(
                    results.compactMap { result in result.sha256.map { (result.evidence, $0) } },
                    uniquingKeysWith: { first, _ in first }),
                controlScores: Dictionary(
                    controls.map { ($0.id, $0.score) }, uniquingKeysWith: { first, _ in first }),
                exclusions: exclusions.map { list in
                    Dictionary(
                        list.map { ($0.requirement, $0.visibility) },
                        uniquingKeysWith: { first, _ in first })
                })
        }
        let earlierIDs = Set(earlier.prefix(trendLength).map(\.id))
        var trends: [FrameworkID: [(date: Date, percent: Double)]] = [:]
        for framework in frameworks {
            trends[framework] = try store.history(
                of: .framework(framework), limit: nil, states: [.published]
            )
            .filter { earlierIDs.contains($0.run.id) }
            .reversed()
            .map { (date: $0.run.startedAt, percent: $0.score.percent) }
        }
        return Context(run: currentID, previous: previous, trends: trends)
    }

    /// `period` judged over the runs that count and this build's own run (still `attempted`
    /// while its output is written, so not among them yet).
    static func period(
        _ period: OperatingPeriod, store: any ScoreStore, run: Int64, time: Date, scores: Scores
    ) throws(StoreError) -> PeriodReport {
        var observations = try store.observations(of: period)
        if !observations.contains(where: { $0.run == run }) {
            observations.append(
                PeriodObservation(
                    run: run, time: time,
                    controls: Dictionary(
                        scores.controlSnapshots.map {
                            (
                                $0.id,
                                PeriodObservation.ObservedControl(
                                    score: $0.score, title: $0.title, visibility: $0.visibility)
                            )
                        }, uniquingKeysWith: { first, _ in first }),
                    nodes: Dictionary(
                        scores.storedNodeScores.map { ($0.node, $0) },
                        uniquingKeysWith: { first, _ in first })))
        }
        return PeriodReport(period: period, observations: observations)
    }

    /// Marks the build's run published, once its output folder is committed.
    static func markPublished(_ run: Int64, in store: any ScoreStore) throws {
        do {
            try store.mark(run, as: .published)
        } catch {
            throw UnreadableInput(
                description: "the output was written but the store could not mark the build "
                    + "published: \(error.description)")
        }
    }

    /// Marks the build's run failed; when even that fails, the run stays `attempted`, which
    /// never counts either, and the build's own error is the one to report.
    static func markFailed(_ run: Int64, in store: any ScoreStore) {
        try? store.mark(run, as: .failed)
    }
}

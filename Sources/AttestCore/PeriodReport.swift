import Foundation

/// Operating effectiveness over a period, from the runs stored in it: per control the days it
/// operated effectively and every interval it did not, per framework and domain the mean of
/// its daily figures.
///
/// The rules (docs/audit.md):
/// - a day is a UTC calendar day; the period's first and last days are included;
/// - a day's state is that of the **latest run started before the day ended** (runs of the
///   same day: the latest wins; a day without a run inherits the last known state);
/// - a control **passed** on a day when its score in that run is 1: every evidence item counted
///   in full (a partial 0.9 is a failing day);
/// - a day before the first run, or whose run did not list the control (it was added later or
///   removed), is **not observed**: reported apart, and never counted as effective;
/// - a framework's or domain's period figure is the mean of its daily fractions over the days
///   it was observed, from the scores each run stored (not re-scored with today's workspace).
public struct PeriodReport: Hashable, Sendable {
    /// Consecutive days, both ends included.
    public struct DayInterval: Hashable, Sendable {
        public var firstDay: Int
        public var lastDay: Int

        public init(firstDay: Int, lastDay: Int) {
            self.firstDay = firstDay
            self.lastDay = lastDay
        }

        public var days: Int { lastDay - firstDay + 1 }
        /// `2026-03-04`.
        public var first: String { OperatingPeriod.dayText(firstDay) }
        /// `2026-03-09`.
        public var last: String { OperatingPeriod.dayText(lastDay) }
    }

    /// Days on which a control did not operate effectively: an exception an auditor samples.
    public struct FailureInterval: Hashable, Sendable {
        public var days: DayInterval
        /// The control was already failing the day before the period started.
        public var startedBeforePeriod: Bool
        /// The control was still failing on the period's last day.
        public var ongoingAtEnd: Bool
        /// The lowest score the control had on these days, 0–1.
        public var lowestScore: Double
    }

    /// One control over the period.
    public struct ControlRecord: Hashable, Sendable {
        public var id: ControlID
        /// English title in the latest run of the period that listed it.
        public var title: String
        public var visibility: Visibility
        /// Days the control passed (score 1).
        public var effectiveDays: Int
        /// Observed days it did not pass.
        public var failingDays: Int
        /// Days before the first run, or whose run did not list it.
        public var notObservedDays: Int
        public var failures: [FailureInterval]
        /// Its score on the period's last day; nil when that day is not observed.
        public var lastScore: Double?

        /// effective days × 100 / the period's days, one decimal.
        public func effectivePercent(of dayCount: Int) -> Double {
            NodeScore.percent(numerator: Double(effectiveDays), denominator: Double(dayCount))
        }
    }

    /// A framework or domain over the period.
    public struct NodeRecord: Hashable, Sendable {
        public var node: ScoreNode
        /// Days a run stored its score.
        public var observedDays: Int
        /// Σ of its daily fractions over the observed days.
        public var fractionSum: Double
        /// Its lowest daily fraction.
        public var lowest: Double
        /// Its fraction on the period's last day; nil when that day is not observed.
        public var last: Double?

        /// The mean of its daily figures, as a percentage with one decimal.
        public var percent: Double {
            NodeScore.percent(numerator: fractionSum, denominator: Double(observedDays))
        }
        public var lowestPercent: Double { NodeScore.percent(lowest) }
        public var lastPercent: Double? { last.map { NodeScore.percent($0) } }
    }

    /// The score a control must have on a day to count as operating effectively.
    public static let passingScore = 1.0

    public let period: OperatingPeriod
    /// Runs started within the period.
    public let runCount: Int
    /// Days of the period with at least one run.
    public let daysWithRun: Int
    /// Days before the first run known: no state to inherit.
    public let unobservedDays: Int
    /// Stretches of days without a run, after the first known state: they inherit it.
    public let collectionGaps: [DayInterval]
    /// Every control a day of the period saw, by id.
    public let controls: [ControlRecord]
    /// Every framework and domain a day of the period saw, by node.
    public let nodes: [NodeRecord]

    public var dayCount: Int { period.dayCount }

    /// The record of `node`, if any day saw it.
    public func record(of node: ScoreNode) -> NodeRecord? {
        nodes.first { $0.node == node }
    }

    /// Judges `period` from `observations`: the runs started in it, and the latest run started
    /// before it (whose state the first days inherit). Other runs are ignored.
    ///
    /// - Complexity: O(r log r + d × (c + n)) for r runs, d days, c controls and n nodes.
    public init(period: OperatingPeriod, observations: [PeriodObservation]) {
        self.period = period
        let runs = observations.sorted { ($0.time, $0.run) < ($1.time, $1.run) }
        let dayCount = period.dayCount
        // governing[s]: the run whose state holds on day `firstDay - 1 + s` (slot 0 is the day
        // before the period, for failures that began earlier).
        var governing = [Int?](repeating: nil, count: dayCount + 1)
        var latest = -1
        for slot in 0...dayCount {
            let boundary = OperatingPeriod.midnight(period.firstDay + slot)
            while latest + 1 < runs.count, runs[latest + 1].time < boundary { latest += 1 }
            governing[slot] = latest >= 0 ? latest : nil
        }
        let runDays = runs.map { OperatingPeriod.day(of: $0.time) }
            .filter { $0 >= period.firstDay && $0 <= period.lastDay }
        runCount = runDays.count
        let daysWithRuns = Set(runDays)
        daysWithRun = daysWithRuns.count
        unobservedDays = governing.dropFirst().count { $0 == nil }
        var gaps: [DayInterval] = []
        for day in period.firstDay...period.lastDay
        where governing[day - period.firstDay + 1] != nil && !daysWithRuns.contains(day) {
            if let previous = gaps.last, previous.lastDay == day - 1 {
                gaps[gaps.count - 1].lastDay = day
            } else {
                gaps.append(DayInterval(firstDay: day, lastDay: day))
            }
        }
        collectionGaps = gaps

        let seen = Set(governing.dropFirst().compactMap { $0 }).sorted()
        var controlIDs: Set<ControlID> = []
        var nodeIDs: Set<ScoreNode> = []
        for index in seen {
            controlIDs.formUnion(runs[index].controls.keys)
            nodeIDs.formUnion(runs[index].nodes.keys)
        }
        controls = Self.controlRecords(
            controlIDs.sorted(), runs: runs, seen: seen, governing: governing, period: period)
        nodes = nodeIDs.sorted().map { node in
            var record = NodeRecord(node: node, observedDays: 0, fractionSum: 0, lowest: 1)
            for slot in 1...dayCount {
                guard let index = governing[slot], let score = runs[index].nodes[node] else {
                    continue
                }
                record.observedDays += 1
                record.fractionSum += score.score
                record.lowest = min(record.lowest, score.score)
                if slot == dayCount { record.last = score.score }
            }
            return record
        }
    }

    /// Every control's days, from a table of scores by control and run (NaN where a run did
    /// not list the control), so a day costs an array read rather than a hash look-up.
    private static func controlRecords(
        _ ids: [ControlID], runs: [PeriodObservation], seen: [Int], governing: [Int?],
        period: OperatingPeriod
    ) -> [ControlRecord] {
        let row = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var column = [Int](repeating: -1, count: runs.count)
        for (position, index) in seen.enumerated() { column[index] = position }
        var table = [Double](repeating: .nan, count: ids.count * seen.count)
        var records = ids.map {
            ControlRecord(
                id: $0, title: $0.rawValue, visibility: .internal, effectiveDays: 0,
                failingDays: 0, notObservedDays: 0, failures: [], lastScore: nil)
        }
        // Runs in time order: the last one listing a control gives its title.
        for (position, index) in seen.enumerated() {
            for (id, observed) in runs[index].controls {
                guard let control = row[id] else { continue }
                table[control * seen.count + position] = observed.score
                records[control].title = observed.title
                records[control].visibility = observed.visibility
            }
        }
        let columns = governing.map { $0.map { column[$0] } ?? -1 }
        for control in ids.indices {
            let base = control * seen.count
            func score(_ slot: Int) -> Double? {
                let position = columns[slot]
                guard position >= 0, !table[base + position].isNaN else { return nil }
                return table[base + position]
            }
            var record = records[control]
            record.lastScore = score(period.dayCount)
            var open: FailureInterval?
            for slot in 1...period.dayCount {
                let day = period.firstDay + slot - 1
                guard let value = score(slot) else {
                    record.notObservedDays += 1
                    if let interval = open { record.failures.append(interval) }
                    open = nil
                    continue
                }
                if value >= passingScore {
                    record.effectiveDays += 1
                    if let interval = open { record.failures.append(interval) }
                    open = nil
                    continue
                }
                record.failingDays += 1
                if var interval = open {
                    interval.days.lastDay = day
                    interval.lowestScore = min(interval.lowestScore, value)
                    open = interval
                } else {
                    // The day before the period: its run may be one no day of the period saw.
                    let before =
                        slot == 1
                        ? governing[0].flatMap { runs[$0].controls[record.id] }.map {
                            $0.score < passingScore
                        } ?? false : false
                    open = FailureInterval(
                        days: DayInterval(firstDay: day, lastDay: day),
                        startedBeforePeriod: before, ongoingAtEnd: false, lowestScore: value)
                }
            }
            if var interval = open {
                interval.ongoingAtEnd = true
                record.failures.append(interval)
            }
            records[control] = record
        }
        return records
    }
}

import AttestCore
import Foundation

/// The period view of a `PeriodReport` as every output shows it (the `score --period` table
/// and JSON, the readiness report, the auditor package): frameworks, domains, controls and
/// their failure intervals, restricted to what a reader may see.
///
/// Percentages are 0–100 with one decimal (`NodeScore.percent`); days are UTC calendar days.
public struct PeriodView: Encodable, Sendable {
    public struct Span: Encodable, Sendable, Hashable {
        public var first: String
        public var last: String
        public var days: Int
    }

    public struct NodeRow: Encodable, Sendable, Hashable {
        /// `soc2` or `soc2/CC6`.
        public var node: String
        /// The mean of its daily figures over the days observed.
        public var periodPercent: Double
        public var observedDays: Int
        public var lowestPercent: Double
        /// Its figure on the period's last day, nil when that day is not observed.
        public var lastPercent: Double?

        enum CodingKeys: String, CodingKey {
            case node
            case periodPercent = "period_percent"
            case observedDays = "observed_days"
            case lowestPercent = "lowest_percent"
            case lastPercent = "last_percent"
        }
    }

    public struct Failure: Encodable, Sendable, Hashable {
        public var control: String
        public var first: String
        public var last: String
        public var days: Int
        public var startedBeforePeriod: Bool
        public var ongoingAtEnd: Bool
        /// 0–1.
        public var lowestScore: Double
        /// Exceptions the reader may see that were in force on some day of the interval and
        /// name the control or one of its evidence items, by id: the approved deviations that
        /// explain it.
        public var exceptions: [String] = []

        enum CodingKeys: String, CodingKey {
            case control, first, last, days, exceptions
            case startedBeforePeriod = "started_before_period"
            case ongoingAtEnd = "ongoing_at_end"
            case lowestScore = "lowest_score"
        }

        /// What a reader should know beside the dates: "from before the period", "ongoing at
        /// its end", "covered by EX-1" (one wording for every output).
        public var notes: [String] {
            var notes: [String] = []
            if startedBeforePeriod { notes.append("from before the period") }
            if ongoingAtEnd { notes.append("ongoing at its end") }
            if !exceptions.isEmpty {
                notes.append("covered by \(exceptions.joined(separator: ", "))")
            }
            return notes
        }

        /// `2026-03-04 → 2026-03-09 (6 days, from before the period, ongoing at its end)`.
        public var sentence: String {
            let all = ["\(days) day\(days == 1 ? "" : "s")"] + notes
            return "\(first) → \(last) (\(all.joined(separator: ", ")))"
        }
    }

    public struct ControlRow: Encodable, Sendable, Hashable {
        public var control: String
        public var title: String
        public var effectiveDays: Int
        public var failingDays: Int
        public var notObservedDays: Int
        public var effectivePercent: Double
        public var failures: [Failure]

        enum CodingKeys: String, CodingKey {
            case control, title, failures
            case effectiveDays = "effective_days"
            case failingDays = "failing_days"
            case notObservedDays = "not_observed_days"
            case effectivePercent = "effective_percent"
        }
    }

    public var first: String
    public var last: String
    public var days: Int
    /// Always `UTC`: days are UTC calendar days.
    public var timeZone = "UTC"
    public var runs: Int
    public var daysWithRun: Int
    public var unobservedDays: Int
    public var collectionGaps: [Span]
    public var frameworks: [NodeRow]
    public var domains: [NodeRow]
    public var controls: [ControlRow]
    /// Controls the period saw that the reader may not see.
    public var hiddenControls: Int

    enum CodingKeys: String, CodingKey {
        case first, last, days, runs, frameworks, domains, controls
        case timeZone = "time_zone"
        case daysWithRun = "days_with_run"
        case unobservedDays = "unobserved_days"
        case collectionGaps = "collection_gaps"
        case hiddenControls = "hidden_controls"
    }

    /// The view of `report` for a reader who may see up to `ceiling`.
    ///
    /// - Parameters:
    ///   - frameworks: the frameworks to show (their domains too); nil for every one.
    ///   - controls: the controls to show (those behind the frameworks shown); nil for all.
    ///   - ceiling: a control is shown only when its visibility in the runs is at or below it.
    ///   - exceptions: the workspace's exceptions with the control each explains
    ///     (`Exception.control(in:)`); those at or below `ceiling` are named on the failure
    ///     intervals they were in force for.
    public init(
        _ report: PeriodReport, frameworks: Set<FrameworkID>? = nil,
        controls: Set<ControlID>? = nil, ceiling: Visibility = .internal,
        exceptions: [(control: ControlID, exception: Exception)] = []
    ) {
        first = OperatingPeriod.dayText(report.period.firstDay)
        last = OperatingPeriod.dayText(report.period.lastDay)
        days = report.dayCount
        runs = report.runCount
        daysWithRun = report.daysWithRun
        unobservedDays = report.unobservedDays
        collectionGaps = report.collectionGaps.map {
            Span(first: $0.first, last: $0.last, days: $0.days)
        }
        let nodes = report.nodes.filter { frameworks?.contains($0.node.framework) ?? true }.map {
            NodeRow(
                node: $0.node.description, periodPercent: $0.percent,
                observedDays: $0.observedDays, lowestPercent: $0.lowestPercent,
                lastPercent: $0.lastPercent)
        }
        self.frameworks = nodes.filter { !$0.node.contains("/") }
        domains = nodes.filter { $0.node.contains("/") }
        let relevant = report.controls.filter { controls?.contains($0.id) ?? true }
        let shown = relevant.filter { $0.visibility <= ceiling }
        hiddenControls = relevant.count - shown.count
        let explaining = Dictionary(
            grouping: exceptions.filter { $0.exception.visibility <= ceiling },
            by: \.control
        ).mapValues { $0.map(\.exception).sorted { $0.id < $1.id } }
        self.controls = shown.map { record in
            ControlRow(
                control: record.id.rawValue, title: record.title,
                effectiveDays: record.effectiveDays, failingDays: record.failingDays,
                notObservedDays: record.notObservedDays,
                effectivePercent: record.effectivePercent(of: report.dayCount),
                failures: record.failures.map { failure in
                    Failure(
                        control: record.id.rawValue, first: failure.days.first,
                        last: failure.days.last, days: failure.days.days,
                        startedBeforePeriod: failure.startedBeforePeriod,
                        ongoingAtEnd: failure.ongoingAtEnd, lowestScore: failure.lowestScore,
                        exceptions: (explaining[record.id] ?? []).filter {
                            $0.isInForce(someDayFrom: failure.days.first, to: failure.days.last)
                        }.map(\.id.rawValue))
                })
        }
    }

    /// `exceptions` paired with the control each explains in `graph`, for `init`'s
    /// `exceptions:`; one naming nothing `graph` knows is left out.
    public static func explaining(
        _ exceptions: [Exception], in graph: ControlGraph
    ) -> [(control: ControlID, exception: Exception)] {
        exceptions.compactMap { exception in exception.control(in: graph).map { ($0, exception) } }
    }

    /// Every failure interval, by control then date: the exceptions an auditor samples.
    public var failures: [Failure] { controls.flatMap(\.failures) }

    /// `2026-01-01..2026-06-30`.
    public var periodText: String { "\(first)..\(last)" }

    /// "operated effectively on 178 of 181 days".
    public func sentence(_ row: ControlRow) -> String {
        "operated effectively on \(row.effectiveDays) of \(days) days"
    }

    /// The controls as CSV, one row per control.
    public var controlsCSV: CSVTable {
        CSVTable(
            header: [
                "control", "title", "effective_days", "days", "effective_percent", "failing_days",
                "not_observed_days", "failure_intervals",
            ],
            rows: controls.map {
                [
                    $0.control, $0.title, "\($0.effectiveDays)", "\(days)",
                    ReportContext.oneDecimal($0.effectivePercent), "\($0.failingDays)",
                    "\($0.notObservedDays)", "\($0.failures.count)",
                ]
            })
    }

    /// The failure intervals as CSV, one row per interval.
    public var failuresCSV: CSVTable {
        CSVTable(
            header: [
                "control", "first_day", "last_day", "days", "started_before_period",
                "ongoing_at_end", "lowest_score", "exceptions",
            ],
            rows: failures.map {
                [
                    $0.control, $0.first, $0.last, "\($0.days)", "\($0.startedBeforePeriod)",
                    "\($0.ongoingAtEnd)", NodeScore.figure($0.lowestScore),
                    $0.exceptions.joined(separator: " "),
                ]
            })
    }
}

import ArgumentParser
import AttestCore
import AttestRender
import AttestStore
import Foundation

/// `--period`, shared by `score` and `history`.
struct PeriodOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Operating effectiveness over a period of UTC days: FIRST..LAST or the days ending "
                + "today (90d, 12w).",
            discussion: "Today is the build clock's: SOURCE_DATE_EPOCH when set, else now.",
            valueName: "PERIOD"))
    var period: String?

    /// The period, with today by the build clock; nil without `--period`.
    ///
    /// - Throws: `PeriodError` (exit 2) for a period that cannot be read.
    func parsed() throws -> OperatingPeriod? {
        guard let period else { return nil }
        let today = try BuildClock.time(
            option: nil, environment: ProcessInfo.processInfo.environment)
        return try OperatingPeriod(parsing: period, today: today)
    }
}

/// The period view of `score --period` and `history --period`: computed from the store's runs,
/// printed as a table or JSON.
enum PeriodOutput {
    /// The view of `period` over the runs of `store`, for `framework` (every one when nil).
    static func view(
        _ period: OperatingPeriod, graph: ControlGraph, store: any ScoreStore, framework: String?
    ) throws(StoreError) -> PeriodView {
        let report = PeriodReport(period: period, observations: try store.observations(of: period))
        return view(report, graph: graph, framework: framework)
    }

    /// The view of `report`; with `framework`, only its figures and the controls behind it in
    /// today's workspace.
    static func view(
        _ report: PeriodReport, graph: ControlGraph, framework: String?
    ) -> PeriodView {
        let exceptions = PeriodView.explaining(graph.manifest.exceptions, in: graph)
        guard let framework else { return PeriodView(report, exceptions: exceptions) }
        let id = FrameworkID(framework)
        let scores = Scores(graph: graph, results: [:], now: Date(), expiringWithin: .days(0))
        return PeriodView(
            report, frameworks: [id],
            controls: Set(scores.contributingControls(under: .framework(id))),
            exceptions: exceptions)
    }

    /// The view as `score --period` prints it.
    static func text(_ view: PeriodView, format: ScoreCommand.Format) throws -> String {
        if format == .json { return try JSONOutput.encode(view) }
        let inherited = view.collectionGaps.reduce(0) { $0 + $1.days }
        var lines = [
            "period \(view.periodText) (\(view.days) UTC days, both included): \(view.runs) "
                + "run\(view.runs == 1 ? "" : "s") on \(view.daysWithRun) "
                + "day\(view.daysWithRun == 1 ? "" : "s"); \(inherited) day\(inherited == 1 ? "" : "s") "
                + "without a run inherit the last state; \(view.unobservedDays) before the first "
                + "run not observed",
            "",
        ]
        func nodeTable(_ title: String, _ rows: [PeriodView.NodeRow]) -> [String] {
            guard !rows.isEmpty else { return [] }
            return [
                TextTable(
                    headers: [title, "period", "lowest", "last day", "observed"],
                    rightAligned: [1, 2, 3, 4]
                ).render(
                    rows.map {
                        [
                            $0.node, ScoreSummary.percent($0.periodPercent),
                            ScoreSummary.percent($0.lowestPercent),
                            $0.lastPercent.map(ScoreSummary.percent) ?? "—",
                            "\($0.observedDays)/\(view.days)",
                        ]
                    }), "",
            ]
        }
        lines += nodeTable("framework", view.frameworks)
        lines += nodeTable("domain", view.domains)
        if view.controls.isEmpty {
            lines.append("no control observed in the period")
        } else {
            lines.append(
                TextTable(
                    headers: [
                        "control", "effective", "days", "failing", "not observed", "intervals",
                    ],
                    rightAligned: [1, 2, 3, 4, 5]
                ).render(
                    view.controls.map {
                        [
                            $0.control, ScoreSummary.percent($0.effectivePercent),
                            "\($0.effectiveDays)/\(view.days)", "\($0.failingDays)",
                            "\($0.notObservedDays)", "\($0.failures.count)",
                        ]
                    }))
        }
        let failures = view.failures
        lines.append("")
        if failures.isEmpty {
            lines.append("no failure in the period")
        } else {
            lines.append("failure intervals (the exceptions to sample):")
            lines.append(
                TextTable(
                    headers: ["control", "first day", "last day", "days", "notes"],
                    rightAligned: [3]
                ).render(
                    failures.map {
                        [
                            $0.control, $0.first, $0.last, "\($0.days)",
                            $0.notes.joined(separator: ", "),
                        ]
                    }))
        }
        return lines.joined(separator: "\n")
    }
}

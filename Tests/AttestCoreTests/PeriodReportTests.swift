import AttestCore
import Foundation
import Testing

/// The day-counting rules of docs/audit.md, each on a few runs whose days are counted by hand.
@Suite struct PeriodReportTests {
    func time(_ text: String) -> Date {
        Timestamp.instant(text, zoneRequired: true, dayAllowed: false) ?? .distantPast
    }

    func run(
        _ id: Int64, _ at: String, _ controls: [String: Double],
        nodes: [String: (Double, Double)] = [:]
    ) -> PeriodObservation {
        PeriodObservation(
            run: id, time: time(at),
            controls: Dictionary(
                uniqueKeysWithValues: controls.map {
                    (
                        ControlID($0.key),
                        PeriodObservation.ObservedControl(
                            score: $0.value, title: "Title of \($0.key)", visibility: .public)
                    )
                }),
            nodes: Dictionary(
                uniqueKeysWithValues: nodes.map {
                    let node = ScoreNode(parsing: $0.key)
                    return (
                        node,
                        NodeScore(
                            node: node, numerator: $0.value.0, denominator: $0.value.1,
                            inheritedNumerator: 0, leafCount: 1, coveredCount: 1,
                            inheritedCount: 0, gapCount: 0, excludedCount: 0)
                    )
                }))
    }

    func period(_ text: String) throws -> OperatingPeriod {
        try OperatingPeriod(parsing: text, today: .distantPast)
    }

    func control(_ report: PeriodReport, _ id: String) throws -> PeriodReport.ControlRecord {
        try #require(report.controls.first { $0.id == ControlID(id) })
    }

    func spans(_ record: PeriodReport.ControlRecord) -> [String] {
        record.failures.map { "\($0.days.first)..\($0.days.last) \($0.days.days)" }
    }

    @Test func daysWithoutARunInheritTheLastKnownState() throws {
        // 01–03 pass (3), 04–07 fail (4), 08–10 pass (3).
        let report = PeriodReport(
            period: try period("2026-03-01..2026-03-10"),
            observations: [
                run(1, "2026-03-01T06:00:00Z", ["C1": 1]),
                run(2, "2026-03-04T06:00:00Z", ["C1": 0]),
                run(3, "2026-03-08T06:00:00Z", ["C1": 1]),
            ])
        let c1 = try control(report, "C1")
        #expect(c1.effectiveDays == 6)
        #expect(c1.failingDays == 4)
        #expect(c1.notObservedDays == 0)
        #expect(c1.effectivePercent(of: report.dayCount) == 60.0)
        #expect(spans(c1) == ["2026-03-04..2026-03-07 4"])
        #expect(c1.failures.first?.startedBeforePeriod == false)
        #expect(c1.failures.first?.ongoingAtEnd == false)
        #expect(report.runCount == 3)
        #expect(report.daysWithRun == 3)
        #expect(
            report.collectionGaps.map { "\($0.first)..\($0.last)" } == [
                "2026-03-02..2026-03-03", "2026-03-05..2026-03-07", "2026-03-09..2026-03-10",
            ])
    }

    @Test func theLatestRunOfADayDecidesIt() throws {
        let report = PeriodReport(
            period: try period("2026-03-01..2026-03-04"),
            observations: [
                run(1, "2026-03-01T06:00:00Z", ["C1": 1]),
                // Fails in the morning, fixed in the evening: day 02 passes.
                run(2, "2026-03-02T08:00:00Z", ["C1": 0]),
                run(3, "2026-03-02T20:00:00Z", ["C1": 1]),
                // Passes in the morning, broken in the evening: 03 and 04 fail.
                run(4, "2026-03-03T08:00:00Z", ["C1": 1]),
                run(5, "2026-03-03T20:00:00Z", ["C1": 0.5]),
            ])
        let c1 = try control(report, "C1")
        #expect(c1.effectiveDays == 2)
        #expect(spans(c1) == ["2026-03-03..2026-03-04 2"])
        #expect(c1.failures.first?.lowestScore == 0.5)
        #expect(c1.failures.first?.ongoingAtEnd == true)
        #expect(c1.lastScore == 0.5)
        #expect(report.runCount == 5)
        #expect(report.daysWithRun == 3)
    }

    @Test func ofTwoRunsAtTheSameInstantTheLaterRecordedWins() throws {
        let report = PeriodReport(
            period: try period("2026-03-01..2026-03-01"),
            observations: [
                run(8, "2026-03-01T06:00:00Z", ["C1": 0]),
                run(7, "2026-03-01T06:00:00Z", ["C1": 1]),
            ])
        #expect(try control(report, "C1").effectiveDays == 0)
    }

    @Test func aPartialScoreIsAFailingDay() throws {
        let report = PeriodReport(
            period: try period("2026-03-01..2026-03-02"),
            observations: [run(1, "2026-03-01T06:00:00Z", ["C1": 0.999])])
        let c1 = try control(report, "C1")
        #expect(c1.effectiveDays == 0)
        #expect(c1.failingDays == 2)
    }

    @Test func aFailureSpanningThePeriodsStartAndEndIsMarkedSo() throws {
        // Failing since 02-25; fixed 03-03; failing again from 03-09 to the end.
        let report = PeriodReport(
            period: try period("2026-03-01..2026-03-10"),
            observations: [
                run(1, "2026-02-20T06:00:00Z", ["C1": 1]),
                run(2, "2026-02-25T06:00:00Z", ["C1": 0]),
                run(3, "2026-03-03T06:00:00Z", ["C1": 1]),
                run(4, "2026-03-09T06:00:00Z", ["C1": 0]),
                run(5, "2026-03-11T06:00:00Z", ["C1": 1]),
            ])
        let c1 = try control(report, "C1")
        #expect(c1.effectiveDays == 6)
        #expect(spans(c1) == ["2026-03-01..2026-03-02 2", "2026-03-09..2026-03-10 2"])
        #expect(c1.failures.map(\.startedBeforePeriod) == [true, false])
        #expect(c1.failures.map(\.ongoingAtEnd) == [false, true])
        // Only runs started within the period are counted as its runs.
        #expect(report.runCount == 2)
        #expect(report.unobservedDays == 0)
    }

    @Test func aFailureStartingOnTheFirstDayDidNotStartBefore() throws {
        let report = PeriodReport(
            period: try period("2026-03-01..2026-03-03"),
            observations: [
                run(1, "2026-02-28T06:00:00Z", ["C1": 1]),
                run(2, "2026-03-01T06:00:00Z", ["C1": 0]),
                run(3, "2026-03-02T06:00:00Z", ["C1": 1]),
            ])
        let c1 = try control(report, "C1")
        #expect(spans(c1) == ["2026-03-01..2026-03-01 1"])
        #expect(c1.failures.first?.startedBeforePeriod == false)
    }

    @Test func daysBeforeTheFirstRunAreNotObservedAndNotEffective() throws {
        let report = PeriodReport(
            period: try period("2026-03-01..2026-03-10"),
            observations: [run(1, "2026-03-04T06:00:00Z", ["C1": 1])])
        let c1 = try control(report, "C1")
        #expect(c1.notObservedDays == 3)
        #expect(c1.effectiveDays == 7)
        #expect(c1.effectivePercent(of: report.dayCount) == 70.0)
        #expect(report.unobservedDays == 3)
        // Gaps in collection start after the first known state.
        #expect(report.collectionGaps.map(\.days) == [6])
    }

    @Test func aControlARunDidNotListIsNotObservedThatDay() throws {
        // C2 fails on 01–02, is gone from the workspace on 03–04, is back failing on 05.
        let report = PeriodReport(
            period: try period("2026-03-01..2026-03-05"),
            observations: [
                run(1, "2026-03-01T06:00:00Z", ["C1": 1, "C2": 0]),
                run(2, "2026-03-03T06:00:00Z", ["C1": 1]),
                run(3, "2026-03-05T06:00:00Z", ["C1": 1, "C2": 0]),
            ])
        let c2 = try control(report, "C2")
        #expect(c2.notObservedDays == 2)
        #expect(c2.failingDays == 3)
        #expect(spans(c2) == ["2026-03-01..2026-03-02 2", "2026-03-05..2026-03-05 1"])
        #expect(try control(report, "C1").effectiveDays == 5)
    }

    @Test func periodBoundariesAreWholeUTCDaysBothIncluded() throws {
        let report = PeriodReport(
            period: try period("2026-03-01..2026-03-02"),
            observations: [
                // The last millisecond of 02-28 decides 02-28 only: the period's day 1 inherits.
                run(1, "2026-02-28T23:59:59.999Z", ["C1": 0]),
                // Midnight belongs to the day it starts.
                run(2, "2026-03-01T00:00:00Z", ["C1": 1]),
                run(3, "2026-03-02T23:59:59.999Z", ["C1": 0]),
                // The first instant after the period changes nothing in it.
                run(4, "2026-03-03T00:00:00Z", ["C1": 1]),
            ])
        let c1 = try control(report, "C1")
        #expect(c1.effectiveDays == 1)
        #expect(spans(c1) == ["2026-03-02..2026-03-02 1"])
        #expect(c1.failures.first?.startedBeforePeriod == false)
        #expect(report.runCount == 2)
    }

    @Test func aNodesPeriodFigureIsTheMeanOfItsObservedDays() throws {
        // 0.5, 0.5, 1, 1 → 0.75; the two days before the first run are not observed.
        let observations = [
            run(1, "2026-03-01T06:00:00Z", [:], nodes: ["soc2": (1, 2), "soc2/CC6": (3, 4)]),
            run(2, "2026-03-03T06:00:00Z", [:], nodes: ["soc2": (2, 2)]),
        ]
        let report = PeriodReport(
            period: try period("2026-02-27..2026-03-04"), observations: observations)
        let soc2 = try #require(report.record(of: .framework("soc2")))
        #expect(soc2.observedDays == 4)
        #expect(soc2.percent == 75.0)
        #expect(soc2.lowestPercent == 50.0)
        #expect(soc2.lastPercent == 100.0)
        // The domain was not stored by the second run: observed 02 days only.
        let domain = try #require(report.record(of: ScoreNode(parsing: "soc2/CC6")))
        #expect(domain.observedDays == 2)
        #expect(domain.percent == 75.0)
        #expect(domain.lastPercent == nil)
    }

    @Test func anEmptyHistoryObservesNothing() throws {
        let report = PeriodReport(period: try period("2026-03-01..2026-03-03"), observations: [])
        #expect(report.controls.isEmpty)
        #expect(report.nodes.isEmpty)
        #expect(report.unobservedDays == 3)
        #expect(report.runCount == 0)
        #expect(report.collectionGaps.isEmpty)
    }

    @Test func titlesComeFromTheLatestRunInThePeriod() throws {
        var renamed = run(2, "2026-03-02T06:00:00Z", ["C1": 1])
        renamed.controls[ControlID("C1")]?.title = "New title"
        let report = PeriodReport(
            period: try period("2026-03-01..2026-03-03"),
            observations: [run(1, "2026-03-01T06:00:00Z", ["C1": 1]), renamed])
        #expect(try control(report, "C1").title == "New title")
    }
}

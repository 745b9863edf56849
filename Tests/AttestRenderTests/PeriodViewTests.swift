import AttestCore
import AttestRender
import Foundation
import Testing

/// The period view a reader may see: the visibility ceiling and the framework filter.
@Suite struct PeriodViewTests {
    func report() throws -> PeriodReport {
        let time = try #require(Timestamp.instant("2026-03-01T06:00:00Z", zoneRequired: true))
        func control(_ score: Double, _ visibility: Visibility) -> PeriodObservation.ObservedControl
        {
            .init(score: score, title: "t", visibility: visibility)
        }
        func node(_ text: String) -> (ScoreNode, NodeScore) {
            let node = ScoreNode(parsing: text)
            return (
                node,
                NodeScore(
                    node: node, numerator: 1, denominator: 2, inheritedNumerator: 0,
                    leafCount: 2, coveredCount: 2, inheritedCount: 0, gapCount: 0,
                    excludedCount: 0)
            )
        }
        return PeriodReport(
            period: try OperatingPeriod(parsing: "2026-03-01..2026-03-02", today: .distantPast),
            observations: [
                PeriodObservation(
                    run: 1, time: time,
                    controls: [
                        "PUB": control(1, .public), "NDA": control(0, .nda),
                        "INT": control(0, .internal),
                    ],
                    nodes: Dictionary(uniqueKeysWithValues: [
                        node("soc2"), node("soc2/CC6"), node("iso27001"),
                    ]))
            ])
    }

    @Test func controlsAboveTheCeilingAreCountedButNotShown() throws {
        let view = PeriodView(try report(), ceiling: .nda)
        #expect(view.controls.map(\.control) == ["NDA", "PUB"])
        #expect(view.hiddenControls == 1)
        #expect(
            view.failures.map { "\($0.control) \($0.first)..\($0.last)" } == [
                "NDA 2026-03-01..2026-03-02"
            ])
    }

    @Test func aFrameworkFilterKeepsItsNodesAndTheNamedControls() throws {
        let view = PeriodView(try report(), frameworks: ["soc2"], controls: ["PUB", "INT"])
        #expect(view.frameworks.map(\.node) == ["soc2"])
        #expect(view.domains.map(\.node) == ["soc2/CC6"])
        #expect(view.frameworks.first?.periodPercent == 50.0)
        #expect(view.controls.map(\.control) == ["INT", "PUB"])
        #expect(view.hiddenControls == 0)
    }

    @Test func theCSVsHoldEveryControlAndInterval() throws {
        let view = PeriodView(try report())
        #expect(
            view.controlsCSV.text.split(separator: "\r\n").first
                == "control,title,effective_days,days,effective_percent,failing_days,not_observed_days,failure_intervals"
        )
        #expect(view.controlsCSV.text.contains("PUB,t,2,2,100.0,0,0,0\r\n"))
        #expect(view.failuresCSV.text.contains("INT,2026-03-01,2026-03-02,2,false,true,0,\r\n"))
    }

    func exception(
        _ id: String, control: String, from: String, to: String, expires: String = "2027-01-01",
        visibility: Visibility = .internal
    ) -> (control: ControlID, exception: Exception) {
        let here = SourcePosition(file: "attest.yaml", line: 1, column: 1)
        return (
            ControlID(control),
            Exception(
                id: ExceptionID(id), control: ControlReference(ControlID(control), at: here),
                evidence: nil, from: from, to: to, description: "d", owner: "o",
                managementResponse: "r", remediationDate: to, approvedBy: "s", expires: expires,
                visibility: visibility, position: here)
        )
    }

    @Test func aFailureIntervalNamesTheExceptionsInForceOnOneOfItsDaysThatTheReaderMaySee()
        throws
    {
        // INT and NDA fail on 2026-03-01 and 2026-03-02 (both days of the period).
        let view = PeriodView(
            try report(), ceiling: .nda,
            exceptions: [
                // Internal, so above the ceiling.
                exception("EX-1", control: "NDA", from: "2026-03-02", to: "2026-04-30"),
                exception(
                    "EX-2", control: "NDA", from: "2026-02-01", to: "2026-03-01",
                    visibility: .nda),
                exception(
                    "EX-3", control: "NDA", from: "2026-03-03", to: "2026-03-31",
                    visibility: .nda),  // starts after the interval
                exception(
                    "EX-4", control: "NDA", from: "2026-01-01", to: "2026-12-31",
                    expires: "2026-02-28", visibility: .nda),  // expired before it
                exception(
                    "EX-5", control: "PUB", from: "2026-03-01", to: "2026-03-02",
                    visibility: .public),  // PUB never failed
            ])
        #expect(view.failures.map(\.exceptions) == [["EX-2"]])
        #expect(view.failures.first?.notes == ["ongoing at its end", "covered by EX-2"])
        #expect(view.failuresCSV.text.contains("NDA,2026-03-01,2026-03-02,2,false,true,0,EX-2\r\n"))
    }
}

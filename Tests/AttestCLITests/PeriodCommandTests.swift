import AttestCLI
import AttestCore
import AttestStore
import AttestTestSupport
import Foundation
import Testing

/// `score --period`, `history --period` and `build --period` on the canary workspace, over a
/// store of three hand-made runs whose days are counted by hand:
///
/// | run | PUB-1 | NDA-1 | INT-1 | demo |
/// | --- | --- | --- | --- | --- |
/// | 2026-03-01 06:00 | 1 | 1 | 0 | 1/2 |
/// | 2026-03-04 06:00 | 0 | 1 | 0 | 0/2 |
/// | 2026-03-08 06:00 | 1 | 1 | 1 | 2/2 |
@Suite struct PeriodCommandTests: InProcessCommands {
    static let workspace = Fixtures.workspace("canary").path

    func scratch() throws -> (folder: URL, store: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-period-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("store.sqlite").path
        let writer = try SQLiteStore(path: store)
        for (day, scores, demo) in [
            ("2026-03-01", [1.0, 1, 0], 1.0), ("2026-03-04", [0, 1, 0], 0),
            ("2026-03-08", [1, 1, 1], 2),
        ] {
            let time = try #require(Timestamp.instant("\(day)T06:00:00Z", zoneRequired: true))
            _ = try writer.record(
                RunRecord(
                    kind: "collect", state: .collected, startedAt: time, finishedAt: time,
                    toolVersion: "test", workspaceFingerprint: "fp", results: [],
                    scores: [
                        NodeScore(
                            node: .framework("demo"), numerator: demo, denominator: 2,
                            inheritedNumerator: 0, leafCount: 2, coveredCount: 2,
                            inheritedCount: 0, gapCount: 0, excludedCount: 0)
                    ],
                    controls: zip(["PUB-1", "NDA-1", "INT-1"], scores).map {
                        ControlSnapshot(
                            id: ControlID($0), title: "Stored \($0)", visibility: .internal,
                            score: $1)
                    }))
        }
        return (folder, store)
    }

    struct View: Decodable {
        struct Node: Decodable {
            var node: String
            var period_percent: Double
            var observed_days: Int
            var lowest_percent: Double
            var last_percent: Double?
        }
        struct Failure: Decodable {
            var first: String
            var last: String
            var days: Int
            var started_before_period: Bool
            var ongoing_at_end: Bool
        }
        struct Control: Decodable {
            var control: String
            var effective_days: Int
            var failing_days: Int
            var not_observed_days: Int
            var effective_percent: Double
            var failures: [Failure]
        }
        struct Span: Decodable {
            var first: String
            var last: String
        }
        var first: String
        var last: String
        var days: Int
        var time_zone: String
        var runs: Int
        var days_with_run: Int
        var unobserved_days: Int
        var collection_gaps: [Span]
        var frameworks: [Node]
        var controls: [Control]
    }

    @Test func scorePeriodCountsEachControlsDaysAsComputedByHand() async throws {
        let (folder, store) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = await run([
            "score", "--workspace", Self.workspace, "--store", store, "--period",
            "2026-03-01..2026-03-10", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.err)")
        let view = try JSONDecoder().decode(View.self, from: Data(result.out.utf8))
        #expect(
            (view.first, view.last, view.days, view.time_zone) == (
                "2026-03-01", "2026-03-10", 10, "UTC"
            ))
        #expect((view.runs, view.days_with_run, view.unobserved_days) == (3, 3, 0))
        #expect(
            view.collection_gaps.map { "\($0.first)..\($0.last)" } == [
                "2026-03-02..2026-03-03", "2026-03-05..2026-03-07", "2026-03-09..2026-03-10",
            ])
        let controls = Dictionary(uniqueKeysWithValues: view.controls.map { ($0.control, $0) })
        // Passes 01–03 and 08–10; fails 04–07.
        #expect(controls["PUB-1"]?.effective_days == 6)
        #expect(controls["PUB-1"]?.effective_percent == 60.0)
        #expect(
            controls["PUB-1"]?.failures.map { "\($0.first)..\($0.last) \($0.days)" } == [
                "2026-03-04..2026-03-07 4"
            ])
        #expect(controls["NDA-1"]?.effective_days == 10)
        #expect(controls["NDA-1"]?.failures.isEmpty == true)
        #expect(controls["INT-1"]?.effective_days == 3)
        #expect(controls["INT-1"]?.failing_days == 7)
        #expect(controls["INT-1"]?.failures.first?.started_before_period == false)
        // demo: 0.5 × 3 days + 0 × 4 + 1 × 3 = 4.5 over 10 days.
        let demo = try #require(view.frameworks.first)
        #expect(demo.node == "demo")
        #expect(demo.period_percent == 45.0)
        #expect(demo.observed_days == 10)
        #expect(demo.lowest_percent == 0.0)
        #expect(demo.last_percent == 100.0)
    }

    @Test func theTableSaysHowManyDaysEachControlOperatedAndListsTheIntervals() async throws {
        let (folder, store) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = await run([
            "score", "--workspace", Self.workspace, "--store", store, "--period",
            "2026-03-01..2026-03-10",
        ])
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "period 2026-03-01..2026-03-10 (10 UTC days, both included): 3 runs on 3 days; "
                + "7 days without a run inherit the last state; 0 before the first run not observed"
        )
        #expect(lines.contains("demo        45.0%    0.0%    100.0%     10/10"))
        #expect(lines.contains("PUB-1        60.0%   6/10        4             0          1"))
        // The canary's internal exception names INT-1's evidence for all of 2026.
        #expect(
            lines.contains(
                "INT-1    2026-03-01  2026-03-07     7  covered by CANARY-INTERNAL-exception-id"))
        #expect(lines.contains("PUB-1    2026-03-04  2026-03-07     4"))
    }

    @Test func historyPeriodPrintsTheSameView() async throws {
        let (folder, store) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = [
            "--workspace", Self.workspace, "--store", store, "--period", "2026-02-27..2026-03-05",
        ]
        let score = await run(["score"] + arguments)
        let history = await run(["history"] + arguments)
        #expect(score.status == 0 && history.status == 0, "\(score.err)\(history.err)")
        #expect(history.out == score.out)
        // 02-27 and 02-28 come before the first run: not observed.
        #expect(score.out.contains("2 before the first run not observed"))
    }

    @Test(arguments: [
        ("2026-03-10..2026-03-01", "[period.reversed]"), ("tomorrow", "[period.malformed]"),
        ("0d", "[period.malformed]"), ("2016-01-01..2026-12-31", "[period.too-long]"),
    ])
    func aPeriodThatCannotBeReadIsAUsageError(_ period: String, _ code: String) async throws {
        for command in ["score", "history"] {
            let result = await run([command, "--workspace", Self.workspace, "--period", period])
            #expect(result.status == 2, "\(result.err)")
            #expect(result.err.hasPrefix("error: period '\(period)'"), "\(result.err)")
            #expect(result.err.contains(code), "\(result.err)")
        }
    }

    @Test(arguments: [["--explain", "demo"], ["--run", "1"], ["--fail-under", "50"]])
    func aPeriodCannotGoWithOptionsOfOneRun(_ other: [String]) async {
        let result = await run(
            ["score", "--workspace", Self.workspace, "--period", "90d"] + other)
        #expect(result.status == 2)
        #expect(result.err.contains("--period"), "\(result.err)")
    }

    @Test func aBuildWithAPeriodRendersItsViewAndPublishesOnlyTheFrameworkFigure() async throws {
        let (folder, store) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let result = await run([
            "build", "--workspace", Self.workspace, "--store", store, "--out", out.path,
            "--build-time", "2026-03-10T12:00:00Z", "--period", "3d", "--quiet",
        ])
        #expect(result.status == 0, "\(result.err)")
        let readiness = try String(
            contentsOf: out.appendingPathComponent("readiness/demo.html"), encoding: .utf8)
        #expect(readiness.contains("Operating effectiveness, 2026-03-08 to 2026-03-10"))
        // INT-1 passed in the run of 03-08 (days 08, 09); its evidence is missing at the build.
        #expect(
            readiness.contains(
                "<td>INT-1</td><td>CANARY-INTERNAL-control-title</td><td class=\"num\">2 of 3 days</td>"
            ))
        #expect(
            readiness.contains(
                "<td>INT-1</td><td>2026-03-10</td><td>2026-03-10</td><td class=\"num\">1</td>"))
        // Titles are the latest run's (the build's own), escaped.
        #expect(readiness.contains("Public control &lt;script&gt;alert(5)&lt;/script&gt;"))
        #expect(!readiness.contains("<script>alert(5)"))
        let markdown = try String(
            contentsOf: out.appendingPathComponent("readiness/demo.md"), encoding: .utf8)
        #expect(
            markdown.contains(
                #"| INT\-1 | CANARY\-INTERNAL\-control\-title | operated effectively on 2 of 3 days |"#
            ))
        let failures = try String(
            contentsOf: out.appendingPathComponent("audit/period/failures.csv"), encoding: .utf8)
        #expect(
            failures.contains(
                "INT-1,2026-03-10,2026-03-10,1,false,true,0,CANARY-INTERNAL-exception-id\r\n"))

        let english = try String(
            contentsOf: out.appendingPathComponent("site/en/index.html"), encoding: .utf8)
        // The build's own run is the only one in 03-08..03-10 that stored the framework's
        // figure (the hand-made runs store `demo` too: 03-08 and 03-09 inherit the run of 03-08).
        #expect(
            english.contains(
                "Over 3 days (March 8, 2026 to March 10, 2026): 66.7% on average"))
        let json = try String(
            contentsOf: out.appendingPathComponent("site/trust-center.json"), encoding: .utf8)
        #expect(json.contains("\"observedDays\" : 3"))
        // Nothing of the controls' days leaves the company.
        for file in try FileManager.default.subpathsOfDirectory(
            atPath: out.appendingPathComponent("site").path)
        where file.hasSuffix(".html") || file.hasSuffix(".json") || file.hasSuffix(".xml") {
            let text = try String(
                contentsOf: out.appendingPathComponent("site/\(file)"), encoding: .utf8)
            #expect(!text.contains("CANARY-"), "\(file)")
            #expect(!text.contains("INT-1"), "\(file)")
        }
    }

    @Test func theFrenchTrustPageShowsThePeriodFigureInFrench() async throws {
        let (folder, store) = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let result = await run([
            "build", "--workspace", Self.workspace, "--store", store, "--out", out.path,
            "--build-time", "2026-03-10T12:00:00Z", "--period", "2026-03-01..2026-03-10",
            "--quiet",
        ])
        #expect(result.status == 0, "\(result.err)")
        let french = try String(
            contentsOf: out.appendingPathComponent("site/fr/index.html"), encoding: .utf8)
        #expect(french.contains("Sur 10 jours (du "))
    }
}

extension PeriodCommandTests {
    @Test func aFigureMeasuredOnFewerDaysThanThePeriodSaysSo() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-period-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        // A new store: the build's own run is the only figure of the 30 days.
        let result = await run([
            "build", "--workspace", Self.workspace, "--store",
            folder.appendingPathComponent("new.sqlite").path, "--out", out.path,
            "--build-time", "2026-03-10T12:00:00Z", "--period", "30d", "--quiet",
        ])
        #expect(result.status == 0, "\(result.err)")
        let english = try String(
            contentsOf: out.appendingPathComponent("site/en/index.html"), encoding: .utf8)
        #expect(
            english.contains(
                "Over 30 days (February 9, 2026 to March 10, 2026), 1 of them measured: 0.0% on average"
            ))
        let readiness = try String(
            contentsOf: out.appendingPathComponent("readiness/demo.html"), encoding: .utf8)
        #expect(
            readiness.contains(
                "<p>30 UTC days, both included · 1 run on 1 day · 0 days without a run inherit the "
                    + "last state · 29 days before the first run not observed."))
        #expect(readiness.contains("mean daily readiness over 1 observed day · lowest 0.0%"))
    }
}

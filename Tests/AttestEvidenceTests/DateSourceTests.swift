import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// Where each collector's date comes from, and what it names as its target.
@Suite struct DateSourceTests {
    struct Case: Sendable, CustomStringConvertible {
        var collector: CollectorKind
        var path: String?
        var options: String
        var source: DateSource
        var observedAt: String?
        var target: String?
        var description: String { "\(collector.rawValue) \(path ?? options)" }
    }

    static let cases: [Case] = [
        Case(
            collector: .file, path: "file/security-policy.md", options: "", source: .source,
            observedAt: "2026-05-01T00:00:00Z", target: "file/security-policy.md"),
        Case(
            collector: .file, path: "file/incident-runbook.md", options: "", source: .source,
            observedAt: "2026-04-15T00:00:00Z", target: "file/incident-runbook.md"),
        Case(
            collector: .json, path: "json/idp-policy.json", options: "date_field: exported_at",
            source: .source, observedAt: "2026-05-20T08:00:00Z", target: "json/idp-policy.json"),
        Case(
            collector: .json, path: "json/idp-policy.json", options: "observed_at: exported_at",
            source: .source, observedAt: "2026-05-20T08:00:00Z", target: "json/idp-policy.json"),
        Case(
            collector: .json, path: "json/idp-policy.json", options: "", source: .assumed,
            observedAt: nil, target: "json/idp-policy.json"),
        Case(
            collector: .yaml, path: "yaml/lb-policy.yaml", options: "", source: .assumed,
            observedAt: nil, target: "yaml/lb-policy.yaml"),
        Case(
            collector: .junit, path: "junit/pytest.xml", options: "", source: .source,
            observedAt: "2026-05-30T09:15:02.123456Z", target: "junit/pytest.xml"),
        Case(
            collector: .junit, path: "junit/no-attributes.xml", options: "", source: .assumed,
            observedAt: nil, target: "junit/no-attributes.xml"),
        Case(
            collector: .sarif, path: "sarif/semgrep.sarif", options: "", source: .source,
            observedAt: "2026-05-29T18:30:00Z", target: "sarif/semgrep.sarif"),
        Case(
            collector: .attestation, path: "attestation/access-review.yaml", options: "",
            source: .source, observedAt: "2026-05-02T00:00:00Z",
            target: "attestation/access-review.yaml"),
        Case(
            collector: .command, path: nil, options: "command: echo ok", source: .live,
            observedAt: nil, target: "echo ok"),
        Case(
            collector: .external, path: nil, options: "run: sh\nargs: [external/pass.sh]",
            source: .live, observedAt: nil, target: "sh external/pass.sh"),
    ]

    @Test(arguments: cases)
    func eachCollectorSaysWhereItsDateCameFrom(_ item: Case) async throws {
        let spec = Kit.spec(item.collector, path: item.path, options: item.options)
        let result = await EvidenceRunner(registry: Kit.registry).collect(
            spec, context: Kit.context())
        #expect(result.status != .error, "\(result.message)")
        #expect(result.dateSource == item.source)
        #expect(result.target == item.target)
        #expect(result.collector == item.collector)
        let expected = try item.observedAt.map {
            try #require(Timestamp.instant($0, zoneRequired: true))
        }
        #expect(result.observedAt == expected ?? Kit.now)
    }

    @Test func aPresentButUnreadableDateFieldIsAnErrorNotAnAssumedDate() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("export.json", #"{"generated_at": "last tuesday", "ok": true}"#)
        let result = await JSONCollector().collect(
            Kit.spec(.json, path: "export.json", options: "date_field: generated_at"),
            context: Kit.context(root: workspace.root))
        #expect(result.status == .error)
        #expect(result.message.contains("generated_at"))
    }

    @Test func aDateFieldAcceptsADayOrADateTimeWithAZone() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("day.yaml", "generated_at: 2026-05-03\nok: true\n")
        try workspace.write("instant.yaml", "meta:\n  at: 2026-05-03T10:00:00+02:00\n")
        let context = Kit.context(root: workspace.root)
        let day = await YAMLCollector(load: YAMLDocument.evidence).collect(
            Kit.spec(.yaml, path: "day.yaml", options: "date_field: generated_at"),
            context: context)
        #expect(day.observedAt == Kit.day("2026-05-03"))
        #expect(day.dateSource == .source)
        let instant = await YAMLCollector(load: YAMLDocument.evidence).collect(
            Kit.spec(.yaml, path: "instant.yaml", options: "date_field: meta.at"),
            context: context)
        #expect(instant.observedAt == Kit.day("2026-05-03").addingTimeInterval(8 * 3_600))
    }

    @Test func dateFieldAndObservedAtTogetherAreRefused() {
        let diagnostics = JSONCollector().validate(
            Kit.spec(
                .json, path: "a.json", options: "date_field: a\nobserved_at: b"))
        #expect(Kit.codes(diagnostics) == ["evidence.invalid-option 2:14"])
    }

    /// Git dates for a policy with a date of its own and a YAML snapshot without one.
    static let history = WorkspaceHistory(
        commit: String(repeating: "a", count: 40),
        dates: [
            "file/security-policy.md": Kit.day("2026-05-20"),
            "yaml/lb-policy.yaml": Kit.day("2026-05-21"),
        ])

    @Test func aSourceDateWinsOverTheGitDate() async {
        let history = Self.history
        var context = Kit.context()
        context.history = history
        let runner = EvidenceRunner(registry: Kit.registry)
        let policy = await runner.collect(
            Kit.spec(.file, path: "file/security-policy.md"), context: context)
        #expect(policy.dateSource == .source)
        #expect(policy.observedAt == Kit.day("2026-05-01"))
        let snapshot = await runner.collect(
            Kit.spec(.yaml, path: "./yaml/lb-policy.yaml", maxAge: .days(5)), context: context)
        #expect(snapshot.dateSource == .git)
        #expect(snapshot.observedAt == Kit.day("2026-05-21"))
        #expect(snapshot.status == .stale)
    }

    /// The collectors run while the git history is read: a result that needs no history is
    /// reported before the history arrives, one that needs it after; and every result is the
    /// one of collecting with the history read first (`collect` with `context.history`).
    @Test func theCollectorsRunWhileTheHistoryIsRead() async {
        let history = Self.history
        let specs = [
            Kit.spec(.yaml, path: "./yaml/lb-policy.yaml", maxAge: .days(5), id: "needs-git"),
            Kit.spec(.file, path: "file/security-policy.md", id: "own-date"),
            Kit.spec(.yaml, path: "nope.yaml", id: "missing"),
            Kit.spec(.yaml, path: "yaml/lb-policy.yaml", id: "undated-fresh"),
        ]
        let events = EventLog()
        let runner = EvidenceRunner(registry: Kit.registry, jobs: 2) { events.append($0) }
        let finishedBeforeHistory = EventLog()
        let results = await runner.run(specs, context: Kit.context()) {
            // Handed over only once the item with a date of its own is reported (or after
            // ten seconds, when the collectors waited for the history: the test then fails).
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                if events.finished.contains("own-date") { break }
                try? await Task.sleep(for: .milliseconds(5))
            }
            for event in events.all { finishedBeforeHistory.append(event) }
            return history
        }
        #expect(finishedBeforeHistory.finished.contains("own-date"))
        #expect(!finishedBeforeHistory.finished.contains("needs-git"))
        #expect(Set(events.finished) == Set(specs.map(\.id.rawValue)))
        var dated = Kit.context()
        dated.history = history
        for (spec, result) in zip(specs, results) {
            #expect(result == (await runner.collect(spec, context: dated)), "\(spec.id)")
        }
        #expect(results.map(\.dateSource) == [.git, .source, .assumed, .git])
        #expect(results[0].status == .stale)
    }

    @Test(arguments: [
        (UndatedPolicy.accept, "pass"), (.warn, "pass"), (.fail, "fail"),
    ])
    func theUndatedPolicyDecidesHowAnAssumedDateScores(
        _ policy: UndatedPolicy, _ status: String
    )
        async
    {
        var context = Kit.context()
        context.undated = policy
        let runner = EvidenceRunner(registry: Kit.registry)
        let undated = await runner.collect(
            Kit.spec(.yaml, path: "yaml/lb-policy.yaml"), context: context)
        #expect(undated.status.name == status)
        #expect(undated.message.hasPrefix("undated") == (policy == .fail))
        let dated = await runner.collect(
            Kit.spec(.file, path: "file/security-policy.md"), context: context)
        #expect(dated.status == .pass)
        let missing = await runner.collect(Kit.spec(.yaml, path: "nope.yaml"), context: context)
        #expect(missing.status == .missing)
    }
}

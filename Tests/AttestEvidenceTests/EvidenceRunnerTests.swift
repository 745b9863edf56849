import AttestCore
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct EvidenceRunnerTests {
    static func specs(_ count: Int, maxAge: TimeSpan? = nil) -> [EvidenceSpec] {
        (0..<count).map { Kit.spec(.command, maxAge: maxAge, id: "e\($0)") }
    }

    @Test func resultsKeepTheInputOrderWhateverFinishesFirst() async {
        // Earlier evidence sleeps longer, so completion order is the reverse of input order.
        let collector = ScriptedCollector { spec in
            .milliseconds(10 * (8 - (Int(spec.id.rawValue.dropFirst()) ?? 0)))
        }
        let runner = EvidenceRunner(registry: CollectorRegistry(collectors: [collector]), jobs: 8)
        let results = await runner.run(Self.specs(8), context: Kit.context())
        #expect(
            results.map(\.evidence.rawValue) == ["e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7"])
        #expect(results.map(\.message) == (0..<8).map { "collected e\($0)" })
    }

    @Test(arguments: [1, 2, 3])
    func noMoreThanJobsCollectorsRunAtOnce(_ jobs: Int) async {
        let collector = ScriptedCollector { _ in .milliseconds(30) }
        let runner = EvidenceRunner(
            registry: CollectorRegistry(collectors: [collector]), jobs: jobs)
        let results = await runner.run(Self.specs(9), context: Kit.context())
        #expect(results.count == 9)
        #expect(collector.maxConcurrent == jobs)
    }

    @Test func progressReportsEveryStartAndFinish() async {
        let events = EventLog()
        let collector = ScriptedCollector()
        let runner = EvidenceRunner(
            registry: CollectorRegistry(collectors: [collector]), jobs: 2,
            progress: { events.append($0) })
        _ = await runner.run(Self.specs(3), context: Kit.context())
        let started = events.all.compactMap { event -> String? in
            if case .started(let spec, let index, let total) = event {
                return "\(spec.id)@\(index)/\(total)"
            }
            return nil
        }
        let finished = events.all.compactMap { event -> Int? in
            if case .finished(_, let done, let total) = event, total == 3 { return done }
            return nil
        }
        #expect(started == ["e0@0/3", "e1@1/3", "e2@2/3"])
        #expect(finished == [1, 2, 3])
    }

    @Test func aCollectorThatOverrunsIsCutOffAsAnError() async {
        let collector = ScriptedCollector(stubborn: true) { _ in .seconds(300) }
        let runner = EvidenceRunner(
            registry: CollectorRegistry(collectors: [collector]), jobs: 1, grace: .zero)
        let started = ContinuousClock.now
        let results = await runner.run(
            Self.specs(1), context: Kit.context(timeout: .milliseconds(200)))
        // Far below the collector's 300 s: the runner gave up on it (a generous margin: the
        // suite's in-process builds can hold both threads of the cooperative pool for seconds;
        // this checks behaviour, not speed).
        #expect(ContinuousClock.now - started < .seconds(120))
        #expect(results.first?.status == .error)
        #expect(results.first?.message == "timed out after 200ms (the collector did not finish)")
    }

    /// Whatever a collector returns, the runner redacts secrets from its message and artifact
    /// paths before the result is stored, printed or published.
    @Test func secretsInAnyCollectorsResultAreRedacted() async {
        let runner = EvidenceRunner(registry: CollectorRegistry(collectors: [LeakyCollector()]))
        let results = await runner.run(Self.specs(1), context: Kit.context())
        #expect(
            results.first?.message
                == "GET https://ci:[REDACTED]@example.com/x?sig=[REDACTED] → DB_PASS=[REDACTED]")
        #expect(
            results.first?.artifacts.map(\.path) == [
                "https://ci:[REDACTED]@example.com/x?sig=[REDACTED]"
            ])
    }

    @Test func anUnregisteredCollectorIsAnError() async {
        let runner = EvidenceRunner(registry: CollectorRegistry(collectors: []))
        let results = await runner.run(Self.specs(1), context: Kit.context())
        #expect(results.first?.status == .error)
        #expect(results.first?.message == "no collector is registered for 'command'")
    }

    @Test func oldEvidenceTurnsStaleAndFreshEvidenceGetsAnExpiry() async {
        let observed = Kit.day("2026-02-01")
        for (status, expected) in [
            (EvidenceStatus.pass, EvidenceStatus.stale), (.fail, .stale), (.partial(0.5), .stale),
            (.error, .error), (.missing, .missing),
        ] {
            let runner = EvidenceRunner(
                registry: CollectorRegistry(collectors: [
                    ScriptedCollector(status: status, observedAt: observed)
                ]))
            let stale = await runner.run(Self.specs(1, maxAge: .days(90)), context: Kit.context())
            #expect(stale.first?.status == expected)
            #expect(stale.first?.expiresAt == Kit.day("2026-05-02"))
            if expected == .stale {
                #expect(stale.first?.message == "stale since 2026-05-02T00:00:00Z: collected e0")
            }
        }
        let runner = EvidenceRunner(
            registry: CollectorRegistry(collectors: [ScriptedCollector(observedAt: observed)]))
        let fresh = await runner.run(Self.specs(1, maxAge: .days(180)), context: Kit.context())
        #expect(fresh.first?.status == .pass)
        #expect(fresh.first?.expiresAt == Kit.day("2026-07-31"))
        let forever = await runner.run(Self.specs(1), context: Kit.context())
        #expect(forever.first?.expiresAt == nil)
    }

    /// Collectors that read only workspace files run several items to a task and without a
    /// deadline; a run mixing them with others still returns every result in input order,
    /// reports each start and finish once, and keeps to `jobs`.
    @Test(arguments: [1, 2, 3])
    func aRunMixingBothKindsOfCollectorKeepsOrderProgressAndJobs(_ jobs: Int) async {
        let local = ScriptedCollector(kind: .file, readsOnlyWorkspaceFiles: true) { _ in
            .milliseconds(1)
        }
        let other = ScriptedCollector(kind: .command) { _ in .milliseconds(1) }
        let events = EventLog()
        let runner = EvidenceRunner(
            registry: CollectorRegistry(collectors: [local, other]), jobs: jobs,
            progress: { events.append($0) })
        var random = SplitMix64(seed: UInt64(jobs))
        let specs = (0..<150).map { index in
            Kit.spec(random.next(below: 5) == 0 ? .command : .file, id: "e\(index)")
        }
        let results = await runner.run(specs, context: Kit.context())
        #expect(results.map(\.evidence) == specs.map(\.id))
        #expect(results.map(\.message) == specs.map { "collected \($0.id)" })
        #expect(results.map(\.collector) == specs.map(\.collector))
        let started = events.all.compactMap { event -> Int? in
            if case .started(_, let index, _) = event { return index }
            return nil
        }
        let done = events.all.compactMap { event -> Int? in
            if case .finished(_, let done, _) = event { return done }
            return nil
        }
        #expect(started.sorted() == Array(0..<150))
        #expect(done == Array(1...150))
        #expect(max(local.maxConcurrent, other.maxConcurrent) <= jobs)
    }

    /// The tasks' shares: in order, covering every spec once; a share of several specs holds
    /// only collectors that read workspace files, at most `itemsPerTask`, and is as long as it
    /// can be (it ends at the limit, before another collector, or at the end).
    @Test func theSpecsAreSharedAsMaximalRunsOfWorkspaceFileCollectors() {
        let registry = Kit.registry
        let limit = EvidenceRunner.itemsPerTask
        var random = SplitMix64(seed: 77)
        for _ in 0..<200 {
            let count = Int(random.next(below: 120))
            let specs = (0..<count).map { index in
                Kit.spec(
                    random.next(below: 6) == 0 ? .command : .json, id: "e\(index)")
            }
            let units = EvidenceRunner.units(of: specs, registry: registry)
            #expect(units.flatMap { Array($0) } == Array(0..<count))
            for (position, unit) in units.enumerated() where unit.count > 1 {
                #expect(unit.count <= limit)
                #expect(unit.allSatisfy { specs[$0].collector == .json })
                let next = units.indices.contains(position + 1) ? units[position + 1] : nil
                #expect(
                    unit.count == limit || next == nil
                        || specs[next?.lowerBound ?? 0].collector == .command)
            }
            for unit in units where unit.count == 1 && specs[unit.lowerBound].collector == .json {
                let next = unit.upperBound
                #expect(next == count || specs[next].collector == .command)
            }
        }
    }

    /// Which built-in collectors do without the deadline: those that only read workspace
    /// files. Commands, HTTP, TLS and external collectors wait on the world and keep it.
    @Test func onlyWorkspaceFileCollectorsGoWithoutADeadline() {
        let withoutDeadline = CollectorKind.allCases.filter {
            Kit.registry[$0]?.readsOnlyWorkspaceFiles == true
        }
        #expect(withoutDeadline == [.file, .json, .yaml, .junit, .sarif, .attestation])
    }

    /// A collector that reads only workspace files has nothing to wait for, so its item's
    /// `timeout:` does not cut it short: it runs to its result.
    @Test func aWorkspaceFileCollectorIsNotCutOffByTheDeadline() async {
        let collector = ScriptedCollector(kind: .file, readsOnlyWorkspaceFiles: true) { _ in
            .milliseconds(300)
        }
        let runner = EvidenceRunner(
            registry: CollectorRegistry(collectors: [collector]), jobs: 1, grace: .zero)
        let results = await runner.run(
            [Kit.spec(.file, id: "slow")], context: Kit.context(timeout: .milliseconds(20)))
        #expect(results.first?.status == .pass)
        #expect(results.first?.message == "collected slow")
    }

    @Test func realCollectorsRunThroughTheRegistry() async {
        let specs = [
            Kit.spec(.junit, path: "junit/pytest.xml", id: "tests"),
            Kit.spec(
                .yaml, path: "yaml/lb-policy.yaml", options: #"expect: { tls.min_version: "1.3" }"#,
                id: "tls"),
            Kit.spec(.file, path: "file/security-policy.md", maxAge: .days(7), id: "policy"),
            Kit.spec(.command, options: "command: exit 1", id: "cmd"),
        ]
        let results = await EvidenceRunner(registry: Kit.registry, jobs: 2).run(
            specs, context: Kit.context())
        #expect(results.map(\.evidence.rawValue) == ["tests", "tls", "policy", "cmd"])
        #expect(results.map(\.status) == [.partial(0.75), .pass, .stale, .fail])
        #expect(
            results[2].message
                == "stale since 2026-05-08T00:00:00Z: file/security-policy.md exists "
                + "(279 bytes), reviewed 2026-05-01 (front matter)")
    }
}

/// Progress events gathered from any thread.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ProgressEvent] = []
    func append(_ event: ProgressEvent) { lock.withLock { events.append(event) } }
    var all: [ProgressEvent] { lock.withLock { events } }
    /// The evidence of every finished event, in order.
    var finished: [String] {
        all.compactMap { event in
            if case .finished(let result, _, _) = event { return result.evidence.rawValue }
            return nil
        }
    }
}

/// A collector whose result carries secrets in its message and artifact.
private struct LeakyCollector: Collector {
    let kind = CollectorKind.command

    func validate(_ spec: EvidenceSpec) -> [Diagnostic] { [] }

    func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        let url = "https://ci:hunter2@example.com/x?sig=abc123"
        return EvidenceResult(
            evidence: spec.id, control: spec.control, status: .pass, observedAt: context.now,
            message: "GET \(url) → DB_PASS=s3cr3t",
            artifacts: [Artifact(path: url, sha256: String(repeating: "0", count: 64))])
    }
}

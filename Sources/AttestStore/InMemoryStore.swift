import AttestCore
import Foundation

/// The in-memory twin of `SQLiteStore`, with the same behaviour, for tests.
public final class InMemoryStore: ScoreStore, @unchecked Sendable {
    private struct StoredRun {
        var summary: RunSummary
        var record: RunRecord
    }

    private let lock = NSLock()
    private var runsByID: [Int64: StoredRun] = [:]
    private var nextID: Int64 = 1
    private var disclosureLog: [Disclosure] = []
    private var requests: [String: AccessRequest] = [:]

    public init() {}

    public func record(_ run: RunRecord) throws(StoreError) -> Int64 {
        let evidenceIDs = run.results.map(\.evidence)
        guard Set(evidenceIDs).count == evidenceIDs.count else {
            throw StoreError(
                code: .invalidRecord, path: ":memory:",
                detail: "an evidence id appears twice in one run")
        }
        return lock.withLock {
            if let buildID = run.buildID,
                let existing = runsByID.values.first(where: { $0.summary.buildID == buildID })
            {
                return existing.summary.id
            }
            let id = nextID
            nextID += 1
            runsByID[id] = StoredRun(
                summary: RunSummary(
                    id: id, kind: run.kind, state: run.state, startedAt: run.startedAt,
                    finishedAt: run.finishedAt,
                    toolVersion: run.toolVersion, workspaceFingerprint: run.workspaceFingerprint,
                    buildID: run.buildID, resultCount: run.results.count, revision: run.revision,
                    ciURL: run.ciURL),
                record: run)
            return id
        }
    }

    public func mark(_ run: Int64, as state: RunState) {
        lock.withLock {
            guard let stored = runsByID[run], stored.summary.state != .published else { return }
            runsByID[run]?.summary.state = state
        }
    }

    public func runs(limit: Int?, states: Set<RunState>) -> [RunSummary] {
        lock.withLock {
            let all = runsByID.values.map(\.summary).filter { states.contains($0.state) }
                .sorted { $0.id > $1.id }
            return limit.map { Array(all.prefix($0)) } ?? all
        }
    }

    public func results(run: Int64) -> [EvidenceResult] {
        lock.withLock { (runsByID[run]?.record.results ?? []).sorted { $0.evidence < $1.evidence } }
    }

    public func scores(run: Int64) -> [NodeScore] {
        lock.withLock { (runsByID[run]?.record.scores ?? []).sorted { $0.node < $1.node } }
    }

    public func controls(run: Int64) -> [ControlSnapshot] {
        lock.withLock { (runsByID[run]?.record.controls ?? []).sorted { $0.id < $1.id } }
    }

    public func exclusions(run: Int64) -> [ExclusionSnapshot]? {
        lock.withLock {
            runsByID[run].map { $0.record.exclusions.sorted { $0.requirement < $1.requirement } }
        }
    }

    public func history(
        of node: ScoreNode, limit: Int?, states: Set<RunState>
    ) -> [(run: RunSummary, score: NodeScore)] {
        let all = runs(limit: nil, states: states).compactMap {
            summary -> (run: RunSummary, score: NodeScore)? in
            guard let score = scores(run: summary.id).first(where: { $0.node == node }) else {
                return nil
            }
            return (summary, score)
        }
        return limit.map { Array(all.prefix($0)) } ?? all
    }

    public func observations(
        from: Date, until: Date, states: Set<RunState>
    ) -> [PeriodObservation] {
        let stored = lock.withLock {
            runsByID.values.filter { states.contains($0.summary.state) }
                .sorted {
                    ($0.summary.startedAt, $0.summary.id) < ($1.summary.startedAt, $1.summary.id)
                }
        }
        let before = stored.last { $0.summary.startedAt < from }
        let within = stored.filter { $0.summary.startedAt >= from && $0.summary.startedAt < until }
        return ([before].compactMap { $0 } + within).map { run in
            PeriodObservation(
                run: run.summary.id, time: run.summary.startedAt,
                controls: Dictionary(
                    run.record.controls.map {
                        (
                            $0.id,
                            PeriodObservation.ObservedControl(
                                score: $0.score, title: $0.title, visibility: $0.visibility)
                        )
                    }, uniquingKeysWith: { first, _ in first }),
                nodes: Dictionary(
                    run.record.scores.map { ($0.node, $0) }, uniquingKeysWith: { first, _ in first }
                ))
        }
    }

    public func record(_ disclosure: Disclosure) throws(StoreError) {
        let added = lock.withLock {
            guard !disclosureLog.contains(where: { $0.id == disclosure.id }) else { return false }
            disclosureLog.append(disclosure)
            return true
        }
        guard added else {
            throw StoreError(
                code: .invalidRecord, path: ":memory:",
                detail: "disclosure \(disclosure.id) is already logged")
        }
    }

    public func disclosures() -> [Disclosure] {
        lock.withLock { disclosureLog.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }
    }

    public func record(_ request: AccessRequest) throws(StoreError) {
        let added = lock.withLock {
            guard requests[request.id] == nil else { return false }
            requests[request.id] = request
            return true
        }
        guard added else {
            throw StoreError(
                code: .invalidRecord, path: ":memory:",
                detail: "access request \(request.id) is already recorded")
        }
    }

    public func accessRequest(id: String) -> AccessRequest? {
        lock.withLock { requests[id] }
    }

    public func accessRequests(statuses: Set<AccessStatus>) -> [AccessRequest] {
        lock.withLock {
            requests.values.filter { statuses.contains($0.status) }
                .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        }
    }

    public func decide(_ id: String, _ decision: AccessDecision) -> AccessRequest? {
        lock.withLock {
            guard var request = requests[id], decision.allowedFrom.contains(request.status)
            else { return nil }
            request.status = decision.status
            request.decidedAt = decision.at
            request.decidedBy = decision.by
            if let expiresAt = decision.expiresAt { request.expiresAt = expiresAt }
            requests[id] = request
            return request
        }
    }
}

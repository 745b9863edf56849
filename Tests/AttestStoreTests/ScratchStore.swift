import AttestCore
import AttestStore
import AttestStorePostgres
import AttestTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One PostgreSQL server for the whole test process, each store on a database of its own:
/// starting a cluster costs seconds of CPU, and the shared test bodies open dozens of stores
/// (one server per store made the suite, run beside the rest, starve a loaded machine). The
/// server is stopped when the process exits.
enum SharedPostgres {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static let server: Result<LocalPostgres, Unavailable> = {
        let started = Result { try LocalPostgres() }.mapError {
            Unavailable(description: "\($0)")
        }
        atexit {
            if case .success(let server) = SharedPostgres.server { server.stop() }
        }
        return started
    }()
}

/// A store for one test that takes what it lives in away with it: a SQLite store's temporary
/// folder, or a PostgreSQL store's database on the shared server. Tests make hundreds of
/// stores, and a folder left behind by each would pile up in the machine's temporary folder.
final class ScratchStore: ScoreStore, @unchecked Sendable {
    // @unchecked: both are set once in init; the stores are Sendable, and the owner is only
    // kept alive (a TemporaryWorkspace removes its folder on release; LocalPostgres locks).
    let store: any ScoreStore
    let owner: AnyObject

    private init(_ store: any ScoreStore, owner: AnyObject) {
        self.store = store
        self.owner = owner
    }

    /// A SQLite store in a temporary folder, removed with the store.
    static func sqlite() throws -> ScratchStore {
        let folder = try TemporaryWorkspace()
        let path = folder.root.appendingPathComponent("attest.sqlite").path
        return ScratchStore(try SQLiteStore(path: path), owner: folder)
    }

    /// A `PostgresStore` on a fresh database of the shared server.
    static func postgres() throws -> ScratchStore {
        let server = try SharedPostgres.server.get()
        return ScratchStore(try PostgresStore(url: server.createDatabase()), owner: server)
    }

    func record(_ run: RunRecord) throws(StoreError) -> Int64 { try store.record(run) }
    func mark(_ run: Int64, as state: RunState) throws(StoreError) {
        try store.mark(run, as: state)
    }
    func runs(limit: Int?, states: Set<RunState>) throws(StoreError) -> [RunSummary] {
        try store.runs(limit: limit, states: states)
    }
    func results(run: Int64) throws(StoreError) -> [EvidenceResult] {
        try store.results(run: run)
    }
    func scores(run: Int64) throws(StoreError) -> [NodeScore] { try store.scores(run: run) }
    func controls(run: Int64) throws(StoreError) -> [ControlSnapshot] {
        try store.controls(run: run)
    }
    func exclusions(run: Int64) throws(StoreError) -> [ExclusionSnapshot]? {
        try store.exclusions(run: run)
    }
    func history(
        of node: ScoreNode, limit: Int?, states: Set<RunState>
    ) throws(StoreError) -> [(run: RunSummary, score: NodeScore)] {
        try store.history(of: node, limit: limit, states: states)
    }
    func observations(
        from: Date, until: Date, states: Set<RunState>
    ) throws(StoreError) -> [PeriodObservation] {
        try store.observations(from: from, until: until, states: states)
    }
    func record(_ disclosure: Disclosure) throws(StoreError) { try store.record(disclosure) }
    func disclosures() throws(StoreError) -> [Disclosure] { try store.disclosures() }
    func record(_ request: AccessRequest) throws(StoreError) { try store.record(request) }
    func accessRequest(id: String) throws(StoreError) -> AccessRequest? {
        try store.accessRequest(id: id)
    }
    func accessRequests(statuses: Set<AccessStatus>) throws(StoreError) -> [AccessRequest] {
        try store.accessRequests(statuses: statuses)
    }
    func decide(_ id: String, _ decision: AccessDecision) throws(StoreError) -> AccessRequest? {
        try store.decide(id, decision)
    }
}

import AttestCore
import AttestStore
import AttestStorePostgres
import AttestTestSupport
import Foundation
import Testing

/// The portal's access ledger, the same bodies on SQLite, in memory and on PostgreSQL.
@Suite struct AccessLedgerTests {
    typealias Kind = ScoreStoreTests.Kind

    static let t0 = ScoreStoreTests.t0

    static func request(_ id: String, at offset: TimeInterval = 0) -> AccessRequest {
        AccessRequest(
            id: id, createdAt: t0.addingTimeInterval(offset), name: "Zoë O'Brien-Łukasz",
            email: "zoe@buyer.example", company: "Buyer & Sons <Ltd>",
            reason: "Vendor review\nsecond line, \"quoted\"", locale: "fr",
            documents: ["pentest-2026", "soc2-report"],
            ndaSHA256: String(repeating: "e3", count: 32), ipAddress: "2001:db8::7",
            userAgent: "Mozilla/5.0 (X11; Linux x86_64)")
    }

    /// Two handles on one ledger, as two processes or portal instances have, and what the
    /// ledger lives in (a temporary folder, the shared server), to be kept while they are used.
    static func twoHandles(_ kind: Kind) throws -> (any ScoreStore, any ScoreStore, AnyObject?) {
        switch kind {
        case .memory:
            let store = InMemoryStore()
            return (store, store, nil)
        case .sqlite:
            let folder = try TemporaryWorkspace()
            let path = folder.root.appendingPathComponent("attest.sqlite").path
            return (try SQLiteStore(path: path), try SQLiteStore(path: path), folder)
        case .postgres:
            let server = try SharedPostgres.server.get()
            let url = try server.createDatabase()
            return (try PostgresStore(url: url), try PostgresStore(url: url), server)
        }
    }

    @Test(arguments: Kind.available)
    func aRequestIsRecordedOnceAndReadBackExactly(_ kind: Kind) throws {
        let store = try ScoreStoreTests.makeStore(kind)
        let request = Self.request("r1")
        try store.record(request)
        #expect(try store.accessRequest(id: "r1") == request)
        #expect(try store.accessRequest(id: "r2") == nil)
        #expect(throws: StoreError.self) { try store.record(request) }
        #expect(try store.accessRequests(statuses: Set(AccessStatus.allCases)) == [request])
    }

    @Test(arguments: Kind.available)
    func requestsAreListedNewestFirstByStatus(_ kind: Kind) throws {
        let store = try ScoreStoreTests.makeStore(kind)
        for (index, id) in ["a", "b", "c"].enumerated() {
            try store.record(Self.request(id, at: Double(index) * 60))
        }
        _ = try store.decide(
            "b", AccessDecision(status: .denied, at: Self.t0.addingTimeInterval(600), by: "cli"))
        #expect(try store.accessRequests(statuses: [.pending]).map(\.id) == ["c", "a"])
        #expect(try store.accessRequests(statuses: [.denied]).map(\.id) == ["b"])
        #expect(try store.accessRequests(statuses: []).isEmpty)
    }

    @Test(arguments: Kind.available)
    func decisionsFollowTheAllowedTransitionsOnly(_ kind: Kind) throws {
        let store = try ScoreStoreTests.makeStore(kind)
        try store.record(Self.request("r1"))
        let at = Self.t0.addingTimeInterval(3_600)
        let until = at.addingTimeInterval(14 * 86_400)
        // Nothing to revoke yet: a pending request is not granted.
        #expect(try store.decide("r1", AccessDecision(status: .revoked, at: at, by: "cli")) == nil)
        let approved = try #require(
            try store.decide(
                "r1",
                AccessDecision(
                    status: .approved, at: at, by: "auto: allowed domain buyer.example",
                    expiresAt: until)))
        #expect(approved.status == .approved)
        #expect(approved.expiresAt == until)
        #expect(approved.decidedBy == "auto: allowed domain buyer.example")
        #expect(approved.isGranted(at: at))
        #expect(!approved.isGranted(at: until))
        // Approved once: neither approved again nor denied.
        #expect(try store.decide("r1", AccessDecision(status: .denied, at: at, by: "x")) == nil)
        let revoked = try #require(
            try store.decide(
                "r1", AccessDecision(status: .revoked, at: at.addingTimeInterval(60), by: "cli")))
        #expect(revoked.status == .revoked)
        #expect(revoked.expiresAt == until)
        #expect(!revoked.isGranted(at: at.addingTimeInterval(61)))
        #expect(try store.accessRequest(id: "r1") == revoked)
        #expect(
            try store.decide("nope", AccessDecision(status: .denied, at: at, by: "cli")) == nil)
    }

    /// Two portal instances (or an instance and the CLI) deciding one request at the same
    /// moment: exactly one decision is taken.
    @Test(arguments: Kind.available)
    func ofTwoDecisionsAtOnceExactlyOneWins(_ kind: Kind) throws {
        let (first, second, owner) = try Self.twoHandles(kind)
        defer { withExtendedLifetime(owner) {} }
        let handles = [first, second]
        for round in 0..<8 {
            try first.record(Self.request("race-\(round)", at: Double(round)))
            let barrier = Barrier(parties: 2)
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                barrier.arriveAndWait()
                let decision = AccessDecision(
                    status: index == 0 ? .approved : .denied, at: Self.t0, by: "handle \(index)",
                    expiresAt: Self.t0.addingTimeInterval(86_400))
                do {
                    let taken = try handles[index].decide("race-\(round)", decision)
                    outcomes.add(.success(taken == nil ? 0 : 1))
                } catch {
                    outcomes.add(.failure(error))
                }
            }
            let wins = try outcomes.all.map { try $0.get() }
            #expect(wins.reduce(0, +) == 1, "round \(round): \(wins)")
            let stored = try #require(try second.accessRequest(id: "race-\(round)"))
            #expect(stored.status != .pending)
        }
    }

    @Test(arguments: Kind.available)
    func aDisclosureKeepsItsDocumentsAndRequest(_ kind: Kind) throws {
        let store = try ScoreStoreTests.makeStore(kind)
        try store.record(Self.request("r1"))
        let disclosure = Disclosure(
            id: "bundle-1", recipient: "Zoë <zoe@buyer.example>", ndaReference: "r1",
            frameworks: ["soc2"], sha256: String(repeating: "1", count: 64), createdAt: Self.t0,
            expiresAt: nil, runID: nil, documents: ["pentest-2026"], accessRequestID: "r1")
        try store.record(disclosure)
        #expect(try store.disclosures() == [disclosure])
    }
}

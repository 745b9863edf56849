import AttestCore
import AttestStore
import AttestStorePostgres
import AttestTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Store URLs: which text names PostgreSQL, and that the password is never shown.
@Suite struct PostgresLocationTests {
    @Test func aStoreURLIsParsedAndShownWithoutItsPassword() throws {
        let location = try PostgresLocation(
            parsing: "postgres://ci:s%40cret@db.internal:6543/attest", environment: [:])
        #expect(location.host == "db.internal")
        #expect(location.port == 6543)
        #expect(location.user == "ci")
        #expect(location.password == "s@cret")
        #expect(location.database == "attest")
        #expect(location.redacted == "postgres://ci:[REDACTED]@db.internal:6543/attest")
    }

    @Test func aURLWithoutPasswordTakesPGPASSWORD() throws {
        let location = try PostgresLocation(
            parsing: "postgresql://ci@127.0.0.1/attest", environment: ["PGPASSWORD": "pw"])
        #expect(location.password == "pw")
        #expect(location.port == 5432)
        #expect(location.redacted == "postgresql://ci@127.0.0.1/attest")
    }

    @Test func onlyPostgresURLsNamePostgreSQL() {
        #expect(PostgresLocation.isURL("postgres://u@h/d"))
        #expect(PostgresLocation.isURL("POSTGRESQL://u@h/d"))
        #expect(!PostgresLocation.isURL(".attest/attest.sqlite"))
        #expect(!PostgresLocation.isURL("/var/lib/postgres/attest.sqlite"))
    }

    @Test(arguments: [
        "postgres://ci:hunter2@/attest", "postgres://ci:hunter2@h:5432/",
        "postgres://ci:hunter2@h:5432/db?sslmode=verify-full", "postgres://:hunter2@h/db",
    ])
    func aMalformedURLIsRefusedWithoutShowingItsPassword(_ url: String) {
        #expect {
            _ = try PostgresLocation(parsing: url, environment: [:])
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .io && error.map { !"\($0)".contains("hunter2") } == true
                && error?.path.contains("[REDACTED]") == true
        }
    }
}

/// The PostgreSQL store against a real server started by each test (`LocalPostgres`).
@Suite struct PostgresStoreTests {
    @Test(.enabled(if: LocalPostgres.available))
    func aThrowawayServerStartsAndStops() throws {
        let server = try LocalPostgres()
        let store = try PostgresStore(url: server.createDatabase())
        #expect(try store.runs(limit: nil).isEmpty)
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: server.folder.path))
    }

    @Test(.enabled(if: LocalPostgres.available))
    func twoConnectionsRecordingOneBuildAtOnceRecordItOnce() throws {
        let server = try LocalPostgres()
        let url = try server.createDatabase()
        // Several rounds, each a fresh build id, so the two inserts truly meet at least once.
        for round in 0..<8 {
            let stores = try [PostgresStore(url: url), PostgresStore(url: url)]
            let barrier = Barrier(parties: 2)
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                barrier.arriveAndWait()
                do {
                    outcomes.add(
                        .success(
                            try stores[index].record(BuildRecordingTests.build("race-\(round)"))))
                } catch {
                    outcomes.add(.failure(error))
                }
            }
            let ids = try outcomes.all.map { try $0.get() }
            #expect(ids.count == 2)
            #expect(Set(ids).count == 1, "round \(round): \(ids)")
        }
        let reopened = try PostgresStore(url: url)
        let builds = try reopened.runs(limit: nil).compactMap(\.buildID)
        #expect(builds.sorted() == (0..<8).map { "race-\($0)" }.sorted())
        // Every run kept its rows once: two results each.
        #expect(try reopened.runs(limit: nil).map(\.resultCount) == Array(repeating: 2, count: 8))
    }

    @Test(.enabled(if: LocalPostgres.available))
    func migrationsRunOnceOnAFreshDatabaseAndAreANoOpTheSecondTime() throws {
        let server = try LocalPostgres()
        let url = try server.createDatabase()
        let first = try PostgresStore(url: url)
        #expect(try first.appliedMigrations() == [1, 2])
        _ = try first.record(ScoreStoreTests.run(0, percentNumerator: 3))
        #expect(try first.migrate() == [])
        let second = try PostgresStore(url: url)
        #expect(try second.migrate() == [])
        #expect(try second.appliedMigrations() == [1, 2])
        #expect(try second.runs(limit: nil).count == 1)
    }

    @Test(.enabled(if: LocalPostgres.available))
    func twoProcessesOpeningAFreshDatabaseAtOnceMigrateItOnce() throws {
        let server = try LocalPostgres()
        let url = try server.createDatabase()
        // Two, as concurrentPerform runs only as many at once as there are cores (two here).
        let barrier = Barrier(parties: 2)
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            barrier.arriveAndWait()
            do {
                outcomes.add(.success(Int64(try PostgresStore(url: url).appliedMigrations().count)))
            } catch {
                outcomes.add(.failure(error))
            }
        }
        #expect(try outcomes.all.map { try $0.get() } == [2, 2])
    }

    @Test(.enabled(if: LocalPostgres.available))
    func aDatabaseFromANewerAttestIsRefusedAndLeftAsItIs() throws {
        let server = try LocalPostgres()
        let url = try server.createDatabase("newer")
        _ = try PostgresStore(url: url)
        try server.execute(
            "INSERT INTO attest_migrations VALUES (999, 'from the future', 'x')", database: "newer")
        for access in [SQLiteStore.Access.readWrite, .readOnly] {
            #expect {
                _ = try PostgresStore(url: url, access: access)
            } throws: { ($0 as? StoreError)?.code == .incompatible }
        }
    }

    @Test(.enabled(if: LocalPostgres.available))
    func anotherProgramsDatabaseIsRefusedAsForeign() throws {
        let server = try LocalPostgres()
        let url = try server.createDatabase("other")
        try server.execute("CREATE TABLE runs (id INTEGER)", database: "other")
        #expect {
            _ = try PostgresStore(url: url)
        } throws: { ($0 as? StoreError)?.code == .foreign }
    }

    @Test(.enabled(if: LocalPostgres.available))
    func aStoreOpenedReadOnlyOnAnEmptyDatabaseReadsEmptyAndWritesNothing() throws {
        let server = try LocalPostgres()
        let url = try server.createDatabase()
        let store = try PostgresStore(url: url, access: .readOnly)
        #expect(try store.runs(limit: nil).isEmpty)
        #expect(try store.disclosures().isEmpty)
        #expect(throws: StoreError.self) {
            try store.record(ScoreStoreTests.run(0, percentNumerator: 1))
        }
        // Nothing was created: a read-write opening still applies the first migration.
        #expect(try PostgresStore(url: url).appliedMigrations() == [1, 2])
    }

    @Test func anUnreachableServerIsAStoreIOErrorWithinABoundedTime() throws {
        // A port that refuses, and a listener that accepts but never answers.
        let silent = try SilentListener()
        for port in [try SilentListener.closedPort(), silent.port] {
            let location = try PostgresLocation(
                parsing: "postgres://ci:hunter2@127.0.0.1:\(port)/attest", environment: [:])
            let started = Date()
            #expect {
                _ = try PostgresStore(location: location, connectTimeout: 1, operationTimeout: 2)
            } throws: { error in
                let error = error as? StoreError
                return error?.code == .io
                    && error?.path == "postgres://ci:[REDACTED]@127.0.0.1:\(port)/attest"
            }
            #expect(Date().timeIntervalSince(started) < 10)
        }
    }

    @Test(.enabled(if: LocalPostgres.available))
    func thePasswordNeverAppearsInAnyErrorText() throws {
        let server = try LocalPostgres()
        let database = "secrets"
        _ = try server.createDatabase(database)
        let wrong = "wrong-\(UUID().uuidString)"
        var errors: [StoreError] = []
        // A wrong password, a database that does not exist, an unreachable port.
        let urls = [
            server.url(database: database, password: wrong),
            server.url(database: "absent", password: wrong),
            "postgres://attest:\(wrong)@127.0.0.1:\(try SilentListener.closedPort())/x",
        ]
        for url in urls {
            do {
                _ = try PostgresStore(url: url)
            } catch {
                errors.append(error)
            }
        }
        // A query that fails on a good connection: a duplicate disclosure.
        let store = try PostgresStore(url: server.url(database: database))
        let disclosure = Disclosure(
            id: "d", recipient: "r", ndaReference: "n", frameworks: [], sha256: "s",
            createdAt: Date(), expiresAt: nil, runID: nil)
        try store.record(disclosure)
        do { try store.record(disclosure) } catch { errors.append(error) }
        #expect(errors.count == 4)
        #expect(errors.map(\.code) == [.io, .io, .io, .invalidRecord])
        for error in errors {
            for text in [error.description, error.path, error.detail, String(reflecting: error)] {
                #expect(!text.contains(wrong))
                #expect(!text.contains(server.password))
            }
        }
    }
}

/// A loopback listener that accepts connections and never says a word, as a hung server.
final class SilentListener: @unchecked Sendable {
    let port: Int
    private let socketFD: Int32

    init() throws {
        (socketFD, port) = try Self.bound()
        guard listen(socketFD, 8) == 0 else { throw POSIXError(.EIO) }
    }

    deinit { close(socketFD) }

    /// A port bound but not listening: connecting to it is refused.
    static func closedPort() throws -> Int {
        let (socketFD, port) = try bound()
        close(socketFD)
        return port
    }

    private static func bound() throws -> (Int32, Int) {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0
            }
        }
        guard bound else {
            close(socketFD)
            throw POSIXError(.EIO)
        }
        return (socketFD, Int(UInt16(bigEndian: address.sin_port)))
    }
}

import Foundation
import GRDB

/// Opening a store: recognising it first, so that nothing but an Attest store is ever written,
/// and reading it without writing anything.
extension SQLiteStore {
    /// What a file given as a store holds once recognised (anything else is refused).
    enum Identity: Equatable {
        /// No file, or an empty one: a new store may be created there.
        case absent
        /// An Attest store, of this version's schema or an earlier one.
        case attest
    }

    /// Recognises the Attest store at `path`, creating and changing nothing: no lock file, and
    /// no SQLite connection that could create `-wal` or `-shm` files beside another program's
    /// database.
    ///
    /// A store carries the Attest application id in its header (and `attest_store` table);
    /// a store written before that is recognised by the tables of the first schema.
    ///
    /// - Throws: `store.foreign` for anything else (another program's database, a file that is
    ///   not SQLite), `store.incompatible` for a store written by a newer Attest.
    static func identify(_ path: String) throws(StoreError) -> Identity {
        switch try StoreFileHeader.content(at: path) {
        case .absent:
            return .absent
        case .notAFile:
            throw foreign(path, "not a regular file")
        case .notSQLite:
            throw foreign(path, "the file is not an SQLite database")
        case let .sqlite(applicationID, userVersion) where applicationID == Self.applicationID:
            guard userVersion <= schemaVersion else { throw newer(path) }
            return .attest
        case let .sqlite(applicationID, _) where applicationID != 0:
            throw foreign(
                path,
                "another program's SQLite database (application id 0x"
                    + String(applicationID, radix: 16) + ")")
        case .sqlite:
            // No application id: a store from before the stamp, one whose stamp is still only
            // in its WAL, or another program's database. Its schema tells which.
            let probe = try SchemaProbe(path: path)
            guard probe.applicationID == Self.applicationID || probe.hasFirstSchema else {
                throw foreign(path, "another program's SQLite database")
            }
            guard probe.migrations.isSubset(of: migrator.migrations) else { throw newer(path) }
            return .attest
        }
    }

    static func foreign(_ path: String, _ reason: String) -> StoreError {
        StoreError(
            code: .foreign, path: path,
            detail: "not an Attest store (\(reason)); Attest leaves it untouched: give --store a "
                + "new file or an Attest store")
    }

    static func newer(_ path: String) -> StoreError {
        StoreError(
            code: .incompatible, path: path,
            detail: "written by a newer Attest; left untouched: upgrade attest to use it")
    }

    /// Recognises, creates if absent, and migrates the store, holding the opening lock.
    static func openForWriting(
        _ path: String, configuration: Configuration, busyTimeout: TimeInterval
    ) throws -> DatabaseQueue {
        // Refuse before the lock file or the folder is created beside someone else's file.
        _ = try identify(path)
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(),
            withIntermediateDirectories: true)
        // Setting WAL and creating tables do not wait on SQLite's busy handler, so processes
        // opening the store at once take turns here.
        let lock = try OpeningLock(path: path + ".lock", timeout: busyTimeout)
        defer { lock.release() }
        // Another process may have created or migrated the store meanwhile.
        if try identify(path) == .absent {
            try stamp(path, busyTimeout: busyTimeout)
        }
        let database = try DatabaseQueue(path: path, configuration: configuration)
        let migrator = Self.migrator
        if try database.read({ try migrator.hasBeenSuperseded($0) }) { throw newer(path) }
        if try !database.read({ try migrator.hasCompletedMigrations($0) }) {
            try migrator.migrate(database)
            // Copy the new header (application id, schema version) from the WAL into the
            // database file, where `identify` reads it. Best effort: a reader may hold older
            // pages back, and SQLite checkpoints again when the last connection closes.
            try? database.writeWithoutTransaction { _ = try $0.checkpoint(.passive) }
        }
        return database
    }

    /// Writes the Attest application id into a new file's header before anything else, in
    /// rollback-journal mode, so that the database file itself carries it (in WAL mode the
    /// header would wait in the WAL until a checkpoint) and a store is recognisable from its
    /// first byte on.
    private static func stamp(_ path: String, busyTimeout: TimeInterval) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "attest.store.stamp"
        let database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction {
            try $0.execute(sql: "PRAGMA application_id = \(applicationID)")
        }
        try database.close()
    }

    /// Opens the store read-only: no lock, no migration, no write, so a reader never waits for
    /// a writer (WAL) and works in a read-only folder. Returns nil when there is no store yet
    /// (it then reads as empty), with the SQL expression of a run's state.
    static func openForReading(
        _ path: String, configuration: Configuration
    ) throws -> (database: DatabaseQueue, runState: String)? {
        guard try identify(path) == .attest else { return nil }
        var configuration = configuration
        configuration.readonly = true
        let database: DatabaseQueue
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
            // A WAL database whose `-shm` cannot be created: its folder is read-only, so no
            // one can write the store there either, and it is read as immutable.
            database = try DatabaseQueue(path: immutableURI(path), configuration: configuration)
        }
        let migrator = Self.migrator
        let (superseded, hasRuns, hasState) = try database.read { db in
            (
                try migrator.hasBeenSuperseded(db), try db.tableExists("runs"),
                try db.tableExists("runs") && db.columns(in: "runs").contains { $0.name == "state" }
            )
        }
        if superseded { throw newer(path) }
        // A store being created by another process has no tables yet: nothing recorded.
        guard hasRuns else { return nil }
        return (database, hasState ? "runs.state" : firstSchemaRunState)
    }

    /// The state of a run in a store of the first schema read without migrating: what
    /// migration v2 gives it.
    static let firstSchemaRunState = """
        (CASE runs.kind WHEN 'build' THEN '\(RunState.published.rawValue)' \
        ELSE '\(RunState.collected.rawValue)' END)
        """

    /// `path` as an SQLite URI opened `immutable`: no lock, no `-wal` or `-shm` file.
    static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:\(escaped)?immutable=1"
    }
}

/// What an SQLite file without the Attest application id holds, read without creating or
/// changing anything beside it.
struct SchemaProbe {
    var applicationID: UInt32
    var tables: Set<String>
    var migrations: Set<String>

    /// Whether the file has the tables of the first Attest schema and its migration.
    var hasFirstSchema: Bool {
        tables.isSuperset(of: SQLiteStore.firstSchemaTables)
            && migrations.contains(SQLiteStore.firstMigration)
    }

    init(path: String) throws(StoreError) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "attest.store.probe"
        // With its `-wal` and `-shm` already there, a read-only connection creates nothing and
        // reads the WAL too; otherwise the file is read as immutable, which opens nothing else.
        let manager = FileManager.default
        let live =
            manager.fileExists(atPath: path + "-wal") && manager.fileExists(atPath: path + "-shm")
        do {
            let database = try DatabaseQueue(
                path: live ? path : SQLiteStore.immutableURI(path), configuration: configuration)
            (applicationID, tables, migrations) = try database.read { db in
                let id = try Int64.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try String.fetchSet(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                let migrations =
                    tables.contains("grdb_migrations")
                    ? try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations") : []
                return (UInt32(truncatingIfNeeded: id), tables, migrations)
            }
            try database.close()
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
        {
            throw SQLiteStore.foreign(path, "an unreadable SQLite file: \(error.message ?? "")")
        } catch {
            throw SQLiteStore.storeError(error, path: path)
        }
    }
}

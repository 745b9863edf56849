import AttestCore
import AttestStore
import CSQLiteBench
import Foundation

/// The store-write workloads: a fresh database file per iteration, written by
/// `SQLiteStore.record` or by the raw C-API loop.
public enum StoreWorkloads {
    /// A folder of fresh database files for this process, under the system's temporary folder.
    public static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-store-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()

    /// A path no database has used yet in this process.
    public static func freshPath(_ label: String) -> String {
        lock.lock()
        counter += 1
        let number = counter
        lock.unlock()
        return folder.appendingPathComponent("\(label)-\(number).sqlite").path
    }

    /// Deletes a database and its `-wal`, `-shm` and `.lock` companions.
    public static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal", ".lock"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// Deletes the folder of fresh databases.
    public static func removeFolder() { try? FileManager.default.removeItem(at: folder) }

    /// The store's schema, read once from a store SQLiteStore created and migrated.
    public static let schema: [String] = {
        let path = freshPath("schema")
        defer { remove(path) }
        do {
            _ = try SQLiteStore(path: path)
            return try RawStoreWriter.schema(ofStoreAt: path)
        } catch {
            fatalError("cannot read the store's schema: \(error)")
        }
    }()

    /// Opens (creates and migrates) a store at a fresh path; not part of the write figures.
    public static func openStore() throws -> SQLiteStore {
        try SQLiteStore(path: freshPath("attest"))
    }

    /// Opens a raw connection at a fresh path with the store's settings and schema.
    public static func openRaw() throws -> RawStoreWriter {
        try RawStoreWriter(path: freshPath("raw"), schema: schema)
    }

    /// The file size of a database with its WAL, in bytes.
    public static func size(_ path: String) -> Int {
        ["", "-wal"].reduce(0) { total, suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
        }
    }
}

/// Compares what two databases hold, table by table, value by value (type and bytes).
public enum StoreComparison {
    static let tables = [
        ("runs", "id"), ("evidence_results", "run_id, evidence_id"), ("scores", "run_id, node"),
        ("run_controls", "run_id, control_id"),
    ]

    /// Row counts of the four tables of `path`.
    public static func rowCounts(_ path: String) throws -> [String: Int] {
        let connection = try RawConnection(path: path)
        var counts: [String: Int] = [:]
        for (table, _) in tables {
            counts[table] = Int(try connection.text("SELECT COUNT(*) FROM \(table)") ?? "0")
        }
        return counts
    }

    /// Differences between the databases at `a` and `b` (empty when they hold the same rows).
    public static func differences(_ a: String, _ b: String, limit: Int = 10) throws -> [String] {
        let left = try RawConnection(path: a)
        let right = try RawConnection(path: b)
        var found: [String] = []
        for (table, order) in tables {
            let sql = "SELECT * FROM \(table) ORDER BY \(order)"
            let l = try left.prepare(sql)
            let r = try right.prepare(sql)
            defer {
                sqlite3_finalize(l)
                sqlite3_finalize(r)
            }
            var row = 0
            while found.count < limit {
                let stepL = sqlite3_step(l)
                let stepR = sqlite3_step(r)
                if stepL != stepR {
                    found.append("\(table): row counts differ (after \(row) rows)")
                    break
                }
                guard stepL == SQLITE_ROW else { break }
                let columns = sqlite3_column_count(l)
                for column in 0..<columns where !same(l, r, column) {
                    let name = String(cString: sqlite3_column_name(l, column))
                    found.append(
                        "\(table) row \(row) column \(name): \(show(l, column)) ≠ \(show(r, column))"
                    )
                }
                row += 1
            }
        }
        return found
    }

    private static func same(_ l: OpaquePointer, _ r: OpaquePointer, _ column: Int32) -> Bool {
        let type = sqlite3_column_type(l, column)
        guard type == sqlite3_column_type(r, column) else { return false }
        switch type {
        case SQLITE_INTEGER:
            return sqlite3_column_int64(l, column) == sqlite3_column_int64(r, column)
        case SQLITE_FLOAT:
            return sqlite3_column_double(l, column).bitPattern
                == sqlite3_column_double(r, column).bitPattern
        case SQLITE_NULL: return true
        default:
            let count = sqlite3_column_bytes(l, column)
            guard count == sqlite3_column_bytes(r, column) else { return false }
            guard count > 0 else { return true }
            return memcmp(
                sqlite3_column_blob(l, column), sqlite3_column_blob(r, column), Int(count)) == 0
        }
    }

    private static func show(_ statement: OpaquePointer, _ column: Int32) -> String {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL: return "NULL"
        case SQLITE_INTEGER: return String(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return String(sqlite3_column_double(statement, column))
        default: return "'" + String(cString: sqlite3_column_text(statement, column)) + "'"
        }
    }
}

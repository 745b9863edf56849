import CSQLiteBench
import Foundation

/// The store floor: the rows a build stored, read back from its store with their schema, then
/// inserted into a fresh file through the SQLite C API: one transaction, one prepared INSERT
/// per table, every value held in memory ahead (text already formatted), so what is timed is
/// binding and stepping only, with the same schema, indexes, journal mode and foreign keys.
struct RawStoreCopy {
    enum Value {
        case null
        case integer(Int64)
        case real(Double)
        case text([UInt8])
        case blob([UInt8])
    }

    struct Table {
        var name: String
        var columns: Int
        /// Row after row, `columns` values each.
        var values: [Value]
        var rows: Int { columns == 0 ? 0 : values.count / columns }
    }

    /// The schema statements (tables, then indexes), in the order the store created them.
    var schema: [String]
    var tables: [Table]
    var journalMode: String
    var rowCount: Int { tables.reduce(0) { $0 + $1.rows } }

    struct SQLiteError: Error, CustomStringConvertible {
        var description: String
    }

    /// SQLITE_TRANSIENT, a macro Swift cannot import.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Reads every row of every table of the store at `path`.
    init(readingStoreAt path: String) throws {
        let database = try Self.open(path, flags: SQLITE_OPEN_READONLY)
        defer { sqlite3_close_v2(database) }
        journalMode = try Self.rows(database, "PRAGMA journal_mode").first?.first ?? "delete"
        let entries = try Self.rows(
            database,
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                + "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid")
        schema = entries.map { $0[2] }
        tables = []
        for entry in entries where entry[0] == "table" {
            let statement = try Self.prepare(database, "SELECT * FROM \"\(entry[1])\"")
            defer { sqlite3_finalize(statement) }
            let columns = Int(sqlite3_column_count(statement))
            var values: [Value] = []
            while sqlite3_step(statement) == SQLITE_ROW {
                for column in 0..<Int32(columns) {
                    switch sqlite3_column_type(statement, column) {
                    case SQLITE_INTEGER:
                        values.append(.integer(sqlite3_column_int64(statement, column)))
                    case SQLITE_FLOAT:
                        values.append(.real(sqlite3_column_double(statement, column)))
                    case SQLITE_TEXT, SQLITE_BLOB:
                        let count = Int(sqlite3_column_bytes(statement, column))
                        let bytes: [UInt8] =
                            sqlite3_column_blob(statement, column).map {
                                Array(UnsafeRawBufferPointer(start: $0, count: count))
                            } ?? []
                        values.append(
                            sqlite3_column_type(statement, column) == SQLITE_TEXT
                                ? .text(bytes) : .blob(bytes))
                    default: values.append(.null)
                    }
                }
            }
            tables.append(Table(name: entry[1], columns: columns, values: values))
        }
    }

    /// Creates a store at `path` with the schema and inserts every row; the seconds it took.
    func insert(into path: String) throws -> Double {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
        let start = DispatchTime.now().uptimeNanoseconds
        let database = try Self.open(
            path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX)
        defer { sqlite3_close_v2(database) }
        try Self.execute(database, "PRAGMA journal_mode=\(journalMode)")
        try Self.execute(database, "PRAGMA foreign_keys=ON")
        try Self.execute(database, "BEGIN IMMEDIATE")
        for statement in schema { try Self.execute(database, statement) }
        for table in tables where table.rows > 0 {
            let marks = Array(repeating: "?", count: table.columns).joined(separator: ",")
            let insert = try Self.prepare(
                database, "INSERT INTO \"\(table.name)\" VALUES (\(marks))")
            defer { sqlite3_finalize(insert) }
            var index = 0
            for _ in 0..<table.rows {
                for column in 1...Int32(table.columns) {
                    switch table.values[index] {
                    case .null: sqlite3_bind_null(insert, column)
                    case .integer(let value): sqlite3_bind_int64(insert, column, value)
                    case .real(let value): sqlite3_bind_double(insert, column, value)
                    case .text(let bytes):
                        bytes.withUnsafeBufferPointer { buffer in
                            _ = sqlite3_bind_text(
                                insert, column,
                                UnsafeRawPointer(
                                    buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
                                )
                                .assumingMemoryBound(to: CChar.self), Int32(buffer.count),
                                Self.transient)
                        }
                    case .blob(let bytes):
                        bytes.withUnsafeBufferPointer { buffer in
                            _ = sqlite3_bind_blob(
                                insert, column, buffer.baseAddress, Int32(buffer.count),
                                Self.transient)
                        }
                    }
                    index += 1
                }
                guard sqlite3_step(insert) == SQLITE_DONE else {
                    throw SQLiteError(
                        description: "insert into \(table.name): "
                            + String(cString: sqlite3_errmsg(database)))
                }
                sqlite3_reset(insert)
            }
        }
        try Self.execute(database, "COMMIT")
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func open(_ path: String, flags: Int32) throws -> OpaquePointer {
        var database: OpaquePointer?
        guard sqlite3_open_v2(path, &database, flags, nil) == SQLITE_OK, let database else {
            sqlite3_close(database)
            throw SQLiteError(description: "cannot open \(path)")
        }
        return database
    }

    private static func execute(_ database: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(database, sql, nil, nil, nil) == SQLITE_OK else {
            throw SQLiteError(description: "\(sql): " + String(cString: sqlite3_errmsg(database)))
        }
    }

    private static func prepare(_ database: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, sql, -1, &statement, nil) == SQLITE_OK, let statement
        else {
            throw SQLiteError(description: "\(sql): " + String(cString: sqlite3_errmsg(database)))
        }
        return statement
    }

    /// Every row of `sql`, each column as text.
    private static func rows(_ database: OpaquePointer, _ sql: String) throws -> [[String]] {
        let statement = try prepare(database, sql)
        defer { sqlite3_finalize(statement) }
        var rows: [[String]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            rows.append(
                (0..<sqlite3_column_count(statement)).map { column in
                    sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
                })
        }
        return rows
    }
}

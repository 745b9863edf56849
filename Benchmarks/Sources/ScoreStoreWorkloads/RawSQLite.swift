import CSQLiteBench
import Foundation

/// A failed SQLite call of the raw baseline.
public struct RawSQLiteError: Error, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var sql: String

    public var description: String { "SQLite error \(code): \(message) (\(sql))" }
}

/// `SQLITE_TRANSIENT` is a macro Swift cannot import; `SQLITE_STATIC` is nil.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A bare connection through the C API.
final class RawConnection {
    let handle: OpaquePointer

    /// Opens with the flags GRDB 7.10 uses for a read-write `DatabaseQueue`:
    /// `SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX` (its default threading
    /// mode) and `SQLITE_OPEN_EXRESCODE` (SQLite ≥ 3.37).
    init(path: String) throws {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | 0x0200_0000
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            sqlite3_close(connection)
            throw RawSQLiteError(code: code, message: "cannot open", sql: path)
        }
        handle = connection
    }

    deinit { sqlite3_close_v2(handle) }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else {
            throw RawSQLiteError(code: code, message: lastError, sql: sql)
        }
    }

    /// The first column of the first row of `sql`, as text.
    func text(_ sql: String) throws -> String? {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW, let text = sqlite3_column_text(statement, 0)
        else { return nil }
        return String(cString: text)
    }

    func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, 0, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw RawSQLiteError(code: code, message: lastError, sql: sql)
        }
        return statement
    }

    /// Steps an INSERT to completion and resets it (its bindings stay, and are all replaced
    /// before the next step).
    @inline(__always)
    func stepInsert(_ statement: OpaquePointer) throws {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            sqlite3_reset(statement)
            throw RawSQLiteError(
                code: code, message: lastError, sql: String(cString: sqlite3_sql(statement)))
        }
        sqlite3_reset(statement)
    }
}

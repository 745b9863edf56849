import GRDB
import GRDBSQLite

/// Writes rows through one prepared GRDB statement by binding and stepping it with the SQLite C
/// API: a run writes one row per evidence result, and GRDB's `execute(arguments:)` builds a
/// `StatementArguments` of boxed values per row and binds each in a nested closure, which cost
/// as much as SQLite's insert itself (docs/benchmarks.md, "Scoring and the store write").
///
/// A row's text is gathered in one reused buffer and bound without a copy (`SQLITE_STATIC`, as
/// GRDB binds strings) while that buffer is pinned; the statement is reset and its bindings
/// cleared before the buffer can move. A refused row throws GRDB's `DatabaseError` with
/// SQLite's code and message, so it is reported (and the transaction rolled back) exactly as a
/// row written through GRDB.
struct RowWriter {
    private enum Value {
        case integer(Int64)
        case double(Double)
        case text(start: Int, count: Int)
        case null
    }

    private let db: Database
    private let statement: Statement
    private var values: [Value] = []
    private var text: [UInt8] = []

    /// `statement` must belong to `db` and be used by nothing else while this writes.
    init(_ db: Database, _ statement: Statement) {
        self.db = db
        self.statement = statement
        values.reserveCapacity(Int(sqlite3_bind_parameter_count(statement.sqliteStatement)))
        text.reserveCapacity(1_024)
    }

    mutating func add(_ value: Int64) { values.append(.integer(value)) }
    mutating func add(_ value: Int) { values.append(.integer(Int64(value))) }
    mutating func add(_ value: Double) { values.append(.double(value)) }

    /// Text, or NULL for nil.
    mutating func add(_ value: String?) {
        guard let value else {
            values.append(.null)
            return
        }
        let start = text.count
        text.append(contentsOf: value.utf8)
        values.append(.text(start: start, count: text.count - start))
    }

    private static let empty: StaticString = ""

    /// Binds the values added since the last step, in order from parameter 1, and inserts the
    /// row.
    mutating func step() throws {
        defer {
            values.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
        }
        let handle = statement.sqliteStatement
        let (code, message) = text.withUnsafeBufferPointer { bytes -> (CInt, String?) in
            for (offset, value) in values.enumerated() {
                let index = CInt(offset + 1)
                switch value {
                case let .integer(number): sqlite3_bind_int64(handle, index, number)
                case let .double(number): sqlite3_bind_double(handle, index, number)
                case .null: sqlite3_bind_null(handle, index)
                case let .text(start, count):
                    // A zero-length text still needs a pointer, or SQLite binds NULL; an empty
                    // buffer has none.
                    let pointer =
                        count == 0
                        ? UnsafeRawPointer(Self.empty.utf8Start)
                        : UnsafeRawPointer(bytes.baseAddress.map { $0 + start })
                    let characters = pointer?.assumingMemoryBound(to: CChar.self)
                    sqlite3_bind_text(handle, index, characters, CInt(count), nil)  // SQLITE_STATIC
                }
            }
            let code = sqlite3_step(handle)
            let message = code == SQLITE_DONE ? nil : db.lastErrorMessage
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            return (code, message)
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}

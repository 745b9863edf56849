import AttestCore
import Foundation

/// Reads a CSV file (RFC 4180) into a header and rows of text, refusing what the RFC does not
/// allow instead of guessing, with the line and column of the problem.
///
/// Fields are separated by commas and records by CRLF (a bare LF is accepted too, as most
/// exports write it). A field that contains a comma, a quote or a line break is enclosed in
/// double quotes, a quote inside it doubled. Refused: a quote inside an unquoted field, text
/// after a closing quote, a quoted field never closed, a carriage return not followed by a line
/// feed, invalid UTF-8, and a row whose number of fields differs from the header's. Empty lines
/// are skipped (Python's `csv` module does the same), a UTF-8 byte order mark is dropped.
/// Columns count bytes from 1, as in the JSON reader.
struct CSVReader {
    /// Workspace-relative name used in positions.
    let file: String
    /// The most cells (header included) read before the file is refused: an empty cell costs
    /// one byte in the file and tens in memory, so 60 MiB of commas would take gigabytes.
    var maxCells: Int = .max

    init(file: String, maxCells: Int = .max) {
        self.file = file
        self.maxCells = maxCells
    }

    /// A malformed file, with where.
    struct SyntaxError: Error, CustomStringConvertible {
        var message: String
        var position: SourcePosition
        /// Refused for its size (``maxCells``), not its syntax.
        var isTooLarge = false
        var description: String { "\(position): \(message)" }
    }

    /// The header row and the data rows.
    struct Table {
        var header: [String]
        var rows: [[String]]
    }

    /// Parses `data`.
    ///
    /// - Throws: `SyntaxError` for anything RFC 4180 does not allow, or a file without a header.
    /// - Complexity: O(n) in the size of the file.
    func parse(_ data: Data) throws(SyntaxError) -> Table {
        let bytes = [UInt8](data)
        var cursor = Cursor(bytes: bytes, file: file, cellBudget: maxCells)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { cursor.index = 3 }
        var header: [String]?
        var rows: [[String]] = []
        while let next = try cursor.record() {
            let (record, start) = next
            guard let columns = header else {
                header = record
                continue
            }
            guard record.count == columns.count else {
                throw SyntaxError(
                    message: "this row has \(record.count) field"
                        + (record.count == 1 ? "" : "s") + "; the header has \(columns.count)",
                    position: start)
            }
            rows.append(record)
        }
        guard let header else {
            throw SyntaxError(message: "the file has no header row", position: .start(of: file))
        }
        return Table(header: header, rows: rows)
    }

    /// Walks the bytes, tracking the line and column.
    private struct Cursor {
        let bytes: [UInt8]
        let file: String
        var index = 0
        var line = 1
        var lineStart = 0
        /// The most cells, and those that may still be read.
        let maxCells: Int
        var cellBudget: Int

        init(bytes: [UInt8], file: String, cellBudget: Int) {
            self.bytes = bytes
            self.file = file
            maxCells = cellBudget
            self.cellBudget = cellBudget
        }

        var position: SourcePosition {
            SourcePosition(file: file, line: line, column: index - lineStart + 1)
        }

        func error(_ message: String, at position: SourcePosition? = nil) -> SyntaxError {
            SyntaxError(message: message, position: position ?? self.position)
        }

        /// Moves past a line break at `index` (CRLF or LF), counting the line.
        mutating func skipLineBreak() throws(SyntaxError) {
            if bytes[index] == 0x0D {
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else {
                    throw error("a carriage return not followed by a line feed")
                }
                index += 1
            }
            index += 1
            line += 1
            lineStart = index
        }

        /// The next record and where it starts; nil at the end. Empty lines are skipped.
        mutating func record() throws(SyntaxError) -> ([String], SourcePosition)? {
            while index < bytes.count, bytes[index] == 0x0A || bytes[index] == 0x0D {
                try skipLineBreak()
            }
            guard index < bytes.count else { return nil }
            let start = position
            var fields: [String] = []
            while true {
                guard cellBudget > 0 else {
                    var tooLarge = error("the file has more than \(maxCells) cells")
                    tooLarge.isTooLarge = true
                    throw tooLarge
                }
                cellBudget -= 1
                fields.append(try field())
                guard index < bytes.count else { return (fields, start) }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                try skipLineBreak()
                return (fields, start)
            }
        }

        /// One field, leaving `index` on the separator, the line break or the end.
        mutating func field() throws(SyntaxError) -> String {
            let start = position
            var value: [UInt8] = []
            if index < bytes.count, bytes[index] == 0x22 {
                index += 1
                while true {
                    guard index < bytes.count else {
                        throw error("a quoted field is never closed", at: start)
                    }
                    let byte = bytes[index]
                    if byte == 0x22 {
                        if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                            value.append(0x22)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    value.append(byte)
                    index += 1
                    if byte == 0x0A {
                        line += 1
                        lineStart = index
                    }
                }
                if index < bytes.count, ![0x2C, 0x0A, 0x0D].contains(bytes[index]) {
                    throw error(
                        "text after a closing quote; a quote inside a quoted field is doubled")
                }
            } else {
                while index < bytes.count, ![0x2C, 0x0A, 0x0D].contains(bytes[index]) {
                    if bytes[index] == 0x22 {
                        throw error(
                            "a quote inside an unquoted field; quote the whole field and "
                                + "double the quote")
                    }
                    value.append(bytes[index])
                    index += 1
                }
            }
            guard let text = String(bytes: value, encoding: .utf8) else {
                throw error("the field is not valid UTF-8", at: start)
            }
            return text
        }
    }
}

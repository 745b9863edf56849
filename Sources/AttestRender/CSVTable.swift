/// RFC 4180 CSV, safe to open in a spreadsheet.
///
/// Cells are quoted when needed; a cell that a spreadsheet would run as a formula (starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// A confidentiality notice (a bundle's watermark), carried in a last `notice` column on
    /// every row, so the file stays a table a CSV reader takes as is, header first, and a row
    /// copied elsewhere keeps its notice.
    public var notice: String?

    public init(header: [String], rows: [[String]] = [], notice: String? = nil) {
        self.header = header
        self.rows = rows
        self.notice = notice
    }

    /// Whether a cell starting with `byte` would run as a formula in a spreadsheet (`=`, `+`,
    /// `-`, `@`, a tab or a carriage return: all ASCII, so the first byte decides).
    static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            true
        default: false
        }
    }

    /// Whether a cell holding `byte` must be quoted: a comma, a quote or a line end.
    static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D
    }

    /// `value` as one cell. Works on UTF-8 bytes: every character that matters is ASCII, and
    /// a quote is doubled even when a combining mark follows it (splitting on the `Character`
    /// `"` missed those, leaving a lone quote inside a quoted field).
    public static func cell(_ value: String) -> String {
        let formula = value.utf8.first.map(startsFormula) ?? false
        if !formula, !value.utf8.contains(where: needsQuotes) { return value }
        var row = RowBytes(capacity: value.utf8.count + 3)
        row.appendCSV(value)
        return String(decoding: row.bytes, as: UTF8.self)
    }

    /// The table as text with CRLF line endings.
    public var text: String {
        let extra = notice.map { [$0] } ?? []
        let lines =
            [(header + (notice == nil ? [] : ["notice"])).map(Self.cell).joined(separator: ",")]
            + rows.map { ($0 + extra).map(Self.cell).joined(separator: ",") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

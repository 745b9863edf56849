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

    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            text = "'" + text
        }
        if text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
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

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(
            separator: replacement)
    }
}

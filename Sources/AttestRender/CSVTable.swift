/// RFC 4180 CSV, safe to open in a spreadsheet.
///
/// Cells are quoted when needed; a cell that a spreadsheet would run as a formula (starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// Lines written before the header (a watermark), each as its own one-cell row.
    public var preamble: [String]

    public init(header: [String], rows: [[String]] = [], preamble: [String] = []) {
        self.header = header
        self.rows = rows
        self.preamble = preamble
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
        let lines =
            preamble.map(Self.cell) + [header.map(Self.cell).joined(separator: ",")]
            + rows.map { $0.map(Self.cell).joined(separator: ",") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(
            separator: replacement)
    }
}

/// The bytes of a table row being written: markup as it is, text HTML-escaped or as a CSV
/// cell, appended in place rather than built as a `String` per cell and joined.
///
/// The audit tables write hundreds of thousands of rows (docs/benchmarks.md, "Rows as
/// bytes"); each writer gives exactly the bytes of the `String` function it stands for
/// (`HTMLText.escape`, `CSVTable.cell`), which `CSVCellTests` checks on random texts.
struct RowBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// A copy of the bytes only as large as they are, for rows that are kept (the audit's tail
    /// cache bounds what it holds by their count). `Array(bytes[...])` would share the buffer,
    /// reserved capacity and all.
    var trimmed: [UInt8] { bytes.withUnsafeBufferPointer { Array($0) } }

    /// Markup or text known to need no escaping.
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `HTMLText.escape(text)`: copied as it is when it is plain printable ASCII, else escaped.
    mutating func appendHTML(_ text: String) {
        let start = bytes.count
        for byte in text.utf8 {
            guard HTMLText.isPlain(byte) else {
                bytes.removeSubrange(start...)
                bytes.append(contentsOf: SVG.escape(text).utf8)
                return
            }
            bytes.append(byte)
        }
    }

    /// `cells` as CSV cells separated by commas.
    mutating func appendCSV(cells: [String]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { append(",") }
            appendCSV(cell)
        }
    }

    /// `CSVTable.cell(text)`: a formula start prefixed with `'`, and the cell quoted (quotes
    /// doubled) when it holds a comma, a quote or a line end.
    mutating func appendCSV(_ text: String) {
        let formula = text.utf8.first.map(CSVTable.startsFormula) ?? false
        guard text.utf8.contains(where: CSVTable.needsQuotes) else {
            if formula { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: text.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if formula { bytes.append(UInt8(ascii: "'")) }
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

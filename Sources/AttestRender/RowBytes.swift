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
        var text = text
        let plain = text.withUTF8 { source in
            guard source.allSatisfy(HTMLText.isPlain) else { return false }
            bytes.append(contentsOf: source)
            return true
        }
        if !plain { bytes.append(contentsOf: SVG.escape(text).utf8) }
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
        var text = text
        text.withUTF8 { source in
            let formula = source.first.map(CSVTable.startsFormula) ?? false
            guard source.contains(where: CSVTable.needsQuotes) else {
                if formula { bytes.append(UInt8(ascii: "'")) }
                bytes.append(contentsOf: source)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            if formula { bytes.append(UInt8(ascii: "'")) }
            for byte in source {
                bytes.append(byte)
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// `ReportContext.markdown(text)`: a backslash before each character Markdown gives a
    /// meaning to, and a line feed as a space.
    mutating func appendMarkdown(_ text: String) {
        var text = text
        text.withUTF8 { source in
            var specials = 0
            var changed = false
            for byte in source where ReportContext.isMarkdownSpecialOrLineFeed(byte) {
                changed = true
                if byte != 0x0A { specials += 1 }
            }
            guard changed else {
                bytes.append(contentsOf: source)
                return
            }
            // Sized once, then filled: most cells of the report (dates, percentages, ids)
            // hold a special character.
            var index = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: source.count + specials))
            bytes.withUnsafeMutableBufferPointer { output in
                for byte in source {
                    if ReportContext.isMarkdownSpecial(byte) {
                        output[index] = UInt8(ascii: "\\")
                        index += 1
                    }
                    output[index] = byte == 0x0A ? UInt8(ascii: " ") : byte
                    index += 1
                }
            }
        }
    }

    /// `String(number)`.
    mutating func appendDecimal(_ number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }
}

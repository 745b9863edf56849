import Foundation

/// A piece of a Markdown report whose interpolated strings are escaped as they are written:
/// `"| \(row.concern) | \(row.spec.id.rawValue) |"` gives the bytes of
/// `"| " + ReportContext.markdown(row.concern) + " | " + … + " |"`, without a `String` per cell.
///
/// Literals are markup, written as they are; strings are workspace text, escaped
/// (`RowBytes.appendMarkdown`); integers are written in decimal. Nothing else can be
/// interpolated, so no value reaches the report unescaped by accident.
struct MarkdownText: ExpressibleByStringInterpolation {
    typealias StringLiteralType = StaticString

    var bytes: RowBytes

    init(stringLiteral literal: StaticString) {
        bytes = RowBytes()
        bytes.append(literal)
    }

    init(stringInterpolation: StringInterpolation) { bytes = stringInterpolation.bytes }

    struct StringInterpolation: StringInterpolationProtocol {
        typealias StringLiteralType = StaticString

        var bytes: RowBytes

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes = RowBytes(capacity: literalCapacity + 24 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: StaticString) { bytes.append(literal) }

        /// Workspace text: Markdown-escaped.
        mutating func appendInterpolation(_ text: String) { bytes.appendMarkdown(text) }

        /// A count: its decimal digits.
        mutating func appendInterpolation(_ number: Int) { bytes.appendDecimal(number) }
    }
}

/// A Markdown document written as bytes (``MarkdownText`` pieces appended in order).
struct MarkdownDocument {
    private(set) var bytes: RowBytes

    init(capacity: Int) { bytes = RowBytes(capacity: capacity) }

    static func += (document: inout MarkdownDocument, piece: MarkdownText) {
        document.bytes.bytes.append(contentsOf: piece.bytes.bytes)
    }

    /// Workspace text on its own: Markdown-escaped.
    mutating func append(escaping text: String) { bytes.appendMarkdown(text) }

    /// Rows rendered ahead (``MarkdownRows``), escaped as the document's own pieces are.
    mutating func append(_ rows: MarkdownRows.Slice) {
        for piece in rows.pieces { bytes.bytes.append(contentsOf: piece) }
    }

    /// The document's bytes, valid UTF-8 by construction: static literals and the UTF-8 of
    /// strings, escaped only with ASCII.
    var data: Data { Data(bytes.bytes) }
}

/// Rows of Markdown written ahead, each written only as ``MarkdownText`` pieces and escaped
/// text, as a document's own rows are; a document copies any run of consecutive rows at once.
struct MarkdownRows: RowsWrittenAhead, Sendable {
    private var row = RowBytes(capacity: 512)
    private var rows: RowBlocks

    /// Consecutive rows, as ``MarkdownDocument/append(_:)`` takes them.
    struct Slice {
        let pieces: [ArraySlice<UInt8>]
    }

    init(rows count: Int) { rows = RowBlocks(rows: count) }

    static func += (rows: inout MarkdownRows, piece: MarkdownText) {
        rows.row.bytes.append(contentsOf: piece.bytes.bytes)
    }

    /// Workspace text on its own: Markdown-escaped.
    mutating func append(escaping text: String) { row.appendMarkdown(text) }

    /// Ends the current row (an empty row when nothing was written).
    mutating func endRow() {
        rows.append(row.bytes)
        row.bytes.removeAll(keepingCapacity: true)
    }

    /// The bytes of `range`'s rows, in order.
    func slice(_ range: Range<Int>) -> Slice { Slice(pieces: rows.pieces(range)) }
}

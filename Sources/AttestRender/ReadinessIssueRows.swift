import AttestCore
import Foundation

/// The rows of the readiness reports' "Evidence needing attention" tables, rendered once per
/// build for every framework that shows them.
///
/// An evidence item's row reads the same in every framework's report, and a large workspace
/// shows most items under several frameworks: the pipeline benchmark's 50 reports hold
/// 163,305 rows of 68,251 items. Each row is rendered once here, and each report copies the
/// bytes of its controls' rows (docs/benchmarks.md, "Render on a budget").
///
/// The rows follow the model's evidence rows (`ReportModel.evidenceRows(of: nil)`); a row
/// without a concern takes no bytes, so the rows of any run of evidence rows, such as one
/// control's, are one slice.
enum ReadinessIssueRows {
    typealias C = ReportContext

    /// The Markdown rows of `evidence`, one per evidence row; rows `shown` leaves out (nil:
    /// none) are empty.
    static func markdown(_ evidence: [ReportModel.EvidenceRow], shown: [Bool]?) -> MarkdownRows {
        rendered(evidence, shown: shown, markdown)
    }

    /// The HTML rows of `evidence`, as `markdown(_:shown:)`.
    static func html(_ evidence: [ReportModel.EvidenceRow], shown: [Bool]?) -> MarkupRows {
        rendered(evidence, shown: shown, html)
    }

    /// One row per evidence row: `write`'s for a row with a concern that `shown` keeps, an
    /// empty one otherwise.
    private static func rendered<Rows: RowsWrittenAhead>(
        _ evidence: [ReportModel.EvidenceRow], shown: [Bool]?,
        _ write: (ReportModel.EvidenceRow, inout Rows) -> Void
    ) -> Rows {
        var rows = Rows(rows: evidence.count)
        for (index, row) in evidence.enumerated() {
            if row.concern != "ok", shown?[index] ?? true { write(row, &rows) }
            rows.endRow()
        }
        return rows
    }

    private static func markdown(_ row: ReportModel.EvidenceRow, into out: inout MarkdownRows) {
        let result = row.score.result
        out += "| \(row.concern) | \(row.spec.id.rawValue) | "
        out += "\(row.control.id.rawValue) | \(row.control.owner ?? "") | "
        out += "\(result.map { C.dateTime($0.observedAt) } ?? "") | "
        out += "\(result?.dateSource.rawValue ?? "") | "
        out += "\(C.date(result?.expiresAt)) | "
        out.append(escaping: result?.message ?? "not collected")
        if let exception = row.exception { out += " — **\(C.coverage(exception))**" }
        out += " |\n"
    }

    private static func html(_ row: ReportModel.EvidenceRow, into rows: inout MarkupRows) {
        let result = row.score.result
        let dateSource = result?.dateSource.rawValue ?? ""
        rows.write { w in
            w.raw("<tr class=\"concern-")
            w.text(row.concern)
            w.raw("\"><td>")
            w.text(row.concern)
            w.raw("</td><td>")
            w.text(row.spec.id.rawValue)
            w.raw("</td><td>")
            w.text(row.control.id.rawValue)
            w.raw("</td><td>")
            w.text(row.control.owner ?? "")
            w.raw("</td><td>")
            w.text(result.map { C.dateTime($0.observedAt) } ?? "")
            w.raw("</td><td class=\"date-")
            w.text(dateSource)
            w.raw("\">")
            w.text(dateSource)
            w.raw("</td><td>")
            w.text(C.date(result?.expiresAt))
            w.raw("</td><td>")
            w.text(result?.message ?? "not collected")
            if let exception = row.exception {
                w.raw("<br><strong>")
                w.text(C.coverage(exception))
                w.raw("</strong>")
            }
            w.raw("</td></tr>\n")
        }
    }
}

/// Rows of markup written ahead, each through a ``MarkupWriter`` so it is escaped as a page's
/// own markup is; a page copies any run of consecutive rows at once.
/// Rows written ahead one after the other, each ended by `endRow()`.
protocol RowsWrittenAhead {
    init(rows count: Int)
    mutating func endRow()
}

struct MarkupRows: RowsWrittenAhead, Sendable {
    private var row = MarkupWriter()
    private var rows: RowBlocks

    /// Consecutive rows, as ``MarkupWriter/raw(_:)-(Slice)`` takes them.
    struct Slice {
        let pieces: [ArraySlice<UInt8>]
    }

    init(rows count: Int) { rows = RowBlocks(rows: count) }

    /// Adds to the current row.
    mutating func write(_ body: (inout MarkupWriter) -> Void) { body(&row) }

    /// Ends the current row (an empty row when nothing was written).
    mutating func endRow() {
        rows.append(row.output)
        row.removeAll()
    }

    /// The markup of `rows`, in order.
    func slice(_ range: Range<Int>) -> Slice { Slice(pieces: rows.pieces(range)) }
}

/// Rows of bytes kept in blocks of about a mebibyte, a row never split between two: the rows
/// grow without copying what is already written, and hold their bytes and at most one block
/// of slack.
struct RowBlocks: Sendable {
    /// The bytes a block is made for; a longer row gets a block of its own, as long as it.
    let blockSize: Int
    private var blocks: [[UInt8]] = []
    /// Where each row starts: its block and its offset there.
    private var starts: [(block: Int, offset: Int)] = []

    init(rows count: Int, blockSize: Int = 1 << 20) {
        self.blockSize = max(1, blockSize)
        starts.reserveCapacity(count)
    }

    var count: Int { starts.count }

    /// Adds a row.
    mutating func append(_ row: [UInt8]) {
        if blocks.isEmpty || blocks[blocks.count - 1].count + row.count > blockSize {
            if blocks.last?.isEmpty != true {
                var block: [UInt8] = []
                block.reserveCapacity(max(blockSize, row.count))
                blocks.append(block)
            }
        }
        let last = blocks.count - 1
        starts.append((last, blocks[last].count))
        blocks[last].append(contentsOf: row)
    }

    /// The bytes of the rows `range`, in order: one piece per block they take bytes from.
    func pieces(_ range: Range<Int>) -> [ArraySlice<UInt8>] {
        guard !range.isEmpty else { return [] }
        let first = starts[range.lowerBound]
        let end =
            range.upperBound < starts.count
            ? starts[range.upperBound] : (blocks.count - 1, blocks[blocks.count - 1].count)
        var pieces: [ArraySlice<UInt8>] = []
        for block in first.block...end.block {
            let lower = block == first.block ? first.offset : 0
            let upper = block == end.block ? end.offset : blocks[block].count
            if lower < upper { pieces.append(blocks[block][lower..<upper]) }
        }
        return pieces
    }
}

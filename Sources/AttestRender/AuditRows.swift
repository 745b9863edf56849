import AttestCore
import Foundation

/// HTML escaping for text the audit writers put on a page outside Mustache: exactly the
/// escaping of the HTML templates (``IsolatingHTML``, which calls `SVG.escape`), with a fast
/// path for the common case of plain printable ASCII that needs none.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var bytes = text
        let plain = bytes.withUTF8 { $0.allSatisfy(isPlain) }
        return plain ? text : SVG.escape(text)
    }

    /// Whether `byte` is printable ASCII other than `& < > " '`: text made only of these is
    /// its own escape.
    static func isPlain(_ byte: UInt8) -> Bool {
        // 0x20–0x3F without " & ' < >, and 0x40–0x7E.
        ASCIIByteSet(low: 0xAFFF_FF3B_0000_0000, high: 0x7FFF_FFFF_FFFF_FFFF).contains(byte)
    }
}

/// A CSV line of the audit tables: cells made spreadsheet-safe by `CSVTable.cell`, the
/// watermark as a last `notice` cell when there is one, CRLF at the end: the bytes
/// `CSVTable.text` gives for the same row.
struct CSVLine {
    let notice: String?

    func callAsFunction(_ cells: [String]) -> String {
        var line = RowBytes()
        append(cells, to: &line)
        return String(decoding: line.bytes, as: UTF8.self)
    }

    /// The line of `cells` appended to `row`.
    func append(_ cells: [String], to row: inout RowBytes) {
        row.appendCSV(cells: cells)
        if let notice {
            row.append(",")
            row.appendCSV(notice)
        }
        row.append("\r\n")
    }

    /// The header line: the column names, then `notice` when the table carries one.
    func header(_ columns: [String]) -> String {
        (columns + (notice == nil ? [] : ["notice"])).map(CSVTable.cell).joined(separator: ",")
            + "\r\n"
    }

    /// `cells` as the continuation of a line (a leading comma), then the notice and CRLF.
    func tail(_ cells: [String]) -> [UInt8] {
        var row = RowBytes(capacity: 512)
        row.append(",")
        append(cells, to: &row)
        return row.trimmed
    }
}

/// One evidence item of the audit tables with every field as the reports print it.
///
/// The traceability matrix and the evidence index each print a different part of the fields,
/// so each field is read or formatted when it is asked for; only the two dates, which the
/// matrix prints in both its HTML and its CSV, are formatted once, here.
struct AuditEvidence {
    private let row: ReportModel.EvidenceRow
    private let result: EvidenceResult?
    let observed: String
    let expires: String

    init(_ row: ReportModel.EvidenceRow) {
        self.row = row
        result = row.score.result
        observed = result.map { ReportContext.dateTime($0.observedAt) } ?? ""
        expires = ReportContext.date(result?.expiresAt)
    }

    var control: String { row.control.id.rawValue }
    var controlTitle: String { row.control.title.english }
    var owner: String { row.control.owner ?? "" }
    var evidence: String { row.spec.id.rawValue }
    var collector: String { row.spec.collector.rawValue }
    var path: String { row.spec.path ?? "" }
    var status: String { row.score.status.name }
    var score: String { ReportContext.number(row.score.score) }
    /// Where the observation date came from: source, git, live or assumed.
    var dateSource: String { result?.dateSource.rawValue ?? "" }
    var target: String { result?.target ?? row.spec.path ?? "" }
    var signer: String { result?.signer ?? "" }
    var sha256: String { result?.sha256 ?? "" }
    var visibility: String { row.spec.visibility.rawValue }
    /// `path@sha256` of each artifact, space-separated.
    var artifacts: String {
        (result?.artifacts ?? []).map { "\($0.path)@\($0.sha256)" }.joined(separator: " ")
    }
    var isCovered: Bool { row.exception != nil }
    var exception: String { row.exception?.id.rawValue ?? "" }
    /// "covered by exception EX-7: <response> (remediation by 2027-03-31)".
    var coverage: String { row.exception.map(ReportContext.coverage) ?? "" }
    var managementResponse: String { row.exception?.managementResponse.english ?? "" }
    var remediationDate: String { row.exception?.remediationDate ?? "" }
}

/// The requirement part of a traceability row: a leaf of one framework.
struct AuditRequirement {
    var framework: String
    var requirement: String
    var requirementTitle: String
    var basis: String
    var leafScore: String

    init(framework: FrameworkID, row: ReportModel.LeafRow) {
        self.framework = framework.rawValue
        requirement = row.leaf.key.requirement.rawValue
        requirementTitle = row.title.english
        basis = row.basis
        leafScore = ReportContext.percent(NodeScore.percent(row.leaf.score))
    }

    /// The row's first cells: framework to leaf score.
    var html: [UInt8] {
        var cells = RowBytes(capacity: 256)
        cells.append("<tr><td>")
        cells.appendHTML(framework)
        cells.append("</td><td>")
        cells.appendHTML(requirement)
        cells.append(" ")
        cells.appendHTML(requirementTitle)
        cells.append("<br><small>")
        cells.appendHTML(basis)
        cells.append("</small></td><td class=\"num\">")
        cells.appendHTML(leafScore)
        cells.append("</td>")
        return cells.bytes
    }

    /// The row's first CSV cells, comma-separated, without a line end: framework to leaf
    /// score.
    var csvCells: [UInt8] {
        var cells = RowBytes(capacity: 256)
        cells.appendCSV(cells: [framework, requirement, requirementTitle, basis, leafScore])
        return cells.bytes
    }
}

/// An excluded requirement as the audit reports list it, with its justification.
struct AuditExclusion {
    var framework: String
    var requirement: String
    var requirementTitle: String
    var justification: String
    var visibility: String
}

/// The end of a traceability row from the control on: the same for every leaf the control
/// satisfies, so rendered once per evidence item (HTML and CSV) and reused.
struct AuditRowTail {
    var html: [UInt8]
    var csv: [UInt8]

    /// The columns of `audit/traceability.csv` from `control` on (after `leafScore`).
    static let csvColumns = [
        "control", "controlTitle", "owner", "evidence", "collector", "status", "score",
        "observed", "dateSource", "expires", "sha256", "justification", "exception",
        "managementResponse", "remediationDate",
    ]

    /// A row of a control with this evidence item.
    init(_ item: AuditEvidence, line: CSVLine) {
        var cells = RowBytes(capacity: 512)
        cells.append("<td>")
        cells.appendHTML(item.control)
        cells.append(" ")
        cells.appendHTML(item.controlTitle)
        cells.append("</td><td>")
        cells.appendHTML(item.evidence)
        cells.append(" <small>(")
        cells.appendHTML(item.collector)
        cells.append(")</small></td><td>")
        cells.appendHTML(item.status)
        cells.append("</td><td>")
        cells.appendHTML(item.observed)
        cells.append("</td><td class=\"date-")
        cells.appendHTML(item.dateSource)
        cells.append("\">")
        cells.appendHTML(item.dateSource)
        cells.append("</td><td>")
        cells.appendHTML(item.expires)
        cells.append("</td><td class=\"mono\">")
        cells.appendHTML(item.sha256)
        cells.append("</td><td>")
        cells.appendHTML(item.signer)
        if item.isCovered {
            cells.append("<br><strong>")
            cells.appendHTML(item.coverage)
            cells.append("</strong>")
        }
        cells.append("</td></tr>\n")
        // Kept in the tail cache: exactly as large as they are, not as reserved.
        html = cells.trimmed
        csv = line.tail([
            item.control, item.controlTitle, item.owner, item.evidence, item.collector,
            item.status, item.score, item.observed, item.dateSource, item.expires, item.sha256, "",
            item.exception, item.managementResponse, item.remediationDate,
        ])
    }

    /// A row of a control with no shown evidence: its id and title, the other cells empty.
    init(control: Control, line: CSVLine) {
        let cells =
            "<td>\(HTMLText.escape(control.id.rawValue)) "
            + "\(HTMLText.escape(control.title.english))</td><td> <small>()</small></td>"
            + "<td></td><td></td><td class=\"date-\"></td><td></td><td class=\"mono\"></td>"
            + "<td></td></tr>\n"
        html = Array(cells.utf8)
        csv = line.tail(
            [control.id.rawValue, control.title.english]
                + Array(repeating: "", count: Self.csvColumns.count - 2))
    }

    /// A row of a leaf with no shown control: every cell from the control on empty.
    static func empty(line: CSVLine) -> AuditRowTail {
        AuditRowTail(
            html: Array(
                ("<td> </td><td> <small>()</small></td><td></td><td></td>"
                    + "<td class=\"date-\"></td><td></td><td class=\"mono\"></td><td></td></tr>\n")
                    .utf8),
            csv: line.tail(Array(repeating: "", count: csvColumns.count)))
    }

    private init(html: [UInt8], csv: [UInt8]) {
        self.html = html
        self.csv = csv
    }
}

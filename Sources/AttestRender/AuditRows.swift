import AttestCore
import Foundation

/// HTML escaping for text the audit writers put on a page outside Mustache: exactly the
/// escaping of the HTML templates (``IsolatingHTML``, which calls `SVG.escape`), with a fast
/// path for the common case of plain printable ASCII that needs none.
enum HTMLText {
    /// Printable ASCII other than `& < > " '`: text made only of these is its own escape.
    private static let plain: [Bool] = (0..<256).map { byte in
        byte >= 0x20 && byte < 0x7F && !"&<>\"'".utf8.contains(UInt8(byte))
    }

    static func escape(_ text: String) -> String {
        if text.utf8.allSatisfy({ plain[Int($0)] }) { return text }
        return SVG.escape(text)
    }
}

/// A CSV line of the audit tables: cells made spreadsheet-safe by `CSVTable.cell`, the
/// watermark as a last `notice` cell when there is one, CRLF at the end: the bytes
/// `CSVTable.text` gives for the same row.
struct CSVLine {
    let notice: String?

    func callAsFunction(_ cells: [String]) -> String {
        var line = cells.map(CSVTable.cell).joined(separator: ",")
        if let notice { line += "," + CSVTable.cell(notice) }
        return line + "\r\n"
    }

    /// The header line: the column names, then `notice` when the table carries one.
    func header(_ columns: [String]) -> String {
        (columns + (notice == nil ? [] : ["notice"])).map(CSVTable.cell).joined(separator: ",")
            + "\r\n"
    }

    /// `cells` as the continuation of a line (a leading comma), then the notice and CRLF.
    func tail(_ cells: [String]) -> String { "," + self(cells) }
}

/// One evidence item of the audit tables with every field as the reports print it: computed
/// once per item, not once per row that names it.
struct AuditEvidence {
    var control: String
    var controlTitle: String
    var owner: String
    var evidence: String
    var collector: String
    var path: String
    var status: String
    var score: String
    var observed: String
    /// Where the observation date came from: source, git, live or assumed.
    var dateSource: String
    var target: String
    var signer: String
    var expires: String
    var sha256: String
    var visibility: String
    /// `path@sha256` of each artifact, space-separated.
    var artifacts: String
    var isCovered: Bool
    var exception: String
    /// "covered by exception EX-7: <response> (remediation by 2027-03-31)".
    var coverage: String
    var managementResponse: String
    var remediationDate: String

    init(_ row: ReportModel.EvidenceRow) {
        let result = row.score.result
        control = row.control.id.rawValue
        controlTitle = row.control.title.english
        owner = row.control.owner ?? ""
        evidence = row.spec.id.rawValue
        collector = row.spec.collector.rawValue
        path = row.spec.path ?? ""
        status = row.score.status.name
        score = ReportContext.number(row.score.score)
        observed = result.map { ReportContext.dateTime($0.observedAt) } ?? ""
        dateSource = result?.dateSource.rawValue ?? ""
        target = result?.target ?? row.spec.path ?? ""
        signer = result?.signer ?? ""
        expires = ReportContext.date(result?.expiresAt)
        sha256 = result?.sha256 ?? ""
        visibility = row.spec.visibility.rawValue
        artifacts = (result?.artifacts ?? []).map { "\($0.path)@\($0.sha256)" }
            .joined(separator: " ")
        isCovered = row.exception != nil
        exception = row.exception?.id.rawValue ?? ""
        coverage = row.exception.map(ReportContext.coverage) ?? ""
        managementResponse = row.exception?.managementResponse.english ?? ""
        remediationDate = row.exception?.remediationDate ?? ""
    }
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
    var html: String {
        "<tr><td>\(HTMLText.escape(framework))</td><td>\(HTMLText.escape(requirement)) "
            + "\(HTMLText.escape(requirementTitle))<br><small>\(HTMLText.escape(basis))"
            + "</small></td><td class=\"num\">\(HTMLText.escape(leafScore))</td>"
    }

    var csvCells: [String] { [framework, requirement, requirementTitle, basis, leafScore] }
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
        var cells = "<td>\(HTMLText.escape(item.control)) \(HTMLText.escape(item.controlTitle))"
        cells += "</td><td>\(HTMLText.escape(item.evidence)) <small>("
        cells += "\(HTMLText.escape(item.collector)))</small></td>"
        cells += "<td>\(HTMLText.escape(item.status))</td><td>\(HTMLText.escape(item.observed))"
        cells += "</td><td class=\"date-\(HTMLText.escape(item.dateSource))\">"
        cells += "\(HTMLText.escape(item.dateSource))</td><td>\(HTMLText.escape(item.expires))"
        cells += "</td><td class=\"mono\">\(HTMLText.escape(item.sha256))</td><td>"
        cells += HTMLText.escape(item.signer)
        if item.isCovered { cells += "<br><strong>\(HTMLText.escape(item.coverage))</strong>" }
        cells += "</td></tr>\n"
        html = Array(cells.utf8)
        csv = Array(
            line.tail([
                item.control, item.controlTitle, item.owner, item.evidence, item.collector,
                item.status, item.score, item.observed, item.dateSource, item.expires,
                item.sha256, "", item.exception, item.managementResponse, item.remediationDate,
            ]).utf8)
    }

    /// A row of a control with no shown evidence: its id and title, the other cells empty.
    init(control: Control, line: CSVLine) {
        let cells =
            "<td>\(HTMLText.escape(control.id.rawValue)) "
            + "\(HTMLText.escape(control.title.english))</td><td> <small>()</small></td>"
            + "<td></td><td></td><td class=\"date-\"></td><td></td><td class=\"mono\"></td>"
            + "<td></td></tr>\n"
        html = Array(cells.utf8)
        csv = Array(
            line.tail(
                [control.id.rawValue, control.title.english]
                    + Array(repeating: "", count: Self.csvColumns.count - 2)
            ).utf8)
    }

    /// A row of a leaf with no shown control: every cell from the control on empty.
    static func empty(line: CSVLine) -> AuditRowTail {
        AuditRowTail(
            html: Array(
                ("<td> </td><td> <small>()</small></td><td></td><td></td>"
                    + "<td class=\"date-\"></td><td></td><td class=\"mono\"></td><td></td></tr>\n")
                    .utf8),
            csv: Array(line.tail(Array(repeating: "", count: csvColumns.count)).utf8))
    }

    private init(html: [UInt8], csv: [UInt8]) {
        self.html = html
        self.csv = csv
    }
}

import AttestCore
import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// The audit reports keep their content: on the generated ``AuditWorkspace`` the CSVs are
/// byte-identical and the HTML tables hold the same rows, in the same order, as the outputs
/// recorded under `Tests/Fixtures/audit/` from the renderer before the streaming rewrite.
///
/// Set `ATTEST_RECORD_AUDIT_FIXTURE=1` to write the fixture again (only for a deliberate,
/// documented content change).
@Suite struct AuditContentTests {
    static let folder = Fixtures.root.appendingPathComponent("audit")

    static func fixture(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The body rows (`<tr>` … `</tr>` with `<td>` cells) of every table of `html`, per table
    /// in document order. Escaped text holds no `<`, so a raw `<tr` or `<table` is markup.
    static func tables(_ html: String) -> [[String]] {
        html.components(separatedBy: "<table").dropFirst().map { table in
            let body = table.components(separatedBy: "</table>")[0]
            return body.components(separatedBy: "<tr").dropFirst().compactMap { row in
                let text = "<tr" + row.components(separatedBy: "</tr>")[0] + "</tr>"
                return text.contains("<td") ? text : nil
            }
        }
    }

    static let cases: [(name: String, ceiling: Visibility, watermark: String?)] = [
        ("internal", .internal, nil), ("nda", .nda, "Confidential — \"NDA\" <b>, =1"),
    ]

    static func render(ceiling: Visibility, watermark: String?) throws -> [String: Data] {
        let model = AuditWorkspace.model(ceiling: ceiling)
        return try ReportRenderer(templates: TemplateSet(workspaceRoot: nil), watermark: watermark)
            .audit(model, frameworks: model.graph.scopedFrameworkIDs.sorted())
    }

    /// The rows of every table of the output in the recorded order: the entry page's tables
    /// with, in the place of the old single matrix, the rows of the matrix pages the entry page
    /// links, in link order (the deliberate layout change of issue 15: docs/audit.md).
    static func recordedShape(_ files: [String: Data]) -> [[String]] {
        func html(_ path: String) -> String {
            String(decoding: files[path] ?? Data(), as: UTF8.self)
        }
        let entry = html("audit/traceability.html")
        let links = entry.components(separatedBy: "href=\"traceability/").dropFirst().map {
            "audit/traceability/" + $0.prefix { $0 != "\"" }
        }
        let matrix = links.flatMap { tables(html($0)).first ?? [] }
        let entryTables = tables(entry)
        return [entryTables.first ?? [], matrix] + entryTables.dropFirst()
    }

    /// The bound a build checks before collecting (`AuditRowBudget`) counts exactly the rows
    /// the matrix then holds, at both ceilings: it works each leaf's coverage and scope out from
    /// the graph alone, as the matrix does from the scores.
    @Test(arguments: [0, 1])
    func theRowBudgetCountsTheRowsTheMatrixHolds(_ index: Int) throws {
        let (_, ceiling, watermark) = Self.cases[index]
        let files = try Self.render(ceiling: ceiling, watermark: watermark)
        let csv = try #require(files["audit/traceability.csv"])
        // Records of RFC 4180 text: line breaks outside quotes, less the header.
        var records = 0
        var quoted = false
        for byte in csv {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == UInt8(ascii: "\n"), !quoted { records += 1 }
        }
        let model = AuditWorkspace.model(ceiling: ceiling)
        #expect(records - 1 > 100)
        #expect(AuditRowBudget.rows(graph: model.graph, ceiling: ceiling) == records - 1)
    }

    @Test(arguments: [0, 1])
    func theAuditReportsKeepTheRecordedContent(_ index: Int) throws {
        let (name, ceiling, watermark) = Self.cases[index]
        let files = try Self.render(ceiling: ceiling, watermark: watermark)
        let csvNames = ["traceability.csv", "evidence-index.csv", "exceptions.csv"]
        let tables = Self.recordedShape(files)
        if ProcessInfo.processInfo.environment["ATTEST_RECORD_AUDIT_FIXTURE"] == "1" {
            let target = Self.fixture(name)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for csv in csvNames {
                try #require(files["audit/\(csv)"]).write(
                    to: target.appendingPathComponent(csv))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(tables).write(
                to: target.appendingPathComponent("traceability-html-tables.json"))
            return
        }
        for csv in csvNames {
            let expected = try Data(contentsOf: Self.fixture("\(name)/\(csv)"))
            let actual = try #require(files["audit/\(csv)"], "\(name)/\(csv)")
            #expect(actual == expected, "\(name)/\(csv) differs from the recorded bytes")
        }
        let recorded = try JSONDecoder().decode(
            [[String]].self,
            from: Data(contentsOf: Self.fixture("\(name)/traceability-html-tables.json")))
        #expect(tables.map(\.count) == recorded.map(\.count))
        for (actual, expected) in zip(tables, recorded) {
            for (row, want) in zip(actual, expected) where row != want {
                Issue.record("\(name): row \(row) differs from the recorded \(want)")
                break
            }
        }
    }

    @Test func theGeneratedWorkspaceIsMidSizedAndHostile() throws {
        let files = try Self.render(ceiling: .internal, watermark: nil)
        let tables = Self.recordedShape(files)
        let rows = tables.map(\.count).reduce(0, +)
        #expect(rows > 1_000)
        let html = String(decoding: files["audit/traceability.html"] ?? Data(), as: UTF8.self)
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
    }

    /// A build writes the audit's parts at once (`BuildOutput`): each part writes only its own
    /// files, and together they write exactly the files of the whole audit, byte for byte.
    @Test(arguments: [0, 1])
    func thePartsTogetherWriteTheWholeAudit(_ index: Int) throws {
        let (_, ceiling, watermark) = Self.cases[index]
        let model = AuditWorkspace.model(ceiling: ceiling)
        let renderer = ReportRenderer(
            templates: TemplateSet(workspaceRoot: nil), watermark: watermark)
        let frameworks = model.graph.scopedFrameworkIDs.sorted()
        func files(_ parts: Set<AuditPart>) throws -> [String: Data] {
            let destination = ReportFiles()
            try renderer.writeAudit(model, frameworks: frameworks, into: destination, parts: parts)
            return destination.files
        }
        let whole = try renderer.audit(model, frameworks: frameworks)
        let traceability = try files([.traceability])
        let evidenceIndex = try files([.evidenceIndex])
        #expect(Array(evidenceIndex.keys) == ["audit/evidence-index.csv"])
        #expect(traceability["audit/evidence-index.csv"] == nil)
        #expect(traceability["audit/traceability.csv"] != nil)
        #expect(traceability.merging(evidenceIndex) { first, _ in first } == whole)
        #expect(try files([]).isEmpty)
    }
}

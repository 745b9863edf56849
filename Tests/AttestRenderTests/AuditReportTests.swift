import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestRender

/// The audit reports' layout: the matrix split per framework into pages of bounded size
/// behind the entry page, escaping identical to the templates', and files streamed through a
/// buffered sink.
@Suite struct AuditReportTests {
    static func files(
        rowsPerPage: Int, ceiling: Visibility = .internal,
        tailLimit: Int = AuditReport.TailCache.defaultLimit
    ) throws -> [String: String] {
        let model = AuditWorkspace.model(ceiling: ceiling)
        var renderer = ReportRenderer(templates: TemplateSet(workspaceRoot: nil))
        renderer.rowsPerPage = rowsPerPage
        renderer.auditTailLimit = tailLimit
        return try renderer.audit(model, frameworks: model.graph.scopedFrameworkIDs.sorted())
            .mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// Text no escaping may let through: markup, quotes, a bidirectional override, control
    /// characters, a lone PDI, line breaks and non-ASCII text.
    static let hostile =
        AuditWorkspace.hostile + [
            "\u{2069}close \u{2066}open", "a&b", "'single'", "\u{0}nul\u{1F}", "\u{FFFE}x",
            "plain text, 1.0%", "",
        ]

    @Test(arguments: hostile)
    func auditRowsEscapeTextExactlyAsTheTemplatesDo(_ text: String) {
        #expect(HTMLText.escape(text) == IsolatingHTML.escaping.escapeText(text))
    }

    @Test func hostileTextIsInertOnAMatrixPage() {
        #expect(HTMLText.escape("<script>a</script>") == "&lt;script&gt;a&lt;/script&gt;")
        #expect(HTMLText.escape("\"x\" & 'y'") == "&quot;x&quot; &amp; &#39;y&#39;")
        #expect(HTMLText.escape("a\u{202E}b") == "\u{2068}a\u{202E}b\u{2069}")
        #expect(HTMLText.escape("a\u{1}\u{7}b") == "ab")
    }

    @Test func theMatrixIsSplitIntoPagesOfAtMostTheConfiguredRows() throws {
        let files = try Self.files(rowsPerPage: 100)
        // The matrix rows the old single page held (Tests/Fixtures/audit, recorded before the
        // split).
        let recorded = try JSONDecoder().decode(
            [[String]].self,
            from: Data(
                contentsOf: AuditContentTests.fixture("internal/traceability-html-tables.json")))
        let pages = files.keys.filter { $0.hasPrefix("audit/traceability/") }.sorted()
        var matrixRows = 0
        for path in pages {
            let html = try #require(files[path])
            let rows = AuditContentTests.tables(html)
            #expect(rows.count == 1, "\(path)")
            #expect((1...100).contains(rows[0].count), "\(path)")
            matrixRows += rows[0].count
        }
        #expect(matrixRows == recorded[1].count)
        // alpha alone fills several pages; every page is linked from the entry page.
        #expect(pages.contains("audit/traceability/alpha/page-3.html"))
        let entry = try #require(files["audit/traceability.html"])
        for path in pages {
            let href = String(path.dropFirst("audit/".count))
            #expect(entry.contains("href=\"\(href)\""), "\(href)")
        }
        let second = try #require(files["audit/traceability/alpha/page-2.html"])
        #expect(second.contains("href=\"page-1.html\" rel=\"prev\""))
        #expect(second.contains("href=\"page-3.html\" rel=\"next\""))
        #expect(second.contains("href=\"../../traceability.html#matrix-alpha\""))
    }

    /// The row ends the cache drops when full are rendered again, to the same bytes: a cache
    /// that holds nothing, one that drops tails every few controls, and one that holds all
    /// give the same files.
    @Test(arguments: [1, 700, 4_096])
    func theFilesAreTheSameWhateverTheTailCacheKeeps(_ limit: Int) throws {
        let unbounded = try Self.files(rowsPerPage: 50, tailLimit: .max / 2)
        #expect(unbounded.count > 3)
        #expect(try Self.files(rowsPerPage: 50, tailLimit: limit) == unbounded)
    }

    @Test func aFrameworkWithoutRowsStillHasItsFirstPage() throws {
        typealias F = GraphFactory
        let now = AuditWorkspace.now
        let graph = ControlGraph(
            workspace: F.workspace(frameworks: [F.framework("empty", [])]))
        let scores = Scores(graph: graph, results: [:], now: now, expiringWithin: .days(30))
        let model = ReportModel(
            graph: graph, scores: scores, ceiling: .internal,
            build: BuildInfo(id: "b", time: now, toolVersion: "t"))
        let files = try ReportRenderer(templates: TemplateSet(workspaceRoot: nil))
            .audit(model, frameworks: ["empty"])
        let page = String(
            decoding: try #require(files["audit/traceability/empty/page-1.html"]), as: UTF8.self)
        #expect(AuditContentTests.tables(page) == [[]])
        #expect(files["audit/traceability/empty/page-2.html"] == nil)
    }

    @Test func aStreamedFileHoldsEveryPieceWrittenPastTheBuffer() throws {
        let workspace = try TemporaryWorkspace()
        let output = try OutputFolder(destination: workspace.root.appendingPathComponent("out"))
        let line = String(repeating: "é<row>,", count: 1_000) + "\r\n"
        let count = 3 * TextSink.bufferBytes / line.utf8.count + 7
        try output.stream(to: "audit/big.csv") { sink in
            for _ in 0..<count { sink.write(line) }
        }
        let written = try Data(contentsOf: output.staging.appendingPathComponent("audit/big.csv"))
        #expect(written.count == count * line.utf8.count)
        #expect(written == Data(String(repeating: line, count: count).utf8))
        output.discard()
    }

    @Test func aStreamedPathLeavingTheOutputIsRefused() throws {
        let workspace = try TemporaryWorkspace()
        let output = try OutputFolder(destination: workspace.root.appendingPathComponent("out"))
        #expect(throws: RenderError.self) {
            try output.stream(to: "../escape.csv") { $0.write("x") }
        }
        output.discard()
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFailedWriteIsReportedWhenTheFileIsFinished() throws {
        let sink = try TextSink.file(at: "/dev/full", relativePath: "full.csv")
        for _ in 0..<4 { sink.write(String(repeating: "x", count: TextSink.bufferBytes)) }
        #expect(throws: RenderError.self) { try sink.finish() }
    }
}

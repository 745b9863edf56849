import AttestCore
import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// Readiness and audit reports: content, visibility ceiling, and escaping per format.
@Suite struct ReportRendererTests {
    typealias F = GraphFactory
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    static func files(ceiling: Visibility, watermark: String? = nil) throws -> [String: String] {
        var framework = F.framework(
            "demo", [F.requirement("D1", [F.requirement("D1.1"), F.requirement("D1.2")])])
        framework.requirements[0].children[0].title = LocalizedText(
            ["en": "Crypto [link](javascript:alert(1)) | pipe <b> é", "fr": "x"])
        var open = F.control("PUB-1", satisfies: ["demo/D1.1"], evidence: ["ok"])
        open.owner = "=HYPERLINK(\"http://evil\")"
        let secret = F.control(
            "INT-1", satisfies: ["demo/D1.2"], evidence: ["hidden"], visibility: .internal)
        let graph = ControlGraph(
            workspace: F.workspace(frameworks: [framework], controls: [open, secret]))
        let results: [EvidenceID: EvidenceResult] = [
            "ok": EvidenceResult(
                evidence: "ok", control: "PUB-1", status: .fail, observedAt: now,
                message: "a, \"b\""),
            "hidden": EvidenceResult(
                evidence: "hidden", control: "INT-1", status: .pass, observedAt: now, message: "ok"),
        ]
        let scores = Scores(graph: graph, results: results, now: now, expiringWithin: .days(30))
        let model = ReportModel(
            graph: graph, scores: scores, ceiling: ceiling,
            build: BuildInfo(id: "b", time: now, toolVersion: "t"))
        let renderer = ReportRenderer(
            templates: TemplateSet(workspaceRoot: nil), watermark: watermark)
        let all = try renderer.readiness(model, framework: "demo").merging(
            try renderer.audit(model, frameworks: ["demo"])
        ) { $1 }
        return all.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func markdownEscapesWhatMarkdownWouldInterpretAndKeepsOtherText() throws {
        let markdown = try #require(try Self.files(ceiling: .internal)["readiness/demo.md"])
        #expect(markdown.contains(#"Crypto \[link\]\(javascript:alert\(1\)\) \| pipe \<b\> é"#))
        #expect(!markdown.contains("[link](javascript"))
    }

    @Test func htmlEscapesEveryValue() throws {
        let html = try #require(try Self.files(ceiling: .internal)["readiness/demo.html"])
        #expect(html.contains("Crypto [link](javascript:alert(1)) | pipe &lt;b&gt; é"))
        #expect(!html.contains("<b> é"))
    }

    @Test func csvCellsAreQuotedAndFormulaSafe() throws {
        let files = try Self.files(ceiling: .internal)
        let traceability = try #require(files["audit/traceability.csv"])
        #expect(traceability.contains(#""'=HYPERLINK(""http://evil"")""#))
        #expect(!traceability.contains(",=HYPERLINK"))
        #expect(traceability.hasSuffix("\r\n"))
    }

    @Test func theNDACeilingHidesInternalControlsButKeepsTheScore() throws {
        let internalView = try Self.files(ceiling: .internal)
        let ndaView = try Self.files(ceiling: .nda, watermark: "Confidential — test")
        #expect(internalView["audit/traceability.csv"]?.contains("INT-1") == true)
        for (path, text) in ndaView {
            #expect(!text.contains("INT-1"), "\(path)")
        }
        // D1.1 fails (0) and D1.2 passes through the hidden control (1): 50 % either way.
        #expect(ndaView["readiness/demo.html"]?.contains("50.0%") == true)
        let csv = try #require(ndaView["readiness/demo.csv"])
        #expect(csv.hasPrefix("requirement,title,"))
        #expect(csv.split(separator: "\r\n").first?.hasSuffix(",notice") == true)
        #expect(
            csv.split(separator: "\r\n").dropFirst().allSatisfy {
                $0.hasSuffix(",Confidential — test")
            })
    }
}

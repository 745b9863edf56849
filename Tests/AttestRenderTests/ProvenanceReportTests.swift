import AttestCore
import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// Reports show where each date came from, the revision and the signer.
@Suite struct ProvenanceReportTests {
    typealias F = GraphFactory
    static let now = Date(timeIntervalSince1970: 1_780_272_000)
    static let revision = String(repeating: "3f", count: 20) + "-dirty"

    static func files(undated: UndatedPolicy = .warn) throws -> [String: String] {
        let framework = F.framework("demo", [F.requirement("D1"), F.requirement("D2")])
        let one = F.control("C-1", satisfies: ["demo/D1"], evidence: ["signed", "snapshot"])
        let two = F.control("C-2", satisfies: ["demo/D2"], evidence: ["probe"])
        var workspace = F.workspace(frameworks: [framework], controls: [one, two])
        workspace.manifest.undated = undated
        let graph = ControlGraph(workspace: workspace)
        let results: [EvidenceID: EvidenceResult] = [
            "signed": EvidenceResult(
                evidence: "signed", control: "C-1", status: .pass, observedAt: now,
                dateSource: .source, target: "evidence/attestations/a, \"b\".yaml",
                signer: "jane", collector: .attestation, message: "ok"),
            "snapshot": EvidenceResult(
                evidence: "snapshot", control: "C-1", status: .pass, observedAt: now,
                dateSource: .assumed, target: "evidence/x.json", collector: .json,
                message: "ok"),
            "probe": EvidenceResult(
                evidence: "probe", control: "C-2", status: .pass, observedAt: now,
                dateSource: .live, target: "https://status.example/health", collector: .http,
                message: "ok"),
        ]
        let scores = Scores(graph: graph, results: results, now: now, expiringWithin: .days(30))
        let model = ReportModel(
            graph: graph, scores: scores, ceiling: .internal,
            build: BuildInfo(
                id: "b", time: now, toolVersion: "t", revision: revision,
                ciURL: "https://github.com/acme/x/actions/runs/42"))
        let renderer = ReportRenderer(templates: TemplateSet(workspaceRoot: nil), watermark: nil)
        let all = try renderer.readiness(model, framework: "demo").merging(
            try renderer.audit(model, frameworks: ["demo"])
        ) { $1 }
        return all.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// The evidence index read by Python's csv module: a header row, then one dict per row.
    static func readCSV(_ text: String) throws -> [[String: String]] {
        let script = """
            import csv, json, sys
            print(json.dumps(list(csv.DictReader(sys.stdin))))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([[String: String]].self, from: data)
    }

    @Test(.enabled(if: LocalService.available("python3")))
    func theEvidenceIndexHasProvenanceColumnsAStandardCSVReaderReads() throws {
        let csv = try #require(try Self.files()["audit/evidence-index.csv"])
        #expect(
            csv.hasPrefix(
                "evidence,control,collector,path,status,score,observed,expires,sha256,artifacts,"
                    + "visibility,date_source,target,revision,signer,exception\r\n"))
        let rows = try Self.readCSV(csv)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["evidence"] ?? "", $0) })
        #expect(byID["signed"]?["date_source"] == "source")
        #expect(byID["signed"]?["target"] == "evidence/attestations/a, \"b\".yaml")
        #expect(byID["signed"]?["signer"] == "jane")
        #expect(byID["snapshot"]?["date_source"] == "assumed")
        #expect(byID["probe"]?["date_source"] == "live")
        #expect(rows.allSatisfy { $0["revision"] == Self.revision })
    }

    @Test func theAuditReportShowsDateSourceSignerRevisionAndCIRun() throws {
        let files = try Self.files()
        // The entry page and each matrix page carry the build's revision and CI run; the rows
        // (on the framework's matrix pages) the date source and signer.
        for path in ["audit/traceability.html", "audit/traceability/demo/page-1.html"] {
            let html = try #require(files[path], "\(path)")
            #expect(html.contains("revision <span class=\"mono\">\(Self.revision)</span>"))
            #expect(
                html.contains("<a href=\"https://github.com/acme/x/actions/runs/42\">CI run</a>"))
        }
        let page = try #require(files["audit/traceability/demo/page-1.html"])
        #expect(page.contains("<td class=\"date-live\">live</td>"))
        #expect(page.contains("<td>jane</td>"))
    }

    @Test(arguments: [(UndatedPolicy.warn, true), (.accept, false)])
    func theReadinessReportFlagsUndatedEvidenceUnderWarn(
        _ policy: UndatedPolicy, _ flagged: Bool
    )
        throws
    {
        let html = try #require(try Self.files(undated: policy)["readiness/demo.html"])
        #expect(html.contains("<td>undated</td><td>snapshot</td>") == flagged)
        #expect(html.contains("1 source · 0 git · 1 live · 1 assumed"))
    }
}

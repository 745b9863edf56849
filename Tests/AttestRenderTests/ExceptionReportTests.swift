import AttestCore
import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// Failing results covered by an open exception are disclosed in the readiness report and the
/// audit outputs, within the report's visibility ceiling; the public projection carries none.
@Suite struct ExceptionReportTests {
    typealias F = GraphFactory
    /// 2026-06-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    static func exception(
        _ id: ExceptionID, evidence: EvidenceID, visibility: Visibility, response: String
    ) -> Exception {
        Exception(
            id: id, control: nil, evidence: EvidenceReference(evidence, at: F.position(1)),
            from: "2026-05-01", to: "2026-12-31",
            description: LocalizedText(english: "\(id) description"),
            owner: "sec", managementResponse: LocalizedText(english: response),
            remediationDate: "2026-09-30", approvedBy: "jdoe", expires: "2026-12-31",
            visibility: visibility, position: F.position(1))
    }

    /// PUB-1 (public) has `ok` failing; NDA-1 (nda) has `nda-ev` failing, both items `nda`;
    /// EX-1 (internal) covers `ok`, EX-2 (nda) covers `nda-ev`.
    static func model(ceiling: Visibility, extra: [Exception] = []) -> ReportModel {
        let framework = F.framework(
            "demo", [F.requirement("D1", [F.requirement("D1.1"), F.requirement("D1.2")])])
        var open = F.control("PUB-1", satisfies: ["demo/D1.1"], evidence: ["ok"])
        var shared = F.control(
            "NDA-1", satisfies: ["demo/D1.2"], evidence: ["nda-ev"], visibility: .nda)
        // Evidence is internal unless marked: share both items with NDA readers.
        open.evidence[0].visibility = .nda
        shared.evidence[0].visibility = .nda
        var workspace = F.workspace(frameworks: [framework], controls: [open, shared])
        workspace.manifest.exceptions =
            [
                exception(
                    "EX-1", evidence: "ok", visibility: .internal, response: "INTERNAL-response"),
                exception("EX-2", evidence: "nda-ev", visibility: .nda, response: "NDA-response"),
            ] + extra
        let graph = ControlGraph(workspace: workspace)
        let results: [EvidenceID: EvidenceResult] = [
            "ok": EvidenceResult(
                evidence: "ok", control: "PUB-1", status: .fail, observedAt: now, message: "bad"),
            "nda-ev": EvidenceResult(
                evidence: "nda-ev", control: "NDA-1", status: .error, observedAt: now,
                message: "broken"),
        ]
        let scores = Scores(graph: graph, results: results, now: now, expiringWithin: .days(30))
        return ReportModel(
            graph: graph, scores: scores, ceiling: ceiling,
            build: BuildInfo(id: "b", time: now, toolVersion: "t"))
    }

    static func files(ceiling: Visibility) throws -> [String: String] {
        let renderer = ReportRenderer(templates: TemplateSet(workspaceRoot: nil))
        let model = model(ceiling: ceiling)
        return try renderer.readiness(model, framework: "demo").merging(
            try renderer.audit(model, frameworks: ["demo"])
        ) { $1 }.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func theReadinessReportSaysWhichExceptionCoversAFailure() throws {
        let files = try Self.files(ceiling: .internal)
        let sentence =
            "covered by exception EX-1: INTERNAL-response (remediation by 2026-09-30)"
        #expect(files["readiness/demo.html"]?.contains(sentence) == true)
        // Markdown escapes `-`, `(` and `)`.
        #expect(
            files["readiness/demo.md"]?.contains(
                #"covered by exception EX\-1: INTERNAL\-response \(remediation by 2026\-09\-30\)"#)
                == true)
        #expect(files["readiness/demo.html"]?.contains("EX-2 description") == true)
    }

    @Test func theTraceabilityCSVCarriesTheExceptionResponseAndRemediationDate() throws {
        let csv = try #require(try Self.files(ceiling: .internal)["audit/traceability.csv"])
        let lines = csv.split(separator: "\r\n")
        #expect(
            lines.first?.hasSuffix(",justification,exception,managementResponse,remediationDate")
                == true)
        let row = try #require(lines.first { $0.contains(",PUB-1,") })
        #expect(row.hasSuffix(",,EX-1,INTERNAL-response,2026-09-30"))
        let nda = try #require(lines.first { $0.contains(",NDA-1,") })
        #expect(nda.hasSuffix(",,EX-2,NDA-response,2026-09-30"))
    }

    @Test func theExceptionsCSVListsTheRegisterWithStatesAndWhatEachCovers() throws {
        let csv = try #require(try Self.files(ceiling: .internal)["audit/exceptions.csv"])
        #expect(
            csv == """
                id,control,evidence,state,from,to,description,owner,managementResponse,\
                remediationDate,approvedBy,expires,visibility,covers\r
                EX-1,,ok,open,2026-05-01,2026-12-31,EX-1 description,sec,INTERNAL-response,\
                2026-09-30,jdoe,2026-12-31,internal,ok (fail)\r
                EX-2,,nda-ev,open,2026-05-01,2026-12-31,EX-2 description,sec,NDA-response,\
                2026-09-30,jdoe,2026-12-31,nda,nda-ev (error)\r

                """)
    }

    @Test func underTheNDACeilingAnInternalExceptionIsNowhereAndTheFailureStaysUnexplained()
        throws
    {
        let files = try Self.files(ceiling: .nda)
        for (path, text) in files {
            #expect(!text.contains("EX-1"), "\(path)")
            #expect(!text.contains("INTERNAL-response"), "\(path)")
        }
        #expect(files["audit/traceability.csv"]?.contains("EX-2,NDA-response") == true)
        // The failure EX-1 covered is still listed, without an explanation.
        let row = files["audit/traceability.csv"]?.split(separator: "\r\n").first {
            $0.contains(",PUB-1,")
        }
        #expect(row?.hasSuffix(",fail,0,2026-06-01T00:00:00Z,assumed,,,,,,") == true)
        #expect(files["audit/exceptions.csv"]?.contains("EX-2") == true)
    }

    @Test func underThePublicCeilingNeitherExceptionIsShown() throws {
        for (path, text) in try Self.files(ceiling: .public) {
            #expect(!text.contains("EX-1") && !text.contains("EX-2"), "\(path)")
        }
    }

    @Test func thePublicTrustCenterCarriesNoException() throws {
        let model = Self.model(ceiling: .internal)
        let center = PublicProjection(
            graph: model.graph, scores: model.scores, content: TrustCenterContent(),
            build: model.build
        ).project()
        let json = String(decoding: try TrustCenterJSONWriter.document(center), as: UTF8.self)
        let xml = String(decoding: try TrustCenterXMLWriter.document(center), as: UTF8.self)
        for text in [json, xml] {
            for secret in ["EX-1", "EX-2", "INTERNAL-response", "NDA-response", "EX-1 description"]
            {
                #expect(!text.contains(secret))
            }
        }
    }

    @Test func aResultNamedByTwoOpenExceptionsIsCoveredByTheFirstByIDOnly() throws {
        let model = Self.model(
            ceiling: .internal,
            extra: [
                Self.exception("EX-0", evidence: "ok", visibility: .internal, response: "zero")
            ])
        let csv = String(
            decoding: ReportRenderer(templates: TemplateSet(workspaceRoot: nil))
                .exceptionsCSV(model), as: UTF8.self)
        let rows = csv.split(separator: "\r\n")
        #expect(rows.first { $0.hasPrefix("EX-0,") }?.hasSuffix(",internal,ok (fail)") == true)
        #expect(rows.first { $0.hasPrefix("EX-1,") }?.hasSuffix(",internal,") == true)
    }
}

import AttestCore
import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// The readiness report states the key caps and missed internal targets of a framework, naming
/// no control above the report's ceiling.
@Suite struct AggregationReportTests {
    typealias F = GraphFactory
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    /// demo/R1: KEY-9 (key, internal, 0.4), A-1 and A-2 (public, 1): mean 0.8, capped at 0.4.
    /// demo/R2: TLS-13 (exceeds, internal, 0) beside MEET-1 (public, 1) and MEET-2 (internal,
    /// 1): scored 1 from the meets controls, TLS-13 a missed internal target.
    static func model(ceiling: Visibility) -> ReportModel {
        func control(
            _ id: ControlID, _ requirement: String, key: Bool = false,
            level: EnforcementLevel = .meets, visibility: Visibility
        ) -> Control {
            var control = F.control(
                id, satisfies: [], evidence: [EvidenceID("e-\(id)")], visibility: visibility)
            control.satisfies = [
                RequirementReference(
                    RequirementKey("demo", RequirementID(requirement)), at: F.position(1),
                    isKey: key, level: level)
            ]
            return control
        }
        let controls = [
            control("KEY-9", "R1", key: true, visibility: .internal),
            control("A-1", "R1", visibility: .public), control("A-2", "R1", visibility: .public),
            control("TLS-13", "R2", level: .exceeds, visibility: .internal),
            control("MEET-1", "R2", visibility: .public),
            control("MEET-2", "R2", visibility: .internal),
        ]
        let scoresByControl: [ControlID: EvidenceStatus] = [
            "KEY-9": .partial(0.4), "A-1": .pass, "A-2": .pass, "TLS-13": .fail,
            "MEET-1": .pass, "MEET-2": .pass,
        ]
        let workspace = F.workspace(
            frameworks: [F.framework("demo", [F.requirement("R1"), F.requirement("R2")])],
            controls: controls)
        let graph = ControlGraph(workspace: workspace)
        let results = scoresByControl.map { id, status in
            EvidenceResult(
                evidence: EvidenceID("e-\(id)"), control: id, status: status, observedAt: now,
                message: "")
        }
        let scores = Scores(
            graph: graph,
            results: Dictionary(uniqueKeysWithValues: results.map { ($0.evidence, $0) }),
            now: now, expiringWithin: .days(30))
        return ReportModel(
            graph: graph, scores: scores, ceiling: ceiling,
            build: BuildInfo(id: "b", time: now, toolVersion: "t"))
    }

    static func readiness(ceiling: Visibility) throws -> [String: String] {
        try ReportRenderer(templates: TemplateSet(workspaceRoot: nil))
            .readiness(model(ceiling: ceiling), framework: "demo")
            .mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func theModelListsTheKeyCapThenTheMissedTarget() {
        let facts = Self.model(ceiling: .internal).aggregationFacts(of: "demo")
        #expect(
            facts == [
                .keyCap(
                    requirement: RequirementKey("demo", "R1"), source: nil, score: 0.4,
                    control: "KEY-9"),
                .missedTarget(
                    requirement: RequirementKey("demo", "R2"), control: "TLS-13",
                    metBy: ["MEET-1", "MEET-2"], withheldMetBy: 0),
            ])
    }

    @Test func anInternalReadinessReportNamesTheCappingKeyControlAndTheMissedTarget() throws {
        let files = try Self.readiness(ceiling: .internal)
        let html = try #require(files["readiness/demo.html"])
        #expect(html.contains("R1: capped at 40.0% by key control KEY-9"))
        #expect(
            html.contains(
                "internal target missed: TLS-13 (exceeds R2); the requirement is met by "
                    + "MEET-1, MEET-2"))
        let markdown = try #require(files["readiness/demo.md"])
        #expect(markdown.contains(#"- R1: capped at 40\.0% by key control KEY\-9"#))
        #expect(markdown.contains(#"internal target missed: TLS\-13 \(exceeds R2\)"#))
    }

    @Test func aRestrictedReadinessReportNamesNoControlAboveItsCeiling() throws {
        let files = try Self.readiness(ceiling: .nda)
        let html = try #require(files["readiness/demo.html"])
        #expect(html.contains("R1: capped at 40.0% by a withheld key control"))
        #expect(
            html.contains(
                "internal target missed: a withheld control (exceeds R2); the requirement is "
                    + "met by MEET-1, 1 withheld control(s)"))
        for hidden in ["KEY-9", "TLS-13", "MEET-2"] {
            #expect(!html.contains(hidden), "\(hidden) is internal")
            #expect(files["readiness/demo.md"]?.contains(hidden) == false)
        }
    }

    @Test func aReadinessReportWithoutCapsOrMissedTargetsHasNoSuchSection() throws {
        let html = try #require(
            try ExceptionReportTests.files(ceiling: .internal)["readiness/demo.html"])
        #expect(!html.contains("id=\"aggregation\""))
    }

    /// The renderer's fallback words are those en.yaml ships, so a bundle's report (rendered
    /// without labels) reads as a build's.
    @Test func theBuiltInReportSentencesAreTheBundledEnglishLabels() throws {
        let english = try TemplateSet(workspaceRoot: nil).text("locales/en.yaml")
        let model = Self.model(ceiling: .internal)
        let labels = [
            "report_key_cap": "{requirement}: capped at {percent} by key control {control}",
            "report_missed_target":
                "internal target missed: {control} (exceeds {requirement}); the requirement is "
                + "met by {controls}",
        ]
        for (key, value) in labels {
            #expect(english.contains("  \(key): \"\(value)\""))
        }
        // A label given to the renderer replaces the built-in one.
        let html = String(
            decoding: try #require(
                try ReportRenderer(
                    templates: TemplateSet(workspaceRoot: nil),
                    labels: ["report_key_cap": "CAP {requirement} {percent} {control}"]
                ).readiness(model, framework: "demo")["readiness/demo.html"]),
            as: UTF8.self)
        #expect(html.contains("CAP R1 40.0% KEY-9"))
    }
}

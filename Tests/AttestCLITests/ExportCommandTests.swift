import AttestTestSupport
import Foundation
import Testing

/// `attest export oscal` run in process: what it refuses, what it replaces, how it writes.
@Suite struct ExportCommandTests: InProcessCommands {
    let workspace: TemporaryWorkspace
    let out: TemporaryWorkspace

    init() throws {
        workspace = try TemporaryWorkspace()
        out = try TemporaryWorkspace()
        try workspace.write("policy.md", "---\nreviewed: 2026-11-01\n---\nPolicy\n")
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Test Org }
            frameworks: [soc2, iso27001]
            include: [controls.yaml]
            freshness: { undated: accept }
            """)
        try workspace.write(
            "controls.yaml",
            """
            schema: 1
            controls:
              - id: POL-01
                title: Policy
                satisfies: { soc2: [CC1.1], iso27001: [A.5.1] }
                evidence:
                  - { id: policy, collector: file, path: policy.md }
            """)
    }

    var store: String { out.root.appendingPathComponent("store.sqlite").path }

    func collect() async throws {
        let result = await run([
            "collect", "--workspace", workspace.root.path, "--store", store, "--quiet",
        ])
        try #require(result.status <= 1, "\(result.err)")
    }

    func export(_ extra: [String]) async -> (status: Int32, out: String, err: String) {
        await run(
            ["export", "oscal", "--workspace", workspace.root.path, "--store", store] + extra)
    }

    @Test func anExistingFileAttestDidNotWriteIsLeftAloneAndTheExportFails() async throws {
        try await collect()
        let target = try out.write("results.json", "{\"mine\": true}\n")
        let result = await export(["--model", "assessment-results", "--out", target.path])
        #expect(result.status == 2)
        #expect(result.err.contains("is not an OSCAL file Attest wrote"))
        #expect(try out.text("results.json") == "{\"mine\": true}\n")
    }

    @Test func anEarlierExportIsReplacedWholeWithNoTemporaryFileLeft() async throws {
        try await collect()
        let target = out.root.appendingPathComponent("cd.xml")
        for model in ["component-definition", "assessment-results"] {
            let result = await export(["--model", model, "--out", target.path])
            #expect(result.status == 0, "\(result.err)")
        }
        let text = try out.text("cd.xml")
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<assessment-results "))
        #expect(text.hasSuffix("</assessment-results>\n"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out.root.path)
        #expect(names.filter { $0.hasPrefix(".") }.isEmpty, "\(names)")
    }

    @Test func aLinkAtOutIsNotFollowed() async throws {
        try await collect()
        let first = out.root.appendingPathComponent("first.json")
        #expect(await export(["--model", "assessment-results", "--out", first.path]).status == 0)
        try out.link("link.json", to: first.path)
        let result = await export([
            "--model", "assessment-results", "--out",
            out.root.appendingPathComponent("link.json").path,
        ])
        #expect(result.status == 2)
    }

    @Test func anEarlierExportTheWorkspaceNowReadsIsNeverReplaced() async throws {
        try await collect()
        let target = workspace.root.appendingPathComponent("evidence/results.json")
        #expect(await export(["--model", "assessment-results", "--out", target.path]).status == 0)
        let before = try workspace.text("evidence/results.json")
        // The export becomes evidence: the workspace now reads it.
        try workspace.write(
            "controls.yaml",
            """
            schema: 1
            controls:
              - id: POL-01
                title: Policy
                satisfies: { soc2: [CC1.1], iso27001: [A.5.1] }
                evidence:
                  - { id: policy, collector: file, path: policy.md }
                  - { id: results, collector: file, path: evidence/results.json }
            """)
        try await collect()
        let result = await export(["--model", "assessment-results", "--out", target.path])
        #expect(result.status == 2)
        #expect(result.err.contains("a file the workspace reads"))
        #expect(try workspace.text("evidence/results.json") == before)
    }

    @Test func theFormatComesFromTheExtensionUnlessGiven() async throws {
        try await collect()
        let yaml = out.root.appendingPathComponent("catalog.yml")
        #expect(
            await export(["--model", "catalog", "--framework", "soc2", "--out", yaml.path]).status
                == 0)
        #expect(try out.text("catalog.yml").hasPrefix("---\ncatalog:\n"))
        let forced = out.root.appendingPathComponent("catalog.txt")
        let result = await export([
            "--model", "catalog", "--framework", "soc2", "--format", "json", "--out",
            forced.path,
        ])
        #expect(result.status == 0, "\(result.err)")
        #expect(try out.text("catalog.txt").hasPrefix("{\n  \"catalog\": {\n"))
        let unknown = await export([
            "--model", "catalog", "--framework", "soc2", "--out",
            out.root.appendingPathComponent("catalog.txt2").path,
        ])
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("--format"))
    }

    @Test func usageErrorsAreReportedBeforeAnythingIsWritten() async throws {
        let noFramework = await export([
            "--model", "catalog", "--out", out.root.appendingPathComponent("c.json").path,
        ])
        #expect(noFramework.status == 2)
        #expect(noFramework.err.contains("--framework"))
        let noRun = await export([
            "--model", "assessment-results", "--out",
            out.root.appendingPathComponent("ar.json").path,
        ])
        #expect(noRun.status == 2)
        #expect(noRun.err.contains("no run yet"))
        let unknownFramework = await export([
            "--model", "component-definition", "--framework", "soc3", "--out",
            out.root.appendingPathComponent("cd.json").path,
        ])
        #expect(unknownFramework.status == 2)
        #expect(unknownFramework.err.contains("did you mean 'soc2'"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out.root.path)
        #expect(names.filter { $0.hasSuffix(".json") }.isEmpty, "\(names)")
    }

    @Test func aCatalogReadFromOSCALIsExportedWithItsOwnTimeAndNoRun() async throws {
        try workspace.write(
            "controls/frameworks/imported.yaml",
            """
            schema: 1
            framework:
              id: imported
              name: Imported
              kind: standard
              issuer: NIST
              metadata: { oscal.last-modified: "2021-06-08T13:00:00-04:00" }
            requirements:
              - id: AC-1
                title: Policy
            """)
        let target = out.root.appendingPathComponent("imported.json")
        let result = await export([
            "--model", "catalog", "--framework", "imported", "--out", target.path,
        ])
        #expect(result.status == 0, "\(result.err)")
        #expect(
            try out.text("imported.json").contains("\"last-modified\": \"2021-06-08T17:00:00Z\""))
        let native = await export([
            "--model", "catalog", "--framework", "soc2", "--out",
            out.root.appendingPathComponent("soc2.json").path,
        ])
        #expect(native.status == 2)
        #expect(native.err.contains("no run yet"))
    }

    @Test func anSSPIsWrittenForOneFrameworkAndAMappingCollectionForThoseInScope() async throws {
        try await collect()
        // Two frameworks in scope: a plan is written for one.
        let plan = await export([
            "--model", "ssp", "--out", out.root.appendingPathComponent("p.json").path,
        ])
        #expect(plan.status == 2)
        #expect(plan.err.contains("--framework"))
        let written = await export([
            "--model", "ssp", "--framework", "soc2", "--out",
            out.root.appendingPathComponent("ssp.json").path,
        ])
        #expect(written.status == 0, "\(written.err)")
        #expect(try out.text("ssp.json").contains("\"system-security-plan\""))
        let mappings = await export([
            "--model", "mapping-collection", "--out",
            out.root.appendingPathComponent("m.json").path,
        ])
        #expect(mappings.status == 0, "\(mappings.err)")
        #expect(try out.text("m.json").contains("\"mapping-collection\""))
    }

    @Test func frameworkNarrowsTheResultsToOneFramework() async throws {
        try await collect()
        let target = out.root.appendingPathComponent("ar.json")
        let result = await export([
            "--model", "assessment-results", "--framework", "iso27001", "--out", target.path,
        ])
        #expect(result.status == 0, "\(result.err)")
        let text = try out.text("ar.json")
        #expect(text.contains("\"target-id\": \"A.5.1\""))
        #expect(!text.contains("\"target-id\": \"CC1.1\""))
    }
}

import AttestTestSupport
import Foundation
import Testing

/// `attest sample` and `attest soa` run in process on small workspaces.
@Suite struct SampleAndSoACommandTests: InProcessCommands {
    let workspace: TemporaryWorkspace

    /// Ten change tickets; the first title is a formula, the last a negative number.
    static let tickets =
        "ticket,title\r\nT1,\"=HYPERLINK(\"\"x\"\")\"\r\nT2,b\r\nT3,c\r\nT4,d\r\nT5,e\r\nT6,f\r\nT7,g\r\n"
        + "T8,h\r\nT9,\"i, j\"\r\nT10,-5\r\n"

    init() throws {
        workspace = try TemporaryWorkspace()
        try workspace.write("tickets.csv", Self.tickets)
        try workspace.write("policy.md", "---\nreviewed: 2026-11-01\n---\nPolicy\n")
        try workspace.write(
            "controls.yaml",
            """
            schema: 1
            controls:
              - id: CHG-01
                title: Changes are reviewed
                satisfies: { iso27001: [A.8.32], soc2: [CC8.1] }
                evidence:
                  - { id: tickets, collector: file, path: tickets.csv }
                  - { id: policy, collector: file, path: policy.md }
            """)
    }

    func manifest(_ frameworks: String) throws {
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Test Org }
            frameworks: \(frameworks)
            locales: [en, fr]
            include: [controls.yaml]
            freshness: { undated: accept }
            """)
    }

    @Test func aSeededSampleIsTheRowsTheSeedPicksWithTheFilesHash() async throws {
        try manifest("[soc2]")
        let result = await run([
            "sample", "--workspace", workspace.root.path, "--evidence", "tickets", "--size", "3",
            "--seed", "1234567",
        ])
        #expect(result.status == 0, "\(result.err)")
        // Rows 8, 9, 10 (SamplingTests works this seed out by hand); the summary is on stderr.
        #expect(
            result.out
                == "population_row,ticket,title\r\n8,T8,h\r\n9,T9,\"i, j\"\r\n10,T10,'-5\r\n")
        // sha256sum of the same ten rows.
        #expect(
            result.err.contains(
                "sha256: c0d794cf853a3c29b0079bd5556fe5adb8233756a208b991a840069f147f3a46"))
        #expect(result.err.contains("rows: 10\n"))
        #expect(result.err.contains("seed: 1234567\n"))
        #expect(result.err.contains("sample: rows 8, 9, 10\n"))
    }

    @Test func aFormulaInThePopulationIsDefusedInTheSampleFile() async throws {
        try manifest("[soc2]")
        let out = workspace.root.appendingPathComponent("out/sample.csv").path
        let result = await run([
            "sample", "--workspace", workspace.root.path, "--evidence", "tickets",
            "--frequency", "annual", "--size", "10", "--out", out,
        ])
        #expect(result.status == 0, "\(result.err)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("1,T1,\"'=HYPERLINK(\"\"x\"\")\"\r\n"))
        #expect(result.out.contains("every row is taken"))
        #expect(result.out.contains("note: --size 10 is outside the usual range"))
    }

    @Test func withoutASeedOneIsDrawnAndPrintedAndRedrawsTheSameSample() async throws {
        try manifest("[soc2]")
        let base = ["sample", "--workspace", workspace.root.path, "--evidence", "tickets"]
        let first = await run(base + ["--frequency", "weekly"])
        #expect(first.status == 0, "\(first.err)")
        let line = try #require(first.err.split(separator: "\n").first { $0.hasPrefix("seed: ") })
        #expect(line.contains("drawn at random; pass --seed"))
        let seed = try #require(line.split(separator: " ").dropFirst().first)
        let again = await run(base + ["--size", "5", "--seed", String(seed)])
        #expect(again.out == first.out)
    }

    @Test(arguments: [
        ["--evidence", "nope", "--size", "2"], ["--evidence", "tickets"],
        ["--evidence", "tickets", "--size", "0"],
        ["--evidence", "tickets", "--size", "2", "--seed", "-1"],
        ["--evidence", "tickets", "--size", "2", "--rows", "items"],
    ])
    func unusableRequestsEndWithStatus2(arguments: [String]) async throws {
        try manifest("[soc2]")
        let result = await run(["sample", "--workspace", workspace.root.path] + arguments)
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
    }

    @Test func aMalformedPopulationEndsWithStatus2AtItsPosition() async throws {
        try manifest("[soc2]")
        try workspace.write("tickets.csv", "ticket,title\r\nT1,=HYPERLINK(\"x\")\r\n")
        let result = await run([
            "sample", "--workspace", workspace.root.path, "--evidence", "tickets", "--size", "1",
        ])
        #expect(result.status == 2)
        #expect(result.err.contains("tickets.csv:2:15: "))
        #expect(result.err.contains("[sample.malformed]"))
        #expect(result.out.isEmpty)
    }

    @Test func theSoAWithoutISO27001InScopeIsRefused() async throws {
        try manifest("[soc2]")
        let result = await run(["soa", "--workspace", workspace.root.path])
        #expect(result.status == 2)
        #expect(result.err.contains("[soa.iso27001-not-in-scope]"))
    }

    @Test func theSoAIsWrittenFromTheLatestRunInBothLanguages() async throws {
        try manifest("[iso27001]")
        let collect = await run(["collect", "--workspace", workspace.root.path, "--quiet"])
        #expect(collect.status == 0 || collect.status == 1, "\(collect.err)")
        let folder = workspace.root.appendingPathComponent("soa").path
        let result = await run(["soa", "--workspace", workspace.root.path, "--out", folder])
        #expect(result.status == 0, "\(result.err)")
        for name in [
            "statement-of-applicability.en.html", "statement-of-applicability.fr.html",
            "statement-of-applicability.en.csv", "statement-of-applicability.fr.csv",
        ] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "\(name)")
        }
        let csv = try String(
            contentsOfFile: folder + "/statement-of-applicability.en.csv", encoding: .utf8)
        #expect(csv.contains("A.8.32,Change management,yes,"))
        #expect(csv.contains(",implemented,Implemented,100.0,CHG-01,"))
        #expect(result.out.contains("93 Annex A controls: 93 applicable, 1 implemented"))
    }

    /// Collects, then runs `attest soa --out folder` (workspace-relative).
    func soa(into folder: String) async throws -> (status: Int32, err: String) {
        try manifest("[iso27001]")
        let collect = await run(["collect", "--workspace", workspace.root.path, "--quiet"])
        #expect(collect.status == 0 || collect.status == 1, "\(collect.err)")
        let out = workspace.root.appendingPathComponent(folder).path
        let result = await run(["soa", "--workspace", workspace.root.path, "--out", out])
        return (result.status, result.err)
    }

    @Test func theSoANeverReplacesAFileAttestDidNotCreateNorWritesHalfItsFiles() async throws {
        let mine = try workspace.write("soa/statement-of-applicability.fr.csv", "my own notes\n")
        let result = try await soa(into: "soa")
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.contains("statement-of-applicability.fr.csv"))
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my own notes\n")
        let written = try FileManager.default.contentsOfDirectory(
            atPath: workspace.root.appendingPathComponent("soa").path)
        #expect(written == ["statement-of-applicability.fr.csv"])
    }

    @Test func theSoANeverReplacesALinkAtItsPath() async throws {
        let target = try workspace.write("notes.html", "<p>mine</p>\n")
        try workspace.link("soa/statement-of-applicability.en.html", to: target.path)
        let result = try await soa(into: "soa")
        #expect(result.status == 2, "\(result.err)")
        let link = workspace.root.appendingPathComponent("soa/statement-of-applicability.en.html")
        #expect(
            (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "<p>mine</p>\n")
    }

    @Test func theSoAReplacesTheFilesItWroteBefore() async throws {
        #expect(try await soa(into: "soa").status == 0)
        let again = await run([
            "soa", "--workspace", workspace.root.path, "--out",
            workspace.root.appendingPathComponent("soa").path,
        ])
        #expect(again.status == 0, "\(again.err)")
    }

    @Test(arguments: [("[iso27001]", true), ("[soc2]", false)])
    func aBuildWritesTheSoAIntoItsAuditFolderOnlyWhenISO27001IsInScope(
        frameworks: String, written: Bool
    ) async throws {
        try manifest(frameworks)
        let out = workspace.root.appendingPathComponent("reports")
        let result = await run([
            "build", "--workspace", workspace.root.path, "--out", out.path, "--quiet",
        ])
        #expect(result.status == 0, "\(result.err)")
        let audit = out.appendingPathComponent("audit")
        for name in ["en.html", "fr.html", "en.csv", "fr.csv"] {
            let path = audit.appendingPathComponent("statement-of-applicability." + name).path
            #expect(FileManager.default.fileExists(atPath: path) == written, "\(name)")
        }
    }
}

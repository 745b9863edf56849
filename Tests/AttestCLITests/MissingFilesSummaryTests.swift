import AttestTestSupport
import Foundation
import Testing

/// `attest validate` counts a file's missing evidence files in one finding when there are more
/// than five (a workspace fresh from `attest init`), and lists each with `--verbose`.
@Suite struct MissingFilesSummaryTests: InProcessCommands {
    struct Report: Decodable {
        struct Position: Decodable { var file: String; var line: Int }
        struct Entry: Decodable { var code: String; var message: String; var position: Position? }
        var diagnostics: [Entry]
        var errors: Int
    }

    /// A control file naming `count` evidence files, none of which exists.
    static func controls(_ id: String, count: Int) -> String {
        var text = """
            schema: 1
            controls:
              - id: \(id)
                title: { en: \(id) }
                satisfies: { demo: [D1.1] }
                evidence:

            """
        for index in 1...count {
            text += """
                      - id: \(id.lowercased())-\(index)
                        collector: file
                        path: evidence/\(id.lowercased())/\(index).md

                """
        }
        return text
    }

    static func workspace() throws -> TemporaryWorkspace {
        let folder = try TemporaryWorkspace()
        try folder.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Demo }
            frameworks: [demo]
            include: [controls/*.yaml]

            """)
        try folder.write(
            "controls/frameworks/demo.yaml",
            """
            schema: 1
            framework: { id: demo, name: Demo, kind: standard, issuer: Attest tests }
            requirements:
              - id: D1.1
                title: One

            """)
        try folder.write("controls/many.yaml", controls("MANY", count: 6))
        try folder.write("controls/few.yaml", controls("FEW", count: 5))
        return folder
    }

    func report(_ folder: TemporaryWorkspace, verbose: Bool) async throws -> Report {
        let result = await run(
            ["validate", "--workspace", folder.root.path, "--format", "json"]
                + (verbose ? ["--verbose"] : []))
        #expect(result.status == 0, "\(result.err)")
        return try JSONDecoder().decode(Report.self, from: Data(result.out.utf8))
    }

    @Test func countsMoreThanFiveInOneFileAndListsFiveOrFewer() async throws {
        let folder = try Self.workspace()
        let report = try await report(folder, verbose: false)
        let summaries = report.diagnostics.filter { $0.code == "evidence.missing-files" }
        let single = report.diagnostics.filter { $0.code == "evidence.missing-file" }
        #expect(summaries.count == 1)
        #expect(summaries.first?.position?.file == "controls/many.yaml")
        #expect(summaries.first?.message.hasPrefix("6 evidence files") == true)
        #expect(single.count == 5)
        #expect(single.allSatisfy { $0.position?.file == "controls/few.yaml" })
    }

    @Test func verboseListsEachMissingFile() async throws {
        let folder = try Self.workspace()
        let report = try await report(folder, verbose: true)
        #expect(!report.diagnostics.contains { $0.code == "evidence.missing-files" })
        #expect(report.diagnostics.filter { $0.code == "evidence.missing-file" }.count == 11)
    }
}

import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// `attest init` run in process: what it writes, what it refuses, and that it never writes
/// through a link or over a file without `--force`.
@Suite struct InitCommandTests: InProcessCommands {
    /// Every path `attest init` writes apart from the starter controls.
    static let fixedFiles = [
        ".github/workflows/trust-center.yml", ".gitignore", "attest.yaml", "evidence/README.md",
    ]

    static func files(under root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(
                atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { found.append(path) }
        }
        return found.sorted()
    }

    @Test func writesAWorkspaceThatLoadsWithoutGapsIntoANewFolder() async throws {
        let parent = try TemporaryWorkspace()
        let folder = parent.root.appendingPathComponent("acme")
        let result = await run([
            "init", folder.path, "--frameworks", "soc2,gdpr", "--locale", "fr,en",
        ])
        #expect(result.status == 0, "\(result.err)")
        let files = Self.files(under: folder)
        for path in Self.fixedFiles { #expect(files.contains(path), "\(path) missing") }
        #expect(files.contains { $0.hasPrefix("controls/") && $0.hasSuffix(".yaml") })
        // No staging folder is left beside it.
        #expect(Self.files(under: parent.root).allSatisfy { $0.hasPrefix("acme/") })

        let validation = try WorkspaceLoader().validate(at: folder)
        #expect(validation.isValid)
        #expect(validation.graph.manifest.organisation == "acme")
        #expect(validation.graph.manifest.locales == ["fr", "en"])
        #expect(validation.graph.manifest.defaultLocale == "fr")
        let manifest = try String(
            contentsOf: folder.appendingPathComponent("attest.yaml"), encoding: .utf8)
        #expect(manifest.contains("\n  public_status: summary"))
        #expect(validation.graph.gaps.isEmpty, "\(validation.graph.gaps)")
        #expect(result.out.contains("Next:"))
    }

    @Test func keepsAnOrganisationNameExactlyAsGiven() async throws {
        let folder = try TemporaryWorkspace()
        let name = "Acme: \"Ünïcode\" #1 & Co \\ {x}"
        let result = await run(["init", folder.root.path, "--org", name, "--ci", "none"])
        #expect(result.status == 0, "\(result.err)")
        let validation = try WorkspaceLoader().validate(at: folder.root)
        #expect(validation.graph.manifest.organisation == name)
        #expect(!Self.files(under: folder.root).contains { $0.hasPrefix(".github") })
    }

    @Test(arguments: ["line\nbreak", "   ", String(repeating: "a", count: 201)])
    func refusesAnUnusableOrganisationName(_ name: String) async throws {
        let folder = try TemporaryWorkspace()
        let result = await run(["init", folder.root.path, "--org", name])
        #expect(result.status == 2)
        #expect(result.err.contains("--org"))
        #expect(Self.files(under: folder.root).isEmpty)
    }

    @Test(arguments: [
        (["--frameworks", "soc3"], "soc2, iso27001, hipaa, gdpr, eu-ai-act"),
        (["--frameworks", ","], "name at least one"), (["--locale", "de"], "en, fr"),
        (["--ci", "jenkins"], "github"),
    ])
    func refusesUnknownChoicesNamingTheKnownOnes(_ options: [String], known: String) async throws {
        let folder = try TemporaryWorkspace()
        let result = await run(["init", folder.root.path] + options)
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("error: "))
        #expect(result.err.contains(known), "\(result.err)")
        #expect(Self.files(under: folder.root).isEmpty)
    }

    @Test func refusesAnExistingFileAndWritesNothing() async throws {
        let folder = try TemporaryWorkspace()
        try folder.write("attest.yaml", "schema: 1\n# mine\n")
        let result = await run(["init", folder.root.path])
        #expect(result.status == 2)
        #expect(result.err.contains("attest.yaml"))
        #expect(result.err.contains("--force"))
        #expect(try folder.text("attest.yaml") == "schema: 1\n# mine\n")
        #expect(Self.files(under: folder.root) == ["attest.yaml"])
    }

    @Test func replacesARegularFileWithForce() async throws {
        let folder = try TemporaryWorkspace()
        try folder.write(".gitignore", "mine\n")
        let result = await run(["init", folder.root.path, "--force"])
        #expect(result.status == 0, "\(result.err)")
        #expect(try folder.text(".gitignore").contains("attest init"))
    }

    @Test func neverWritesThroughALinkEvenWithForce() async throws {
        let outside = try TemporaryWorkspace()
        try outside.write("secret.txt", "keep\n")
        let folder = try TemporaryWorkspace()
        try folder.link("attest.yaml", to: outside.root.appendingPathComponent("secret.txt").path)
        let result = await run(["init", folder.root.path, "--force"])
        #expect(result.status == 2)
        #expect(result.err.contains("attest.yaml is a symbolic link"))
        #expect(try outside.text("secret.txt") == "keep\n")
    }

    @Test func neverWritesIntoALinkedFolder() async throws {
        let outside = try TemporaryWorkspace()
        let folder = try TemporaryWorkspace()
        try folder.link("controls", to: outside.root.path)
        let result = await run(["init", folder.root.path])
        #expect(result.status == 2)
        #expect(result.err.contains("controls is a symbolic link, not a folder"))
        #expect(Self.files(under: outside.root).isEmpty)
        #expect(Self.files(under: folder.root) == [])
    }

    @Test func refusesAFileOrAMissingParentAsTheFolder() async throws {
        let folder = try TemporaryWorkspace()
        let file = try folder.write("plain", "x")
        let onFile = await run(["init", file.path])
        #expect(onFile.status == 2)
        #expect(onFile.err.contains("is not a folder"))
        let deep = folder.root.appendingPathComponent("a/b/c")
        let missing = await run(["init", deep.path])
        #expect(missing.status == 2)
        #expect(missing.err.contains("does not exist"))
    }

    @Test(arguments: ["github", "gitlab"])
    func writesAWorkflowThatIsYAMLAndPublishesOnlyTheSite(_ ci: String) async throws {
        let folder = try TemporaryWorkspace()
        let result = await run(["init", folder.root.path, "--ci", ci])
        #expect(result.status == 0, "\(result.err)")
        let path = ci == "github" ? ".github/workflows/trust-center.yml" : ".gitlab-ci.yml"
        let text = try folder.text(path)
        #expect(throws: Never.self) { try YAMLDocument.evidence(Data(text.utf8), display: path) }
        #expect(text.contains("attest build"))
        // The reports hold internal and NDA content: only the site is published.
        #expect(text.contains("reports/site"))
        #expect(!text.contains("path: reports\n"))
        // Evidence is dated by git: the checkout keeps the whole history.
        #expect(text.contains(ci == "github" ? "fetch-depth: 0" : "GIT_DEPTH: 0"))
    }

    @Test func theEvidenceGuideListsEveryFileTheControlsName() async throws {
        let folder = try TemporaryWorkspace()
        let result = await run(["init", folder.root.path, "--frameworks", "hipaa"])
        #expect(result.status == 0, "\(result.err)")
        let guide = try folder.text("evidence/README.md")
        let graph = try WorkspaceLoader().validate(at: folder.root).graph
        let paths = Set(graph.evidence.values.compactMap(\.path))
        #expect(!paths.isEmpty)
        for path in paths { #expect(guide.contains("`\(path)`"), "\(path) not in the guide") }
    }
}

import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// A one-character output setting once swapped the whole workspace for the reports. These run
/// the real commands in process on a copy of a workspace and check that nothing is replaced.
@Suite struct OutputSafetyTests: InProcessCommands {
    let folder: TemporaryWorkspace
    var workspace: URL { folder.root.appendingPathComponent("ws") }

    init() throws {
        folder = try TemporaryWorkspace()
        try FileManager.default.copyItem(
            at: Fixtures.workspace("valid/minimal"), to: folder.root.appendingPathComponent("ws"))
    }

    /// Every file under the workspace with its bytes.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: workspace.path)
        while let name = enumerator?.nextObject() as? String {
            let url = workspace.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[name] = try Data(contentsOf: url)
            }
        }
        return files
    }

    func setOutput(_ value: String) throws {
        let manifest = workspace.appendingPathComponent("attest.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try Data((text + "output: \(value)\n").utf8).write(to: manifest)
    }

    @Test(arguments: [
        "\".\"", "\"\"", "\"..\"", "evidence", "controls/out", "./", ".git", "../site",
        "/tmp/attest-site", "reports/../../elsewhere",
    ])
    func validateRefusesAnOutputThatWouldReplaceTheWorkspaceAtItsLine(_ value: String) async throws
    {
        try setOutput(value)
        let result = await run(["validate", "--workspace", workspace.path])
        #expect(result.status == 1)
        #expect(
            result.err.contains("attest.yaml:6:9: error: output "), "\(result.err)")
        #expect(result.err.contains("[workspace.unsafe-output]"))
    }

    @Test(arguments: ["../outside.sqlite", "/tmp/attest-store.sqlite"])
    func validateRefusesAStoreOutsideTheWorkspaceAtItsLine(_ value: String) async throws {
        let manifest = workspace.appendingPathComponent("attest.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try Data((text + "store: \(value)\n").utf8).write(to: manifest)
        let result = await run(["validate", "--workspace", workspace.path])
        #expect(result.status == 1)
        #expect(result.err.contains("attest.yaml:6:8: error: store "), "\(result.err)")
    }

    @Test(arguments: ["\".\"", "evidence"])
    func buildWithSuchAnOutputLeavesTheWorkspaceAsItWas(_ value: String) async throws {
        try setOutput(value)
        let before = try snapshot()
        let result = await run([
            "build", "--workspace", workspace.path, "--store",
            folder.root.appendingPathComponent("s.sqlite").path, "--quiet",
        ])
        #expect(result.status != 0)
        #expect(try snapshot() == before)
    }

    @Test(arguments: [".", "..", "evidence", "attest.yaml"])
    func buildOutIntoTheWorkspaceIsRefusedAndChangesNothing(_ out: String) async throws {
        let before = try snapshot()
        let parent = try FileManager.default.contentsOfDirectory(atPath: folder.root.path)
        let result = await run([
            "build", "--workspace", workspace.path, "--out",
            workspace.appendingPathComponent(out).path, "--store",
            folder.root.appendingPathComponent("s.sqlite").path, "--quiet",
        ])
        #expect(result.status == 2, "\(result.err)")
        #expect(try snapshot() == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.root.path).sorted()
                == parent.sorted())
    }

    @Test func buildOutIntoAFolderAttestDidNotWriteIsRefused() async throws {
        try folder.write("docs/index.md", "the team's own pages")
        let result = await run([
            "build", "--workspace", workspace.path, "--out",
            folder.root.appendingPathComponent("docs").path, "--store",
            folder.root.appendingPathComponent("s.sqlite").path, "--quiet",
        ])
        #expect(result.status == 2)
        #expect(result.err.contains("render.foreign-output"), "\(result.err)")
        #expect(try folder.text("docs/index.md") == "the team's own pages")
    }

    @Test func buildIntoANewFolderWorksAndMarksIt() async throws {
        let out = folder.root.appendingPathComponent("site-out")
        let result = await run([
            "build", "--workspace", workspace.path, "--out", out.path, "--store",
            folder.root.appendingPathComponent("s.sqlite").path, "--quiet",
        ])
        #expect(result.status == 0, "\(result.err)")
        #expect(
            FileManager.default.fileExists(
                atPath: out.appendingPathComponent(".attest-output").path))
        let again = await run([
            "build", "--workspace", workspace.path, "--out", out.path, "--store",
            folder.root.appendingPathComponent("s.sqlite").path, "--quiet",
        ])
        #expect(again.status == 0, "\(again.err)")
    }
}

import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestRender

/// Where a build may write, and that it only ever replaces what it wrote.
@Suite struct OutputPlacementTests {
    let workspace: TemporaryWorkspace
    let inputs = [
        "attest.yaml", "controls/library/access.yaml", "evidence/policy.md", "keys/bundle.pub",
        ".attest/attest.sqlite",
    ]

    init() throws {
        workspace = try TemporaryWorkspace()
        for path in inputs { try workspace.write(path, "x") }
    }

    func problem(_ relative: String) -> OutputPlacement.Problem? {
        OutputPlacement.problem(
            destination: workspace.root.appendingPathComponent(relative), root: workspace.root,
            inputs: inputs)
    }

    /// The first component read from the bytes is the one the rule is stated by: split at
    /// "/", empty pieces dropped, the first.
    @Test func theFirstComponentIsTheFirstNonEmptyPieceBetweenSlashes() {
        let pieces = ["", "a", "evidence", "é", "x.y", ".git", " "]
        for first in pieces {
            for second in pieces {
                for text in [
                    first, "/\(first)", "//\(first)/\(second)", "\(first)/\(second)",
                    "\(first)//\(second)/", "./\(first)",
                ] {
                    let expected = text.split(separator: "/").first.map(String.init) ?? ""
                    let found = String(Substring(OutputPlacement.firstComponent(of: text)))
                    #expect(found == expected, "\(text)")
                }
            }
        }
    }

    @Test(arguments: [
        (".", OutputPlacement.Problem.isWorkspace), ("", .isWorkspace),
        ("./", .isWorkspace), ("evidence/..", .isWorkspace),
        ("..", .containsWorkspace), ("../..", .containsWorkspace),
        ("evidence", .holdsInput(folder: "evidence", input: "evidence/policy.md")),
        ("evidence/out", .holdsInput(folder: "evidence", input: "evidence/policy.md")),
        ("controls", .holdsInput(folder: "controls", input: "controls/library/access.yaml")),
        ("templates/out", .holdsInput(folder: "templates", input: "templates/")),
        ("keys", .holdsInput(folder: "keys", input: "keys/bundle.pub")),
        (".git", .privateFolder(".git")), (".attest/out", .privateFolder(".attest")),
        ("attest.yaml", .isFile),
    ])
    func aDestinationThatWouldReplaceInputsIsRefused(
        _ relative: String, _ expected: OutputPlacement.Problem
    ) {
        #expect(problem(relative) == expected)
    }

    /// The input a refusal names is the first, in sorted order, under the output's top folder,
    /// whatever order the inputs come in (found in one pass, not by sorting them all).
    @Test func theInputNamedIsTheFirstInSortedOrderUnderTheFolder() {
        var random = SplitMix64(seed: 3)
        let folders = ["evidence", "controls", "ev", "evidence2"]
        let inputs =
            (0..<500).map { _ in
                folders[Int(random.next() % 4)] + "/f\(random.next() % 1_000).md"
            } + ["evidence", "/evidence/abs.md", "evidence//x.md", "evidencex/y.md"]
        for top in folders {
            let expected = inputs.sorted().first {
                $0.split(separator: "/", omittingEmptySubsequences: true).first.map(String.init)
                    == top
            }
            let found = OutputPlacement.problem(
                destination: workspace.root.appendingPathComponent(top), root: workspace.root,
                inputs: inputs)
            #expect(found == expected.map { .holdsInput(folder: top, input: $0) })
        }
    }

    @Test(arguments: ["reports", "public/site", "out"])
    func aFolderOfItsOwnIsAccepted(_ relative: String) {
        #expect(problem(relative) == nil)
    }

    @Test func aFolderOutsideTheWorkspaceIsAccepted() throws {
        let elsewhere = try TemporaryWorkspace()
        #expect(
            OutputPlacement.problem(
                destination: elsewhere.root.appendingPathComponent("site"), root: workspace.root,
                inputs: inputs) == nil)
    }

    @Test func theFileSystemRootIsRefused() {
        #expect(
            OutputPlacement.problem(
                destination: URL(fileURLWithPath: "/"), root: workspace.root, inputs: inputs)
                == .containsWorkspace)
    }

    @Test func aLinkToTheWorkspaceIsSeenThrough() throws {
        let elsewhere = try TemporaryWorkspace()
        try elsewhere.link("alias", to: workspace.root.path)
        #expect(
            OutputPlacement.problem(
                destination: elsewhere.root.appendingPathComponent("alias"), root: workspace.root,
                inputs: inputs) == .isWorkspace)
        try workspace.link("reports", to: "evidence")
        #expect(problem("reports") == .holdsInput(folder: "evidence", input: "evidence/policy.md"))
    }
}

@Suite struct OutputFolderTests {
    let folder: TemporaryWorkspace

    init() throws {
        folder = try TemporaryWorkspace()
    }

    var destination: URL { folder.root.appendingPathComponent("reports") }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.root.path).sorted()
    }

    @Test func aFolderAttestDidNotWriteIsNeverReplaced() throws {
        try folder.write("reports/notes.txt", "mine")
        #expect(throws: RenderError.self) { try OutputFolder(destination: destination) }
        #expect(try folder.text("reports/notes.txt") == "mine")
        #expect(try names() == ["reports"])
    }

    @Test func anEmptyOrMarkedFolderIsReplacedAndTheOutputIsMarked() throws {
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        let first = try OutputFolder(destination: destination)
        try first.write("one", to: "site/index.html")
        try first.commit()
        #expect(
            FileManager.default.fileExists(
                atPath: destination.appendingPathComponent(OutputFolder.markerName).path))
        #expect(
            !FileManager.default.fileExists(
                atPath: destination.appendingPathComponent(".gitignore").path))
        let second = try OutputFolder(destination: destination)
        try second.write("two", to: "site/index.html")
        try second.commit()
        #expect(try folder.text("reports/site/index.html") == "two")
        #expect(try names() == ["reports"])
    }

    @Test func aFolderThatAppearsDuringTheBuildIsNotReplaced() throws {
        let output = try OutputFolder(destination: destination)
        try output.write("x", to: "site/index.html")
        try folder.write("reports/notes.txt", "mine")
        #expect(throws: RenderError.self) { try output.commit() }
        #expect(try folder.text("reports/notes.txt") == "mine")
        output.discard()
    }

    @Test func stagingIsHiddenFromGitAndMarked() throws {
        let output = try OutputFolder(destination: destination)
        defer { output.discard() }
        #expect(output.staging.lastPathComponent.hasPrefix(".reports.staging-\(getpid())-"))
        #expect(
            try String(
                contentsOf: output.staging.appendingPathComponent(".gitignore"), encoding: .utf8)
                == "*\n")
        #expect(
            FileManager.default.fileExists(
                atPath: output.staging.appendingPathComponent(OutputFolder.markerName).path))
    }

    /// A killed build leaves its staging folder; the next build removes it, but only when its
    /// process is gone and it carries the marker.
    @Test func theNextBuildRemovesOnlyAbandonedStagingFolders() throws {
        let dead = ".reports.staging-2147483646-A"
        let alive = ".reports.staging-\(getpid())-B"
        let foreign = ".reports.staging-2147483645-C"
        try folder.write("\(dead)/\(OutputFolder.markerName)", "")
        try folder.write("\(dead)/audit/internal.html", "internal")
        try folder.write("\(alive)/\(OutputFolder.markerName)", "")
        try folder.write("\(foreign)/notes.txt", "not Attest's")
        let output = try OutputFolder(destination: destination)
        try output.commit()
        #expect(try names() == [foreign, alive, "reports"].sorted())
    }
}

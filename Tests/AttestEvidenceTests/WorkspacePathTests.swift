import Foundation
import Testing

@testable import AttestEvidence

@Suite struct WorkspacePathTests {
    @Test(arguments: [
        ("evidence/infra/lb.yaml", "evidence/infra/lb.yaml"),
        ("./evidence//infra/./lb.yaml", "evidence/infra/lb.yaml"),
        ("a", "a"),
    ])
    func relativePathsAreNormalised(_ text: String, _ normalised: String) throws {
        #expect(try WorkspacePath(text).relative == normalised)
    }

    @Test(arguments: [
        ("", WorkspacePath.TextProblem.empty),
        (".", .empty),
        ("/etc/passwd", .absolute),
        ("~/secrets", .absolute),
        ("../outside.yaml", .parentReference),
        ("evidence/../../outside.yaml", .parentReference),
        ("evidence/..", .parentReference),
        ("evidence/a\u{0}b", .controlCharacter),
    ])
    func unsafeTextIsRefused(_ text: String, _ problem: WorkspacePath.TextProblem) {
        #expect(throws: problem) { try WorkspacePath(text) }
    }

    @Test func aSymbolicLinkOutOfTheWorkspaceIsRefused() throws {
        let outside = try TemporaryWorkspace()
        try outside.write("secret.txt", "top secret")
        let workspace = try TemporaryWorkspace()
        try workspace.link(
            "evidence/leak.txt", to: outside.root.appendingPathComponent("secret.txt").path)
        try workspace.link("evidence/dir", to: outside.root.path)

        #expect(
            try WorkspacePath("evidence/leak.txt").locate(in: workspace.root)
                == .outside("'evidence/leak.txt' resolves outside the workspace"))
        #expect(
            try WorkspacePath("evidence/dir/secret.txt").locate(in: workspace.root)
                == .outside("'evidence/dir/secret.txt' resolves outside the workspace"))
        // Absent behind a link that leaves: still refused, not reported missing.
        #expect(
            try WorkspacePath("evidence/dir/absent.txt").locate(in: workspace.root)
                == .outside("'evidence/dir/absent.txt' resolves outside the workspace"))
    }

    @Test func aSymbolicLinkInsideTheWorkspaceIsFollowed() throws {
        let workspace = try TemporaryWorkspace()
        let target = try workspace.write("evidence/real.txt", "x")
        try workspace.link("evidence/alias.txt", to: "real.txt")
        #expect(
            try WorkspacePath("evidence/alias.txt").locate(in: workspace.root) == .inside(target))
    }

    @Test func anAbsentFileIsMissing() throws {
        let workspace = try TemporaryWorkspace()
        #expect(try WorkspacePath("evidence/none.txt").locate(in: workspace.root) == .missing)
    }
}

import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// Where the evidence cache may live and which key it takes (docs/evidence-cache.md).
@Suite struct EvidenceCacheSetupTests {
    static func options(_ arguments: [String]) throws -> EvidenceCacheOptions {
        try EvidenceCacheOptions.parse(arguments)
    }

    static func reason(_ resolution: EvidenceCacheSetup.Resolution) -> String? {
        if case .unusable(let reason) = resolution { return reason }
        return nil
    }

    @Test func aFolderInsideTheWorkspaceIsRefused() throws {
        let workspace = try TemporaryWorkspace()
        for inside in [".attest/cache", "deep/er/cache", "."] {
            let resolution = EvidenceCacheSetup.resolve(
                try Self.options([
                    "--evidence-cache", workspace.root.appendingPathComponent(inside).path,
                ]),
                environment: ["ATTEST_EVIDENCE_CACHE_KEY": String(repeating: "k", count: 32)],
                workspaceRoot: workspace.root)
            #expect(Self.reason(resolution)?.contains("inside the workspace") == true, "\(inside)")
        }
        // Refused before anything is created there.
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).isEmpty)
        // Through a link from outside, too.
        let outside = try TemporaryWorkspace()
        try FileManager.default.createSymbolicLink(
            at: outside.root.appendingPathComponent("cache"),
            withDestinationURL: workspace.root)
        let linked = EvidenceCacheSetup.resolve(
            try Self.options([
                "--evidence-cache", outside.root.appendingPathComponent("cache/c").path,
            ]),
            environment: ["ATTEST_EVIDENCE_CACHE_KEY": String(repeating: "k", count: 32)],
            workspaceRoot: workspace.root)
        #expect(Self.reason(linked)?.contains("inside the workspace") == true)
        // A sibling whose name starts like the workspace's is outside it.
        let sibling = URL(fileURLWithPath: workspace.root.path + "-cache")
        defer { try? FileManager.default.removeItem(at: sibling) }
        let beside = EvidenceCacheSetup.resolve(
            try Self.options(["--evidence-cache", sibling.path]),
            environment: ["ATTEST_EVIDENCE_CACHE_KEY": String(repeating: "k", count: 32)],
            workspaceRoot: workspace.root)
        #expect(Self.reason(beside) == nil)
    }

    @Test func theOptionTheVariableAndTheSwitchDecide() throws {
        let workspace = try TemporaryWorkspace()
        let cache = try TemporaryWorkspace()
        let folder = cache.root.appendingPathComponent("c").path
        let key = ["ATTEST_EVIDENCE_CACHE_KEY": String(repeating: "k", count: 32)]
        func isReady(_ arguments: [String], _ environment: [String: String]) throws -> Bool {
            if case .ready = EvidenceCacheSetup.resolve(
                try Self.options(arguments), environment: environment,
                workspaceRoot: workspace.root)
            {
                return true
            }
            return false
        }
        #expect(try !isReady([], key))
        #expect(try isReady(["--evidence-cache", folder], key))
        #expect(try isReady([], key.merging(["ATTEST_EVIDENCE_CACHE": folder]) { $1 }))
        #expect(
            try !isReady(
                ["--no-evidence-cache"], key.merging(["ATTEST_EVIDENCE_CACHE": folder]) { $1 }))
        #expect(try !isReady([], key.merging(["ATTEST_EVIDENCE_CACHE": ""]) { $1 }))
        // In CI only a key from the environment: `CI=false` is not CI.
        #expect(try !isReady(["--evidence-cache", folder], ["CI": "true"]))
        #expect(try isReady(["--evidence-cache", folder], ["CI": "false"]))
        #expect(try isReady(["--evidence-cache", folder], key.merging(["CI": "1"]) { $1 }))
    }

    /// An invalid workspace's attestations are never checked, so validate leaves the cache
    /// alone: no folder made, no pack read, nothing said about it.
    @Test func validateOfAnInvalidWorkspaceLeavesTheCacheAlone() async throws {
        let cache = try TemporaryWorkspace()
        let folder = cache.root.appendingPathComponent("c")
        let capture = CapturedConsole()
        let status = await AttestMain.run(
            [
                "validate", "--workspace",
                Fixtures.workspace("invalid/duplicate-control-id").path, "--evidence-cache",
                folder.path,
            ], console: capture.console)
        #expect(status == 1)
        #expect(!capture.standardError.contains("evidence cache"), "\(capture.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}

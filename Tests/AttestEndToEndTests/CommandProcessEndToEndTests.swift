import AttestTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The programs `attest` runs for command evidence, seen from outside the built binary: what
/// they can read of attest's environment.
@Suite(.serialized) struct CommandProcessEndToEndTests {
    /// Who runs attest: the test's own user, and an unprivileged one when the tests run as root
    /// (root may read a non-dumpable process's /proc entries; other users may not).
    enum Identity: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case currentUser, nobody

        var testDescription: String { rawValue }
        var userID: UInt32? { self == .nobody ? 65534 : nil }

        static var available: [Identity] {
            getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
                ? allCases : [.currentUser]
        }
    }

    static let canary = "canary-7f3a91c2"

    /// A copy of `process/<name>` in a fresh scratch folder that any user may write (the
    /// unprivileged run writes its store there).
    func scratchWorkspace(_ name: String) throws -> (scratch: URL, workspace: URL) {
        let manager = FileManager.default
        let scratch = manager.temporaryDirectory.appendingPathComponent(
            "attest-e2e-process-\(UUID().uuidString)")
        let workspace = scratch.appendingPathComponent("workspace")
        try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
        try manager.copyItem(at: Fixtures.workspace("process/\(name)"), to: workspace)
        for folder in [scratch, workspace] {
            try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        }
        return (scratch, workspace)
    }

    @Test(arguments: Identity.available)
    func commandsCannotReadTheEnvironmentOfAttest(_ identity: Identity) throws {
        let (scratch, workspace) = try scratchWorkspace("environment-probe")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let attest = try RunningAttest(
            [
                "collect", "--workspace", workspace.path,
                "--store", scratch.appendingPathComponent("store.sqlite").path,
            ],
            environment: [
                "ATTEST_E2E_CANARY": Self.canary, "ATTEST_E2E_PASSED": "passed-through",
            ],
            user: identity.userID)
        let ending = attest.wait(upTo: .seconds(120))
        let output = attest.standardOutput + attest.standardError
        #expect(ending == .exited(0), "\(output)")
        #expect(!output.contains(Self.canary), "\(output)")
        // Each probe ran and found nothing (grep's status 1).
        for probe in [
            "parent-environ", "parent-environ-through-self", "attest-environ-found-with-ps",
            "every-readable-environ",
        ] {
            #expect(output.contains("] \(probe): fail — exited with status 1"), "\(output)")
        }
        // The environment attest passes on is intact.
        #expect(output.contains("] named-variable: pass — exited with status 0"), "\(output)")
    }
}

import AttestTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The programs `attest` runs for command evidence, seen from outside the built binary: what
/// they can read of attest's environment, and whether they outlive a signalled attest.
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

    @Test(arguments: [
        ("collect", SIGTERM, Int32(143)), ("collect", SIGINT, 130), ("build", SIGTERM, 143),
    ])
    func aSignalledAttestKillsItsCommandsAndExitsWithTheShellStatus(
        _ command: String, _ signal: Int32, _ status: Int32
    ) throws {
        let (scratch, workspace) = try scratchWorkspace("long-command")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var arguments = [
            command, "--workspace", workspace.path,
            "--store", scratch.appendingPathComponent("store.sqlite").path,
        ]
        if command == "build" {
            arguments += [
                "--out", scratch.appendingPathComponent("out").path,
                "--build-time", "2026-06-01T00:00:00Z",
            ]
        }
        let attest = try RunningAttest(arguments)
        defer { attest.stop() }

        let sleep = ["sleep", "1007"]
        let pid = try #require(
            waitForPID(in: workspace.appendingPathComponent("sleep.pid"), within: .seconds(60)),
            "the command did not start: \(attest.standardError)")
        defer {
            // Never leave the sleep behind, whatever the outcome.
            if ProcessProbe.isRunning(pid, commandLine: sleep) { kill(pid, SIGKILL) }
        }
        try #require(ProcessProbe.starts(pid, commandLine: sleep))

        attest.send(signal)
        #expect(attest.wait(upTo: .seconds(30)) == .exited(status), "\(attest.standardError)")
        #expect(
            ProcessProbe.ends(pid, commandLine: sleep),
            "sleep 1007 (pid \(pid)) outlived attest")
    }

    /// The pid the command writes once it has started its sleep.
    func waitForPID(in file: URL, within limit: Duration) -> Int32? {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while ContinuousClock.now < deadline {
            if let data = FileManager.default.contents(atPath: file.path),
                let pid = Int32(
                    String(decoding: data, as: UTF8.self).trimmingCharacters(
                        in: .whitespacesAndNewlines))
            {
                return pid
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }
}

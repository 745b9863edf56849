import Foundation
import Testing

@testable import AttestEvidence

/// The registry a termination signal uses to end every running command.
@Suite struct ChildProcessGroupsTests {
    func request(_ command: String) -> ProcessRequest {
        ProcessRequest(
            executable: "/bin/sh", arguments: ["-c", command], environment: [:],
            workingDirectory: URL(fileURLWithPath: "/"), timeout: .seconds(60),
            maxOutputBytes: 1024)
    }

    @Test func terminatingKillsRunningGroupsAndRefusesNewOnes() async throws {
        // An isolated registry: the process-wide one must keep working for other tests.
        let groups = ChildProcessGroups()
        let runner = ProcessRunner(groups: groups)
        let running = Task { await runner.run(request("sleep 1011 & wait")) }
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        while groups.running.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        try #require(groups.running.count == 1)

        #expect(groups.terminateAll() == 1)
        let outcome = try await running.value.get()
        #expect(outcome.termination == .signalled(SIGKILL))
        #expect(groups.running.isEmpty)

        switch await runner.run(request("true")) {
        case .success(let outcome): Issue.record("started after termination: \(outcome)")
        case .failure(let error): #expect(error.code == ECANCELED)
        }
    }
}

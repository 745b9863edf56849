import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct CommandCollectorTests {
    let collector = CommandCollector()

    private func run(
        _ options: String, context: CollectionContext = Kit.context()
    ) async -> EvidenceResult {
        await collector.collect(Kit.spec(.command, options: options), context: context)
    }

    @Test func exitStatusZeroPasses() async {
        let result = await run("command: echo hello")
        #expect(result.status == .pass)
        #expect(result.message == "exited with status 0: hello")
        // sha256 of "hello\n".
        #expect(result.sha256 == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")
        #expect(result.observedAt == Kit.now)
    }

    @Test func aNonZeroExitFailsAndQuotesTheOutput() async {
        let result = await run(
            #"command: "echo checking; echo 'no MFA on 2 accounts' >&2; exit 3""#)
        #expect(result.status == .fail)
        #expect(result.message == "exited with status 3: checking | stderr: no MFA on 2 accounts")
    }

    @Test func theCommandRunsInTheWorkspace() async {
        let result = await run("command: sh command/config-dump.sh")
        #expect(result.status == .pass)
        #expect(result.message.contains(#""min_version": "1.3""#))
    }

    @Test func expectationsJudgeJSONOnStdout() async {
        let passing = await run(
            """
            command: sh command/config-dump.sh
            expect: { tls.min_version: "1.3", hsts.max_age: { ">=": 31536000 } }
            """)
        #expect(passing.status == .pass)
        #expect(passing.message.hasPrefix("exited with status 0; all 2 expectations met: {"))

        let failing = await run(
            """
            command: sh command/config-dump.sh
            expect: { tls.min_version: "1.2" }
            """)
        #expect(failing.status == .fail)
        #expect(
            failing.message.hasPrefix(
                #"exited with status 0; tls.min_version: expected "1.2", found "1.3": "#))

        let notJSON = await run("command: echo plain text\nexpect: { a: 1 }")
        #expect(notJSON.status == .error)
        #expect(
            notJSON.message.hasPrefix(
                "exited with status 0 but stdout is not JSON (unexpected character 'p')"))
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() async {
        let started = ContinuousClock.now
        // The background sleep is a grandchild holding stdout open: only killing the group ends it.
        let result = await run(#"command: "sleep 300 & sleep 300"\#ntimeout: 1s"#)
        let elapsed = ContinuousClock.now - started
        #expect(result.status == .error)
        #expect(result.message == "timed out after 1s")
        // Far below the 300 s the processes would take: the group was killed (the margin
        // absorbs a loaded machine and the suite's in-process builds; this is a behaviour
        // test, not a timing one).
        #expect(elapsed < .seconds(120))
    }

    @Test func theContextTimeoutAppliesWithoutAnOption() async {
        let result = await run(
            "command: sleep 5", context: Kit.context(timeout: .milliseconds(300)))
        #expect(result.status == .error)
        #expect(result.message == "timed out after 300ms")
    }

    @Test(arguments: [(0, EvidenceStatus.pass), (3, .fail)])
    func aBackgroundChildNeitherDelaysTheResultNorOutlivesTheCommand(
        _ code: Int, _ status: EvidenceStatus
    ) async throws {
        let started = ContinuousClock.now
        // The background sleep keeps stdout open; the result must not wait for it.
        let result = await run(
            #"command: "sleep 1003 & echo started $!; exit \#(code)"\#ntimeout: 300s"#)
        let elapsed = ContinuousClock.now - started
        #expect(result.status == status)
        let prefix = "exited with status \(code): started "
        try #require(result.message.hasPrefix(prefix), "\(result.message)")
        let pid = try #require(Int32(result.message.dropFirst(prefix.count)))
        // Far below the 300 s timeout (the margin absorbs a loaded machine and the suite's
        // in-process builds); the status above already says it did not time out.
        #expect(elapsed < .seconds(120))
        #expect(
            ProcessProbe.ends(pid, commandLine: ["sleep", "1003"]),
            "sleep 1003 (pid \(pid)) is still running")
    }

    @Test func outputBeyondTheCapIsDroppedAndNoted() async {
        // 10,000 bytes of "x" with no newline; the cap keeps 100.
        let result = await run(
            #"command: "head -c 10000 /dev/zero | tr '\\0' x""#,
            context: Kit.context(maxOutputBytes: 100))
        #expect(result.status == .pass)
        // The cut word could be half a secret, so it is dropped entirely.
        #expect(result.message == "exited with status 0 (output truncated at 100 bytes)")
        // The hash still covers all 10,000 bytes:
        // `head -c 10000 /dev/zero | tr '\0' x | sha256sum`.
        #expect(result.sha256 == "e4ee97ec252749d2096447e849628d0d7734f51700416eefbb33574bf0b3ee75")
    }

    @Test func theCapKeepsTheFirstBytes() async {
        let result = await run(
            #"command: "echo first line; seq 1 5000""#, context: Kit.context(maxOutputBytes: 20))
        #expect(
            result.message
                == "exited with status 0: first line 1 2 3 4 (output truncated at 20 bytes)")
    }

    @Test func onlyAllowListedVariablesReachTheCommand() async {
        setenv("ATTEST_TEST_SECRET", "visible-only-if-allowed", 1)
        setenv("ATTEST_TEST_SHARED", "shared-value", 1)
        let hidden = await run(
            #"command: "echo hidden=[${ATTEST_TEST_SECRET}] shared=[${ATTEST_TEST_SHARED}]""#,
            context: Kit.context(allowList: ["PATH", "ATTEST_TEST_SHARED"]))
        #expect(hidden.message == "exited with status 0: hidden=[] shared=[shared-value]")

        let named = await run(
            #"command: "echo value=[${ATTEST_TEST_SECRET}]"\#nenv: [ATTEST_TEST_SECRET]"#,
            context: Kit.context(allowList: ["PATH"]))
        #expect(named.message == "exited with status 0: value=[visible-only-if-allowed]")

        let home = await run(
            #"command: "echo home=[${HOME}]""#, context: Kit.context(allowList: []))
        #expect(home.message == "exited with status 0: home=[]")
    }

    @Test func secretsInTheOutputAreRedacted() async {
        let result = await run(
            #"command: "echo 'using AKIAIOSFODNN7EXAMPLE with password=hunter2'; exit 1""#)
        #expect(result.status == .fail)
        #expect(result.message == "exited with status 1: using [REDACTED] with password=[REDACTED]")
        #expect(!result.message.contains("hunter2"))
    }

    @Test func aCommandThatCannotRunFailsWithTheShellsStatus() async {
        let result = await run("command: definitely-not-a-command-attest")
        #expect(result.status == .fail)
        #expect(result.message.hasPrefix("exited with status 127: stderr: "))
    }

    @Test func aKilledCommandIsAnError() async {
        let result = await run(#"command: "kill -9 $$""#)
        #expect(result.status == .error)
        #expect(result.message == "killed by signal 9")
    }

    @Test(arguments: [
        ("", ["evidence.missing-option 1:1"]),
        ("command: echo\ntimeout: soon", ["evidence.invalid-option 2:10"]),
        ("command: echo\nenv: [GOOD, 9BAD]", ["evidence.invalid-option 2:6"]),
        ("command: echo\nexpect: { a: { in: 3 } }", ["evidence.invalid-expectation 2:20"]),
        ("command: [echo, hi]", ["evidence.invalid-option 1:10"]),
        // `run:` names a program in PATH (CommandArgumentsTests); a path is refused.
        ("run: ./echo", ["evidence.invalid-option 1:6"]),
    ])
    func badOptionsAreDiagnosed(_ options: String, _ expected: [String]) {
        #expect(Kit.codes(collector.validate(Kit.spec(.command, options: options))) == expected)
    }

    @Test func aPathIsWarnedAboutAsUnused() {
        let diagnostics = collector.validate(
            Kit.spec(.command, path: "x.txt", options: "command: true"))
        #expect(Kit.codes(diagnostics) == ["evidence.unused-path 1:1"])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func invalidOptionsMakeAnErrorResultWithoutRunning() async {
        let result = await run("command: echo\ntimeout: soon")
        #expect(result.status == .error)
        #expect(
            result.message == "invalid options: 'timeout' must be a duration such as 30s, 5m or 1h")
    }
}

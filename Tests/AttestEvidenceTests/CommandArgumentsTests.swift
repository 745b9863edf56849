import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// `run:` with `args:`: a program started without a shell, so a value that reaches its command
/// line (a recipe parameter) is one argument and never shell syntax.
@Suite struct CommandArgumentsTests {
    private func run(
        _ options: String, collector: CommandCollector = CommandCollector()
    ) async -> EvidenceResult {
        await collector.collect(Kit.spec(.command, options: options), context: Kit.context())
    }

    @Test func argumentsReachTheProgramAsTheyAreWithoutAShell() async {
        let result = await run(#"run: printf\#nargs: ["[%s]", "a b; echo injected", "$HOME"]"#)
        #expect(result.status == .pass)
        #expect(result.message == "exited with status 0: [a b; echo injected][$HOME]")
    }

    @Test func expectationsJudgeTheProgramsJSON() async {
        let result = await run(
            #"run: printf\#nargs: ['{"ok": %s}', "true"]\#nexpect: { ok: true }"#)
        #expect(result.status == .pass)
        let failing = await run(
            #"run: printf\#nargs: ['{"ok": %s}', "false"]\#nexpect: { ok: true }"#)
        #expect(failing.status == .fail)
        #expect(failing.message.hasPrefix("exited with status 0; ok: expected true, found false"))
    }

    @Test func anUnknownProgramIsAnError() async {
        let result = await run("run: attest-no-such-program-here")
        #expect(result.status == .error)
        #expect(result.message.hasPrefix("cannot start 'attest-no-such-program-here'"))
    }

    @Test func commandAndRunExcludeEachOtherAndRunIsAProgramName() {
        let collector = CommandCollector()
        #expect(
            Kit.codes(collector.validate(Kit.spec(.command, options: "command: ls\nrun: ls")))
                == ["evidence.invalid-option 2:6"])
        #expect(
            Kit.codes(collector.validate(Kit.spec(.command, options: "run: ./check.sh")))
                == ["evidence.invalid-option 1:6"])
        #expect(
            Kit.codes(collector.validate(Kit.spec(.command, options: "command: ls\nargs: [-l]")))
                == ["evidence.invalid-option 2:7"])
        #expect(
            Kit.codes(collector.validate(Kit.spec(.command, options: "timeout: 1s")))
                == ["evidence.missing-option 1:1"])
    }

    @Test func theEnvironmentComesFromTheCollectorNotTheTestProcess() async {
        let collector = CommandCollector(
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "ATTEST_ARGS_TEST": "from-the-collector",
            ])
        let result = await run(
            "run: printenv\nargs: [ATTEST_ARGS_TEST]\nenv: [ATTEST_ARGS_TEST]",
            collector: collector)
        #expect(result.message == "exited with status 0: from-the-collector")
    }
}

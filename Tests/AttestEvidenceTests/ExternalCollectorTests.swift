import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct ExternalCollectorTests {
    let collector = ExternalCollector()

    private func script(
        _ name: String, context: CollectionContext = Kit.context()
    ) async
        -> EvidenceResult
    {
        await collector.collect(
            Kit.spec(.external, options: "run: sh\nargs: [external/\(name)]"), context: context)
    }

    @Test func aPartialReportIsTakenAsWritten() async {
        let result = await script("bucket-encryption.sh")
        #expect(result.status == .partial(0.8))
        #expect(result.message == "8 of 10 buckets encrypted with KMS keys")
        #expect(result.observedAt == Kit.day("2026-05-31").addingTimeInterval(10 * 3_600))
        #expect(
            result.artifacts == [
                Artifact(
                    path: "external/buckets.json",
                    sha256: "8c4b1f0e6a0a2e0f8d1e0b2c9a7f6e5d4c3b2a1908f7e6d5c4b3a29180706050")
            ])
        // `sh external/bucket-encryption.sh | sha256sum`.
        #expect(result.sha256 == "caa9083d660e94198688bc05035e62c6f936f76f678dd1ff7092c7ce9c5f127f")
    }

    @Test func aPassingReportDefaultsToNow() async {
        let result = await script("pass.sh")
        #expect(result.status == .pass)
        #expect(result.message == "all 3 backups restored within the RTO")
        #expect(result.observedAt == Kit.now)
        #expect(result.sha256 == "ee6f98ba5e35791ef81c4e6d7e484119879988934b56f225455d50baf94acec0")
    }

    @Test(arguments: [
        (
            "unknown-status.sh",
            "invalid report: unknown status 'green'; expected one of pass, fail, partial, error"
        ),
        (
            "partial-without-score.sh",
            "invalid report: 'score' (or 'tally') is required for partial"
        ),
        ("score-out-of-range.sh", "invalid report: 'score' must be a number from 0 to 1"),
        (
            "unknown-key.sh",
            "invalid report: unknown key(s) 'stauts'; "
                + "allowed: artifacts, message, observed_at, score, status, tally"
        ),
        ("not-json.sh", "stdout is not JSON (unexpected character 'C')"),
        ("crashes.sh", "exited with status 3: stderr: connecting with token=[REDACTED] failed"),
    ])
    func invalidReportsAreErrors(_ name: String, _ message: String) async {
        let result = await script(name)
        #expect(result.status == .error)
        #expect(result.message == message)
    }

    @Test func theReportedMessageIsRedacted() async {
        let result = await script("leaks-secret.sh")
        #expect(result.status == .fail)
        #expect(result.message == "login refused for [REDACTED] (password=[REDACTED])")
    }

    @Test func aTallyIsCarriedAndItsFractionIsTheScore() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "report.json", #"{"status": "partial", "tally": {"passed": 46, "total": 48}}"#)
        let result = await collector.collect(
            Kit.spec(.external, options: "run: cat\nargs: [report.json]"),
            context: Kit.context(root: workspace.root))
        #expect(result.tally == Tally(passed: 46, total: 48))
        #expect(result.status == .partial(46.0 / 48.0))
    }

    @Test(arguments: [
        #"{"status": "partial", "score": 0.5, "tally": {"passed": 46, "total": 48}}"#,
        #"{"status": "pass", "tally": {"passed": 46, "total": 48}}"#,
        #"{"status": "partial", "tally": {"passed": 49, "total": 48}}"#,
        #"{"status": "partial", "tally": {"passed": 4.5, "total": 48}}"#,
        #"{"status": "partial", "tally": {"passed": 1, "total": 0}}"#,
        #"{"status": "partial", "tally": {"passed": 1}}"#,
    ])
    func aTallyThatContradictsItsReportIsAnError(_ json: String) async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("report.json", json)
        let result = await collector.collect(
            Kit.spec(.external, options: "run: cat\nargs: [report.json]"),
            context: Kit.context(root: workspace.root))
        #expect(result.status == .error)
        #expect(result.tally == nil)
    }

    @Test(arguments: [
        (
            #"{"status": "pass", "observed_at": "2026-05-31"}"#,
            "invalid report: 'observed_at' must be an ISO 8601 date-time with a zone, such as "
                + "2026-05-01T10:00:00Z"
        ),
        (
            #"{"status": "pass", "observed_at": "2026-07-01T00:00:00Z"}"#,
            "invalid report: 'observed_at' 2026-07-01T00:00:00Z is in the future"
        ),
        (
            #"{"status": "pass", "artifacts": [{"path": "a"}]}"#,
            "invalid report: artifacts[0] must be an object with exactly 'path' and 'sha256' "
                + "strings"
        ),
        (
            #"{"status": "pass", "artifacts": [{"path": "a", "sha256": "ABC"}]}"#,
            "invalid report: artifacts[0].sha256 must be 64 lower-case hex digits"
        ),
        (
            #"{"status": "partial", "score": "0.5"}"#,
            "invalid report: 'score' must be a number from 0 to 1"
        ),
        (#"{"status": 1}"#, "invalid report: 'status' is required and must be a string"),
        (#"["pass"]"#, "invalid report: the output is not a JSON object"),
    ])
    func reportsAreValidatedStrictly(_ json: String, _ message: String) async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("report.json", json)
        let result = await collector.collect(
            Kit.spec(.external, options: "run: cat\nargs: [report.json]"),
            context: Kit.context(root: workspace.root))
        #expect(result.status == .error)
        #expect(result.message == message)
    }

    @Test func aWorkspaceProgramRunsByItsPath() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "bin/check",
            "#!/bin/sh\necho \"{\\\"status\\\": \\\"fail\\\", \\\"message\\\": \\\"$1\\\"}\"\n",
            executable: true)
        let result = await collector.collect(
            Kit.spec(.external, options: "run: bin/check\nargs: [2 hosts without EDR]"),
            context: Kit.context(root: workspace.root))
        #expect(result.status == .fail)
        #expect(result.message == "2 hosts without EDR")

        let missing = await collector.collect(
            Kit.spec(.external, options: "run: bin/absent"),
            context: Kit.context(root: workspace.root))
        #expect(missing.status == .missing)
        #expect(missing.message == "bin/absent does not exist")
    }

    @Test func aProgramThatCannotStartIsAnError() async {
        let result = await collector.collect(
            Kit.spec(.external, options: "run: no-such-program-attest"), context: Kit.context())
        #expect(result.status == .error)
        #expect(
            result.message == "cannot start 'no-such-program-attest': No such file or directory")
    }

    @Test func aSlowProgramTimesOut() async {
        let result = await collector.collect(
            Kit.spec(.external, options: "run: sleep\nargs: [\"5\"]\ntimeout: 1s"),
            context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message == "timed out after 1s")
    }

    @Test func oversizedOutputIsNotAReport() async {
        let result = await script("bucket-encryption.sh", context: Kit.context(maxOutputBytes: 50))
        #expect(result.status == .error)
        #expect(result.message == "output is larger than 50 bytes; not a valid report")
    }

    @Test(arguments: [
        ("", ["evidence.missing-option 1:1"]),
        ("run: ../tools/check.sh", ["evidence.unsafe-path 1:6"]),
        ("run: sh\nargs: { a: 1 }", ["evidence.invalid-option 2:7"]),
        ("command: ls", ["evidence.unknown-option 1:10", "evidence.missing-option 1:1"]),
    ])
    func badOptionsAreDiagnosed(_ options: String, _ expected: [String]) {
        #expect(Kit.codes(collector.validate(Kit.spec(.external, options: options))) == expected)
    }
}

import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct SARIFCollectorTests {
    let collector = SARIFCollector()

    @Test func semgrepFindingsAreCountedByLevel() async {
        let result = await collector.collect(
            Kit.spec(.sarif, path: "sarif/semgrep.sarif"), context: Kit.context())
        // 2 errors (one from its rule's default level), 4 warnings (one by default, one whose
        // suppression was rejected), 1 note; one accepted suppression; one result of kind pass.
        #expect(result.status == .fail)
        #expect(
            result.message
                == "2 errors, 4 warnings, 1 note (1 suppressed); max error 0; exceeded: error")
        #expect(result.observedAt == Kit.day("2026-05-29").addingTimeInterval(18.5 * 3_600))
        #expect(result.artifacts.map(\.path) == ["sarif/semgrep.sarif"])
        #expect(result.sha256 == result.artifacts.first?.sha256)
    }

    @Test func snykFindingsWithinTheDefaultMaximumPass() async {
        let result = await collector.collect(
            Kit.spec(.sarif, path: "sarif/snyk.sarif"), context: Kit.context())
        #expect(result.status == .pass)
        #expect(result.message == "0 errors, 3 warnings, 2 notes (1 suppressed); max error 0")
        #expect(result.observedAt == Kit.now)
    }

    @Test(arguments: [
        (
            "max: { error: 2, warning: 4, note: 1 }", EvidenceStatus.pass,
            "2 errors, 4 warnings, 1 note (1 suppressed); max error 2, warning 4, note 1"
        ),
        (
            "max: { note: 0, error: 5, warning: 3 }", .fail,
            "2 errors, 4 warnings, 1 note (1 suppressed); max error 5, warning 3, note 0; "
                + "exceeded: warning, note"
        ),
        (
            "max: { warning: 10 }", .pass,
            "2 errors, 4 warnings, 1 note (1 suppressed); max warning 10"
        ),
    ])
    func maximumsPerLevelDecide(
        _ options: String, _ status: EvidenceStatus, _ message: String
    )
        async
    {
        let result = await collector.collect(
            Kit.spec(.sarif, path: "sarif/semgrep.sarif", options: options), context: Kit.context())
        #expect(result.status == status)
        #expect(result.message == message)
    }

    @Test(arguments: [
        ("sarif/no-runs.sarif", "sarif/no-runs.sarif: invalid SARIF: no 'runs' array"),
        (
            "sarif/old-version.sarif",
            "sarif/old-version.sarif: invalid SARIF: SARIF version 1.0.0 is not supported "
                + "(2.1.0 is)"
        ),
        (
            "json/malformed.json",
            "json/malformed.json: invalid SARIF: json/malformed.json:3:33: expected a string key"
        ),
    ])
    func invalidLogsAreErrors(_ path: String, _ message: String) async {
        let result = await collector.collect(Kit.spec(.sarif, path: path), context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message == message)
    }

    /// A log whose structure is not SARIF's must be an error, never zero findings: a scanner
    /// that crashed half-way must not pass the gate.
    @Test(arguments: [
        ("sarif/runs-not-objects.sarif", "runs[0] is not an object"),
        ("sarif/results-not-an-array.sarif", "runs[0].results is not an array"),
        (
            "sarif/results-null.sarif",
            "runs[0] has no 'results' array (the tool did not produce results)"
        ),
        (
            "sarif/results-absent.sarif",
            "runs[0] has no 'results' array (the tool did not produce results)"
        ),
        ("sarif/rules-not-an-array.sarif", "runs[0].tool.driver.rules is not an array"),
        (
            "sarif/suppression-not-an-object.sarif",
            "runs[0].results[0].suppressions[0] is not an object"
        ),
    ])
    func aMisshapenLogIsAnError(_ path: String, _ problem: String) async {
        let result = await collector.collect(Kit.spec(.sarif, path: path), context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message == "\(path): invalid SARIF: \(problem)")
    }

    @Test func anUnknownLevelIsAnError() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "scan.sarif",
            #"{"version": "2.1.0", "runs": [{"results": [{"ruleId": "x", "level": "critical"}]}]}"#)
        let result = await collector.collect(
            Kit.spec(.sarif, path: "scan.sarif"), context: Kit.context(root: workspace.root))
        #expect(result.status == .error)
        #expect(
            result.message
                == "scan.sarif: invalid SARIF: runs[0].results[0] has an unknown level 'critical'")
    }

    @Test func anAbsentLogIsMissing() async {
        let result = await collector.collect(
            Kit.spec(.sarif, path: "sarif/absent.sarif"), context: Kit.context())
        #expect(result.status == .missing)
    }

    @Test(arguments: [
        ("max: { critical: 0 }", ["evidence.invalid-option 1:8"]),
        ("max: { error: -1 }", ["evidence.invalid-option 1:15"]),
        ("max: 3", ["evidence.invalid-option 1:6"]),
        ("expect: { a: 1 }", ["evidence.unknown-option 1:9"]),
    ])
    func badOptionsAreDiagnosed(_ options: String, _ expected: [String]) {
        let spec = Kit.spec(.sarif, path: "sarif/snyk.sarif", options: options)
        #expect(Kit.codes(collector.validate(spec)) == expected)
    }
}

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
        // suppression was rejected), 1 note; one result of kind pass; and one error whose
        // accepted suppression links to no exception, so it counts: 3 errors.
        #expect(result.status == .fail)
        #expect(
            result.message
                == "3 errors, 4 warnings, 1 note (1 suppression without an open exception, "
                + "counted); max error 0; exceeded: error")
        #expect(result.observedAt == Kit.day("2026-05-29").addingTimeInterval(18.5 * 3_600))
        #expect(result.artifacts.map(\.path) == ["sarif/semgrep.sarif"])
        #expect(result.sha256 == result.artifacts.first?.sha256)
    }

    @Test func snykFindingsWithinTheDefaultMaximumPass() async {
        let result = await collector.collect(
            Kit.spec(.sarif, path: "sarif/snyk.sarif"), context: Kit.context())
        #expect(result.status == .pass)
        // The suppressed warning links to no exception: it counts (3 + 1 warnings).
        #expect(
            result.message
                == "0 errors, 4 warnings, 2 notes (1 suppression without an open exception, "
                + "counted); max error 0")
        #expect(result.observedAt == Kit.now)
    }

    static let unl = "(1 suppression without an open exception, counted)"

    @Test(arguments: [
        (
            "max: { error: 3, warning: 4, note: 1 }", EvidenceStatus.pass,
            "3 errors, 4 warnings, 1 note \(Self.unl); max error 3, warning 4, note 1"
        ),
        (
            "max: { note: 0, error: 5, warning: 3 }", .fail,
            "3 errors, 4 warnings, 1 note \(Self.unl); max error 5, warning 3, note 0; "
                + "exceeded: warning, note"
        ),
        (
            "max: { warning: 10 }", .pass,
            "3 errors, 4 warnings, 1 note \(Self.unl); max warning 10"
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

    static func exception(
        _ id: ExceptionID, evidence: EvidenceID = "test-evidence", expires: String = "2026-12-31"
    ) -> Exception {
        let here = SourcePosition(file: "attest.yaml", line: 1, column: 1)
        return Exception(
            id: id, control: nil, evidence: EvidenceReference(evidence, at: here),
            from: "2026-01-01", to: "2026-12-31", description: "d", owner: "o",
            managementResponse: "r", remediationDate: "2026-09-30", approvedBy: "jdoe",
            expires: expires, position: here)
    }

    @Test func aSuppressionHidesAFindingOnlyWhenItLinksToAnOpenExceptionForThisEvidence() async {
        var context = Kit.context()
        // Open and covering (EX-7), expired the day before the run (EX-8), open but for other
        // evidence (EX-9).
        context.exceptions = [
            Self.exception("EX-7"), Self.exception("EX-8", expires: "2026-05-31"),
            Self.exception("EX-9", evidence: "other-evidence"),
        ]
        let result = await collector.collect(
            Kit.spec(.sarif, path: "sarif/linked-suppressions.sarif"), context: context)
        // r1 and r6 link to EX-7: hidden. r2 (EX-8, expired), r3 (no link), r5 (EX-9, other
        // evidence) count and are reported as unlinked; r4's suppression is under review, so
        // it counts as a plain finding. Errors r2 r4, warning r3, note r5.
        #expect(result.status == .fail)
        #expect(
            result.message
                == "2 errors, 1 warning, 1 note (2 suppressed under EX-7; 3 suppressions "
                + "without an open exception, counted); max error 0; exceeded: error")
    }

    @Test func withoutAnExceptionsRegisterNoSuppressionHidesAFinding() async {
        let result = await collector.collect(
            Kit.spec(.sarif, path: "sarif/linked-suppressions.sarif"), context: Kit.context())
        // Every result counts: errors r1 r2 r4, warnings r3 r6, note r5.
        #expect(
            result.message
                == "3 errors, 2 warnings, 1 note (5 suppressions without an open exception, "
                + "counted); max error 0; exceeded: error")
    }

    @Test(arguments: [
        (#"{"justification": "attest-exception: EX-7"}"#, ["EX-7"]),
        (
            #"{"justification": "a attest-exception:EX-7, b attest-exception:  A.b_c-9!"}"#,
            ["EX-7", "A.b_c-9"]
        ),
        (
            #"{"properties": {"attest-exception": "EX-1"}, "justification": "attest-exception: EX-2"}"#,
            ["EX-1", "EX-2"]
        ),
        (#"{"justification": "approved, attest-exception: EX-7."}"#, ["EX-7"]),
        (#"{"justification": "Attest-Exception: EX-7"}"#, []),
        (#"{"justification": "attest-exception: "}"#, []),
    ])
    func theLinkIsReadFromThePropertyThenTheJustification(
        _ json: String, _ ids: [String]
    )
        throws
    {
        let value = try JSONReader(file: "s.json").parse(Data(json.utf8))
        #expect(SARIFSummary.links(value) == ids)
    }

    @Test func aMisshapenSuppressionAfterALinkedOneIsStillAnError() throws {
        let log = try JSONReader(file: "s.sarif").parse(
            Data(
                #"""
                {"version": "2.1.0", "runs": [{"results": [{"suppressions": [
                  {"justification": "attest-exception: EX-7"}, 3]}]}]}
                """#.utf8))
        #expect(throws: SARIFSummary.ParseError.self) {
            try SARIFSummary.read(log) { $0 == "EX-7" }
        }
    }
}

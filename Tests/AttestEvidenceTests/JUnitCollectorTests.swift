import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct JUnitCollectorTests {
    let collector = JUnitCollector()

    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var status: EvidenceStatus
        var message: String
        var testDescription: String { path }
    }

    @Test(arguments: [
        Case(
            path: "junit/swift-xunit.xml", status: .partial(6.0 / 7.0),
            message: "8 tests, 1 failure, 0 errors, 1 skipped (85.7% passed)"),
        Case(
            path: "junit/swift-testing.xml", status: .pass,
            message: "4 tests, 0 failures, 0 errors, 0 skipped (100.0% passed)"),
        Case(
            path: "junit/pytest.xml", status: .partial(0.75),
            message: "5 tests, 1 failure, 0 errors, 1 skipped (75.0% passed)"),
        Case(
            path: "junit/no-attributes.xml", status: .partial(0.75),
            message: "5 tests, 0 failures, 1 error, 1 skipped (75.0% passed)"),
        Case(
            path: "junit/single-suite.xml", status: .partial(0.25),
            message: "4 tests, 2 failures, 1 error, 0 skipped (25.0% passed)"),
        Case(
            path: "junit/empty.xml", status: .fail,
            message: "0 tests, 0 failures, 0 errors, 0 skipped; no test ran"),
    ])
    func reportsAreCountedAndScored(_ testCase: Case) async {
        let result = await collector.collect(
            Kit.spec(.junit, path: testCase.path), context: Kit.context())
        #expect(result.status == testCase.status)
        #expect(result.message == testCase.message)
        #expect(result.artifacts.map(\.path) == [testCase.path])
        #expect(result.sha256 == result.artifacts.first?.sha256)
    }

    @Test func theSuiteTimestampDatesTheObservation() async {
        let pytest = await collector.collect(
            Kit.spec(.junit, path: "junit/pytest.xml"), context: Kit.context())
        let written = Kit.day("2026-05-30").addingTimeInterval(9 * 3_600 + 15 * 60 + 2.123456)
        #expect(abs(pytest.observedAt.timeIntervalSince(written)) < 0.000_01)
        let swift = await collector.collect(
            Kit.spec(.junit, path: "junit/swift-xunit.xml"), context: Kit.context())
        #expect(swift.observedAt == Kit.now)
    }

    @Test(arguments: [
        (
            "0.95", EvidenceStatus.fail,
            "5 tests, 1 failure, 0 errors, 1 skipped (75.0% passed); minimum 95.0%"
        ),
        ("0.75", .pass, "5 tests, 1 failure, 0 errors, 1 skipped (75.0% passed); minimum 75.0%"),
        ("0", .pass, "5 tests, 1 failure, 0 errors, 1 skipped (75.0% passed); minimum 0.0%"),
    ])
    func aMinimumPassRatioDecidesPassOrFail(
        _ ratio: String, _ status: EvidenceStatus, _ message: String
    ) async {
        let result = await collector.collect(
            Kit.spec(.junit, path: "junit/pytest.xml", options: "min_pass_ratio: \(ratio)"),
            context: Kit.context())
        #expect(result.status == status)
        #expect(result.message == message)
    }

    @Test(arguments: [
        ("junit/malformed.xml", "junit/malformed.xml: invalid XML: line 5: "),
        (
            "junit/entity-bomb.xml",
            "junit/entity-bomb.xml: a document type declaration is not allowed in a JUnit report"
        ),
        (
            "junit/wrong-root.xml",
            "junit/wrong-root.xml: the root element is <html>, expected <testsuites> or <testsuite>"
        ),
    ])
    func unreadableReportsAreErrors(_ path: String, _ messageStart: String) async {
        let result = await collector.collect(Kit.spec(.junit, path: path), context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message.hasPrefix(messageStart), "\(result.message)")
        #expect(result.sha256?.count == 64)
    }

    @Test func inconsistentCountsAreAnError() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "reports/junit.xml",
            #"<testsuite tests="2" failures="3"><testcase name="a"/></testsuite>"#)
        let result = await collector.collect(
            Kit.spec(.junit, path: "reports/junit.xml"), context: Kit.context(root: workspace.root))
        #expect(result.status == .error)
        #expect(
            result.message
                == "reports/junit.xml: inconsistent counts: 2 tests but 3 failures, 0 errors and "
                + "0 skipped"
        )
    }

    /// A count that is not a whole number in range is an error, never replaced by counting
    /// the test cases (which would let a broken report look green).
    @Test(arguments: [
        (
            "junit/huge-count.xml",
            "junit/huge-count.xml: <testsuite> attribute tests=\"99999999999999999999999\" "
                + "is not a whole number from 0 to 9007199254740991"
        ),
        (
            "junit/not-a-number.xml",
            "junit/not-a-number.xml: <testsuite> attribute failures=\"one\" is not a whole "
                + "number from 0 to 9007199254740991"
        ),
        (
            "junit/overflowing-sum.xml",
            "junit/overflowing-sum.xml: the report counts more than 9007199254740991 tests"
        ),
    ])
    func countsOutOfRangeAreErrors(_ path: String, _ message: String) async {
        let result = await collector.collect(Kit.spec(.junit, path: path), context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message == message)
    }

    @Test func theLargestCountIsScoredWithoutOverflow() async {
        let result = await collector.collect(
            Kit.spec(.junit, path: "junit/largest-count.xml"), context: Kit.context())
        #expect(result.status == .partial(9_007_199_254_740_990.0 / 9_007_199_254_740_991.0))
        #expect(
            result.message
                == "9007199254740991 tests, 1 failure, 0 errors, 0 skipped (99.9% passed)")
    }

    @Test func anAbsentReportIsMissing() async {
        let result = await collector.collect(
            Kit.spec(.junit, path: "junit/absent.xml"), context: Kit.context())
        #expect(result.status == .missing)
    }

    @Test(arguments: [
        ("min_pass_ratio: 1.5", ["evidence.invalid-option 1:17"]),
        (#"min_pass_ratio: "0.9""#, ["evidence.invalid-option 1:17"]),
        ("max: { error: 0 }", ["evidence.unknown-option 1:6"]),
    ])
    func badOptionsAreDiagnosed(_ options: String, _ expected: [String]) {
        let spec = Kit.spec(.junit, path: "junit/pytest.xml", options: options)
        #expect(Kit.codes(collector.validate(spec)) == expected)
    }

    @Test(arguments: [
        (404, 407, "99.3%"), (999, 1_000, "99.9%"), (9_999, 10_000, "99.9%"), (1, 10_000, "0.1%"),
        (0, 5, "0.0%"), (5, 5, "100.0%"), (2, 3, "66.7%"),
    ])
    func percentagesRoundButNeverToAWholeOrNothing(_ passed: Int, _ ran: Int, _ text: String) {
        #expect(JUnitCollector.percent(passed: passed, of: ran) == text)
    }
}

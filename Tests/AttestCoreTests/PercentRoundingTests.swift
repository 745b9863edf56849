import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Percentages round half away from zero on the exact value, in one function for all outputs.
@Suite struct PercentRoundingTests {
    typealias F = GraphFactory

    @Test(arguments: [
        (201.0, 400.0, 50.3), (1001.0, 2000.0, 50.1), (1.0, 8.0, 12.5), (1.0, 3.0, 33.3),
        (2.0, 3.0, 66.7), (7.0, 16.0, 43.8), (0.0, 5.0, 0.0), (5.0, 5.0, 100.0),
    ])
    func anExactHalfRoundsAwayFromZero(passed: Double, total: Double, percent: Double) {
        let workspace = F.workspace(
            frameworks: [F.framework("one", [F.requirement("R")])],
            controls: [F.control("C", satisfies: ["one/R"], evidence: ["e"])])
        let scores = Correction.scores(workspace, ["e": .partial(passed / total)])
        #expect(scores.score(of: .framework("one")).percent == percent)
    }

    @Test func aHalfOfTheNumeratorAndDenominatorRoundsUp() {
        // 35.25 / 50 = 70.5 % exactly, whatever the binary sum of the leaves gives.
        #expect(NodeScore.percent(numerator: 35.25, denominator: 50) == 70.5)
        #expect(NodeScore.percent(numerator: 0.5025, denominator: 1) == 50.3)
        #expect(NodeScore.percent(numerator: 1, denominator: 0) == 0)
    }

    @Test func figuresPrintTheSameInEveryOutput() {
        #expect(NodeScore.figure(35.248) == "35.248")
        #expect(NodeScore.figure(35.2475) == "35.248")
        #expect(NodeScore.figure(37) == "37")
        #expect(NodeScore.figure(2.5) == "2.5")
        #expect(NodeScore.figure(1e15) == "1000000000000000")
    }
}

import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// `attest sample`'s generator, selection rule and size table, against values computed by hand
/// and by an independent implementation (scripts/redraw-sample.py).
@Suite struct SamplingTests {
    /// The first outputs of SplitMix64 seeded with 1234567: the reference values of Rosetta
    /// Code's "Pseudo-random numbers/Splitmix64" task, as ports of splitmix64.c cite them, and
    /// recomputed independently with Python's big integers from the algorithm in docs/audit.md.
    @Test func splitMix64MatchesThePublishedOutputsForSeed1234567() {
        var generator = SplitMix64(seed: 1_234_567)
        let outputs = (0..<5).map { _ in generator.next() }
        #expect(
            outputs == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
            ])
    }

    /// Bound 2^63 + 1: outputs below 2^64 mod bound = 2^63 − 1 are rejected. The first two
    /// outputs for seed 1234567 are below it; the third, 9817491932198370423, is kept and
    /// reduced: 9817491932198370423 − (2^63 + 1) = 594119895343594614.
    @Test func boundedDrawsRejectOutputsThatWouldBiasTheModulo() {
        var generator = SplitMix64(seed: 1_234_567)
        #expect(generator.next(below: (1 << 63) + 1) == 594_119_895_343_594_614)
        #expect(generator.next() == 4_593_380_528_125_082_431)
    }

    /// Seed 1234567, 3 of 10: the outputs end in …317 (mod 10 = 7, swap 0↔7), …973 (digit sum
    /// 79, mod 9 = 7, swap 1↔8) and …423 (423 mod 8 = 7, swap 2↔9); positions 0–2 then hold
    /// 7, 8, 9: rows 8, 9 and 10. No output is rejected (thresholds 6, 7 and 0).
    @Test func aSeedPicksTheRowsThePartialShuffleGivesByHand() {
        #expect(SampleDraw.indices(count: 10, size: 3, seed: 1_234_567) == [7, 8, 9])
    }

    @Test func aSizeNotSmallerThanThePopulationTakesEveryRow() {
        #expect(SampleDraw.indices(count: 4, size: 4, seed: 9) == [0, 1, 2, 3])
        #expect(SampleDraw.indices(count: 4, size: 40, seed: 9) == [0, 1, 2, 3])
        #expect(SampleDraw.indices(count: 0, size: 3, seed: 9) == [])
    }

    @Test(arguments: [(10, 3), (1000, 25), (7, 6), (2, 1), (100_000, 60)])
    func aSampleHasDistinctAscendingRowsInsideThePopulation(count: Int, size: Int) {
        let rows = SampleDraw.indices(count: count, size: size, seed: 42)
        #expect(rows.count == size)
        #expect(rows == rows.sorted() && Set(rows).count == size)
        #expect(rows.allSatisfy { (0..<count).contains($0) })
    }

    @Test(arguments: [
        (ControlFrequency.annual, 1, 1), (.quarterly, 2, 2), (.monthly, 2, 5), (.weekly, 5, 15),
        (.daily, 20, 40), (.multipleDaily, 25, 60),
    ])
    func sampleSizesFollowTheFrequencyTable(frequency: ControlFrequency, low: Int, high: Int) {
        #expect(frequency.sampleSizes == low...high)
    }

    @Test func theFrequencyNamesAreThoseTheCommandTakes() {
        #expect(
            ControlFrequency.allCases.map(\.rawValue) == [
                "annual", "quarterly", "monthly", "weekly", "daily", "multiple-daily",
            ])
    }

    @Test func aSampleNumbersRowsFromOneAndKeepsTheirCells() {
        let population = Population(
            evidence: "e", path: "p.csv", sha256: "h", header: ["id"],
            rows: (1...10).map { ["r\($0)"] })
        let sample = Sample(population: population, size: 3, seed: 1_234_567)
        #expect(sample.rows.map(\.number) == [8, 9, 10])
        #expect(sample.rows.map(\.cells) == [["r8"], ["r9"], ["r10"]])
        #expect(!sample.isWholePopulation)
    }

    /// The auditor's script, written from the docs, redraws the same rows.
    @Test(.enabled(if: LocalService.available("python3")))
    func thePythonRedrawScriptAgreesWithAttest() throws {
        let script = Fixtures.packageRoot.appendingPathComponent("scripts/redraw-sample.py")
        let cases: [(seed: UInt64, count: Int, size: Int)] = [
            (1_234_567, 10, 3), (0, 1, 1), (42, 6, 2), (UInt64.max, 1000, 25),
            (18_446_744_073_709_551_557, 97, 40), (7, 5, 9), (123, 365, 60),
        ]
        let python = try #require(LocalService.path(of: "python3"))
        for item in cases {
            let process = Process()
            process.executableURL = python
            process.arguments = [script.path, "\(item.seed)", "\(item.count)", "\(item.size)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let rows = String(decoding: output, as: UTF8.self)
                .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            let ours = SampleDraw.indices(count: item.count, size: item.size, seed: item.seed)
            #expect(rows == ours.map { $0 + 1 }, "seed \(item.seed), \(item.size) of \(item.count)")
        }
    }
}

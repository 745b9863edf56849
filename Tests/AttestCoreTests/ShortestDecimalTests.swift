import Foundation
import Testing

@testable import AttestCore

/// `NodeScore.figure` and `NodeScore.percent` read the digits of a double's shortest spelling
/// (`ShortestDecimal`) instead of parsing it into a `Decimal`; both ways must print every
/// figure the same.
@Suite struct ShortestDecimalTests {
    /// Doubles of the kinds scores are made of, and the edges of the rounding: ratios of small
    /// counts, halves at the third and fourth decimal, values printed with an exponent, signs.
    static let values: [Double] = {
        var values: [Double] = [
            0, -0.0, 1, -1, 0.5, 0.0005, 0.00049999, 1.0005, 2.0005, 0.9995, 0.9994999,
            99.95, 99.949, 0.999_95, 1e-5, 1.5e-4, 5e-4, 4.9e-4, 1e-7, 123_456_789.000_5, 1e15,
            1e16, 2.5e20, 1e21, -2.5, -0.0005, -1.0005, 0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0,
            Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, -Double.ulpOfOne,
        ]
        for denominator in 1...120 {
            for numerator in 0...denominator {
                values.append(Double(numerator) / Double(denominator))
                values.append(Double(numerator) * 0.25 / Double(denominator))
            }
        }
        for thousandth in 0...2_000 {
            let base = Double(thousandth) / 1000
            values += [base + 0.0005, base - 0.0005, base + 0.000_05, base.nextUp, base.nextDown]
        }
        var state: UInt64 = 0xF16_0E5
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            values += [unit, unit * 200 - 100, unit * 1e-3]
        }
        return values
    }()

    @Test func figuresAreTheDecimalOnes() {
        var differing: [String] = []
        for value in Self.values {
            let fast = NodeScore.figure(value)
            let reference = NodeScore.decimalFigure(value)
            if fast != reference { differing.append("\(value): \(fast) vs \(reference)") }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test func percentagesAreTheDecimalOnes() {
        var differing: [String] = []
        for value in Self.values {
            let fast = NodeScore.percent(value)
            let reference = NodeScore.percent(numerator: value, denominator: 1)
            if fast.bitPattern != reference.bitPattern {
                differing.append("\(value): \(fast) vs \(reference)")
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test func notFiniteValuesKeepTheirFigures() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(NodeScore.figure(value) == "0")
            #expect(NodeScore.percent(value) == 0)
        }
    }
}

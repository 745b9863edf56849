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
            let reference = NodeScore.decimalPercent(numerator: value, denominator: 1)
            if fast.bitPattern != reference.bitPattern {
                differing.append("\(value): \(fast) vs \(reference)")
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    /// Quotients of the kinds scores divide: counts by counts, weighted sums by sums of
    /// weights, shares of the values above by small and large denominators, ties at the
    /// second decimal of a percentage, and operands too large for the integer path.
    @Test func quotientPercentagesAreTheDecimalOnes() {
        var pairs: [(Double, Double)] = [
            (201, 400), (1, 3), (2, 3), (1, 8), (1, 16), (1, 2_000), (3, 2_000), (0, 7),
            (-1, 3), (-0.0, 5), (1e300, 1e-300), (1e-300, 1e300), (1e15, 3), (7, 1e-12),
            (123_456_789_012_345, 987_654_321), (0.1 + 0.2, 0.3), (Double.ulpOfOne, 3),
            (Double.greatestFiniteMagnitude, 1), (5, Double.leastNonzeroMagnitude),
        ]
        for denominator in 1...200 {
            for numerator in 0...denominator {
                pairs.append((Double(numerator), Double(denominator)))
            }
        }
        for value in stride(from: 0, to: Self.values.count, by: 8).map({ Self.values[$0] }) {
            for denominator in [1.0, 3, 7, 10, 2.5, 0.75, 1_000, 123.456, 1e-4, 1e9] {
                pairs.append((value, denominator))
            }
        }
        var state: UInt64 = 0x9E37_79B9
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let weights = Double(state >> 40 % 5_000 + 1) * 0.5
            let share = Double(state >> 11 & 0xFFFF) / 65_535
            pairs.append((share * weights, weights))
            pairs.append((Double(state >> 20 & 0xFFFFF), Double(state & 0xFFFFF) + 1))
        }
        var differing: [String] = []
        for (numerator, denominator) in pairs {
            let fast = NodeScore.percent(numerator: numerator, denominator: denominator)
            let reference = NodeScore.decimalPercent(numerator: numerator, denominator: denominator)
            if fast.bitPattern != reference.bitPattern {
                differing.append("\(numerator)/\(denominator): \(fast) vs \(reference)")
            }
        }
        #expect(pairs.count > 50_000)
        let differingCount = differing.count
        #expect(differingCount == 0, "\(differing.prefix(10))")
    }

    @Test func notFiniteValuesKeepTheirFigures() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(NodeScore.figure(value) == "0")
            #expect(NodeScore.percent(value) == 0)
        }
    }
}

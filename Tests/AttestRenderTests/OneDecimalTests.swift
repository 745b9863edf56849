import Foundation
import Testing

@testable import AttestRender

/// `ReportContext.oneDecimal` prints a percentage from its shortest spelling when that
/// spelling has one decimal; whatever the value, it must print what `%.1f` prints.
@Suite struct OneDecimalTests {
    static let values: [Double] = {
        var values: [Double] = [
            0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 99.95, 99.949_999, 100, 1e-5, 1e13 + 0.5,
            99_999_999_999_999.9, 1e14, 1e15 + 0.1, 1e16, 1e21, -2.5, -0.04, 0.1 + 0.2,
            Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, .nan, .infinity,
            -.infinity,
        ]
        for tenth in -20_000...20_000 {
            let value = Double(tenth) / 10
            values += [value, value.nextUp, value.nextDown, value + 0.05, value - 0.05]
        }
        var state: UInt64 = 0x0DEC_1
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            let tenth = (unit * 1e15).rounded() / 10
            values += [unit * 100, unit * 2e15 - 1e15, tenth, tenth.nextUp]
        }
        return values
    }()

    @Test func printsWhatPrintfPrints() {
        var differing: [String] = []
        for value in Self.values {
            let reference = String(format: "%.1f", value)
            if ReportContext.oneDecimal(value) != reference {
                differing.append("\(value): \(ReportContext.oneDecimal(value)) vs \(reference)")
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }
}

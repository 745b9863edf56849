import AttestCore

extension ConfigReader {
    /// Every `weight` (requirement, control, evidence) lies in this range. The bounds keep every
    /// sum of weights × scores exact enough and finite, so a workspace that validates can be
    /// scored and printed in every format: 1e308 would overflow to infinity, and a weight
    /// near zero would underflow.
    static let weightRange: ClosedRange<Double> = 0.001...1000

    /// A `weight` within `weightRange`, reported at its position otherwise.
    mutating func boundedWeight(_ value: ConfigValue) -> Double? {
        guard let number = positiveNumber(value, "weight") else { return nil }
        guard Self.weightRange.contains(number) else {
            error(
                .schemaInvalidValue,
                "weight must be between 0.001 and 1000, found \(number)",
                at: value.position)
            return nil
        }
        return number
    }
}

/// How often a control operates, which sets how many occurrences an auditor tests.
///
/// The sizes are the common practice table for tests of operating effectiveness of manual
/// controls; docs/audit.md says where it is reproduced. `attest sample --frequency` takes the
/// lower bound of a range unless `--size` is given.
public enum ControlFrequency: String, Hashable, Sendable, CaseIterable {
    case annual, quarterly, monthly, weekly, daily
    /// Many times a day (a recurring, often automated-looking but manual, control).
    case multipleDaily = "multiple-daily"

    /// The range of sample sizes the table gives for the frequency.
    public var sampleSizes: ClosedRange<Int> {
        switch self {
        case .annual: 1...1
        case .quarterly: 2...2
        case .monthly: 2...5
        case .weekly: 5...15
        case .daily: 20...40
        case .multipleDaily: 25...60
        }
    }
}

import AttestCore

/// The CSV file of a sample: the population row number, then the row's fields.
///
/// Written with ``CSVTable`` (RFC 4180 quoting, CRLF line ends): a cell a spreadsheet would
/// run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed
/// with `'`, so a hostile ticket title cannot run in the auditor's spreadsheet. The population
/// file itself is unchanged: its SHA-256 is what the auditor checks.
public enum SampleTable {
    /// The name of the first column.
    public static let rowColumn = "population_row"

    /// The sample as a table.
    public static func table(_ sample: Sample) -> CSVTable {
        CSVTable(
            header: [rowColumn] + sample.population.header,
            rows: sample.rows.map { [String($0.number)] + $0.cells })
    }
}

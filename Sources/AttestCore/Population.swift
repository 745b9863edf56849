/// The rows of an evidence file that an auditor samples from (joiners, leavers, changes,
/// access reviews), as a table: a header and rows of text cells.
///
/// Built by AttestEvidence's `PopulationReader` from a CSV file or a JSON or YAML list; the
/// hash is of the file's bytes, so an auditor can check they redraw from the same file.
public struct Population: Hashable, Sendable {
    /// The evidence the file belongs to.
    public var evidence: EvidenceID
    /// The workspace-relative path of the file.
    public var path: String
    /// SHA-256 of the file's bytes, lower-case hex.
    public var sha256: String
    /// The column names: a CSV file's header row, or the keys of a list's items in the order
    /// they first appear (`value` for items that are not mappings).
    public var header: [String]
    /// One entry per row, in file order, each with one cell per header column (empty when the
    /// row lacks it).
    public var rows: [[String]]

    public init(
        evidence: EvidenceID, path: String, sha256: String, header: [String], rows: [[String]]
    ) {
        self.evidence = evidence
        self.path = path
        self.sha256 = sha256
        self.header = header
        self.rows = rows
    }
}

/// A sample drawn from a ``Population`` with ``SampleDraw``: what `attest sample` prints and
/// writes.
public struct Sample: Hashable, Sendable {
    /// One chosen row.
    public struct Row: Hashable, Sendable {
        /// The row's number in the population, counting from 1 (a CSV header is not a row).
        public var number: Int
        public var cells: [String]
    }

    public var population: Population
    public var seed: UInt64
    /// The size asked for, which may exceed the population.
    public var requestedSize: Int
    /// The chosen rows in population order.
    public var rows: [Row]

    /// Draws `size` rows of `population` with `seed`.
    ///
    /// - Complexity: O(size log size).
    public init(population: Population, size: Int, seed: UInt64) {
        self.population = population
        self.seed = seed
        requestedSize = size
        rows = SampleDraw.indices(count: population.rows.count, size: size, seed: seed).map {
            Row(number: $0 + 1, cells: population.rows[$0])
        }
    }

    /// Whether the size asked for covers the whole population, so every row is taken.
    public var isWholePopulation: Bool { requestedSize >= population.rows.count }
}

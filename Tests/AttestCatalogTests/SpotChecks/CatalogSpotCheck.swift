/// One id and its official title, written from the official source of a framework, to check the
/// shipped catalog against. Rows live in `SpotChecks/<Framework>SpotChecks.swift`.
struct CatalogSpotCheck: Sendable, CustomStringConvertible {
    let framework: String
    let id: String
    let titleEN: String
    /// The French title when the official French text (or our checked translation) is known.
    let titleFR: String?

    var description: String { "\(framework)/\(id)" }
}

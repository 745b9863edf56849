extension DiagnosticCode {
    // The `documents:` library.

    /// Two documents share an id.
    public static let documentDuplicateID: Self = "document.duplicate-id"
    /// A document's `expires` day is over: it is withheld from the site and from bundles.
    public static let documentExpired: Self = "document.expired"
    /// A document expires within the freshness window (`freshness.expiring_within`).
    public static let documentExpiring: Self = "document.expiring"
}

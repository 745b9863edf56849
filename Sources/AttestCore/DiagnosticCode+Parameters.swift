extension DiagnosticCode {
    // Requirement parameters (`parameters:` in a framework catalog).

    /// Two parameters of one framework share an id (OSCAL parameter ids are unique in their
    /// catalog, and export refers to them by id).
    public static let parameterDuplicateID: Self = "parameter.duplicate-id"
}

import AttestCore

extension DiagnosticCode {
    // OSCAL catalogs and profiles read as frameworks (`frameworks: - oscal: PATH`).

    /// The file parses but is not an OSCAL document: its root has neither `catalog` nor
    /// `profile`, nor another OSCAL model.
    public static let oscalNotOSCAL: Self = "oscal.not-oscal"
    /// An OSCAL document of a model that is not a framework (an SSP, assessment results…), or
    /// in a format this build does not read.
    public static let oscalUnsupportedModel: Self = "oscal.unsupported-model"
    /// `metadata.oscal-version` is outside 1.0.x–1.2.x.
    public static let oscalUnsupportedVersion: Self = "oscal.unsupported-version"
    /// A field the OSCAL model requires is missing, or has the wrong shape.
    public static let oscalMissingField: Self = "oscal.missing-field"
    /// A field whose value Attest cannot use (a wrong shape, an unknown token).
    public static let oscalInvalidField: Self = "oscal.invalid-field"
    /// A profile's import names no catalog or profile that can be read from the workspace.
    public static let oscalUnresolvableImport: Self = "oscal.unresolvable-import"
    /// A profile imports itself, directly or through other profiles, or imports nest too deep.
    public static let oscalImportCycle: Self = "oscal.import-cycle"
    /// A profile selects, excludes or modifies a control or parameter its sources do not have.
    public static let oscalUnknownReference: Self = "oscal.unknown-reference"
    /// Two controls, groups or requirements share an id; a note points at the first.
    public static let oscalDuplicateID: Self = "oscal.duplicate-id"
    /// A profile directive Attest does not implement (`merge: custom`, `combine: merge`).
    public static let oscalUnsupportedFeature: Self = "oscal.unsupported-feature"
}

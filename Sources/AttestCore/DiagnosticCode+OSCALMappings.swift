extension DiagnosticCode {
    // OSCAL mapping collections read through `mappings:` in attest.yaml.

    /// The file is not an OSCAL `mapping-collection` (another OSCAL model, or no OSCAL at all).
    public static let oscalMappingNotACollection: Self = "oscal-mapping.not-a-collection"
    /// The file's format is not one Attest reads mapping collections in.
    public static let oscalMappingUnsupportedFormat: Self = "oscal-mapping.unsupported-format"
    /// `from:` or `to:` names a framework the workspace has not loaded.
    public static let oscalMappingUnknownFramework: Self = "oscal-mapping.unknown-framework"
    /// A map's `relationship` is not one OSCAL defines.
    public static let oscalMappingUnknownRelationship: Self = "oscal-mapping.unknown-relationship"
    /// Maps with `relationship: no-relationship`, counted: they record no mapping.
    public static let oscalMappingNoRelationship: Self = "oscal-mapping.no-relationship"
    /// Maps of a collection Attest exported whose `mapping` names another pair of frameworks
    /// (Attest's `from`/`to` props), counted: this entry leaves them.
    public static let oscalMappingOtherFrameworks: Self = "oscal-mapping.other-frameworks"
    /// A source or target `id-ref` names no requirement of its framework.
    public static let oscalMappingUnresolvedReference: Self = "oscal-mapping.unresolved-id-ref"
    /// A map whose sources × targets exceed 16 pairs per item (32 × 32 is the largest square).
    public static let oscalMappingTooManyPairs: Self = "oscal-mapping.too-many-pairs"
    /// A source or target `type` other than `control` or `statement`.
    public static let oscalMappingUnsupportedItemType: Self = "oscal-mapping.unsupported-item-type"
}

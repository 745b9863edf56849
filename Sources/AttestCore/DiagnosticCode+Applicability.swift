extension DiagnosticCode {
    // `applicability:`, the stated reasons of the Statement of Applicability.

    /// A reason is stated for a requirement that is not an ISO/IEC 27001 Annex A control.
    public static let applicabilityNotAnnexA: Self = "applicability.not-annex-a"
    /// A reason is stated for an Annex A control that `exclusions:` takes out of scope.
    public static let applicabilityExcluded: Self = "applicability.excluded"
    /// Two entries state reasons for the same Annex A control.
    public static let applicabilityDuplicate: Self = "applicability.duplicate"
}

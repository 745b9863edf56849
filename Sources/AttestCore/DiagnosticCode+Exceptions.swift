extension DiagnosticCode {
    // The `exceptions:` register.

    /// Two exceptions share an id.
    public static let exceptionDuplicateID: Self = "exception.duplicate-id"
    /// An exception names neither a control nor an evidence item.
    public static let exceptionNoTarget: Self = "exception.no-target"
    /// An exception names a control the workspace does not define.
    public static let exceptionUnknownControl: Self = "exception.unknown-control"
    /// An exception names an evidence item the workspace does not define.
    public static let exceptionUnknownEvidence: Self = "exception.unknown-evidence"
    /// An exception names a control and an evidence item of another control.
    public static let exceptionEvidenceOfOtherControl: Self = "exception.evidence-of-other-control"
    /// An exception's `approved_by` is not a signer of `signers:`.
    public static let exceptionUnknownApprover: Self = "exception.unknown-approver"
    /// An exception's period ends before it starts.
    public static let exceptionInvalidPeriod: Self = "exception.invalid-period"
    /// An exception's `expires` day is over (judged by the build clock).
    public static let exceptionExpired: Self = "exception.expired"
    /// An exception's remediation day is over and a result it covers still fails.
    public static let exceptionRemediationPast: Self = "exception.remediation-past"
    /// An open exception covers no failing result: the deviation may be fixed.
    public static let exceptionUnused: Self = "exception.unused"
}

extension DiagnosticCode {
    // Claims bound to evidence: certified programs, measured programs, backed items.

    /// A program has a `proof:` and also types a fact the proof supplies (`auditor`,
    /// `certified_on`, `expires_on`, `external_score`).
    public static let programTypedBesideProof: Self = "program.typed-beside-proof"
    /// A program's `proof:` names evidence the workspace lacks.
    public static let programUnknownProof: Self = "program.unknown-proof"
    /// A `certified` program names no proof, so the page shows it as unverified.
    public static let programUnprovenCertification: Self = "program.unproven-certification"
    /// A certified program's proof does not hold at `validate` time (certificate file
    /// unreadable, facts missing, hash not the pinned one, not yet in force).
    public static let programProofUnverified: Self = "program.proof-unverified"
    /// `measured_by` names a control the workspace lacks.
    public static let programUnknownControl: Self = "program.unknown-control"
    /// `measured_by.figure` names evidence that is not one of the measured controls'.
    public static let programFigureNotMeasured: Self = "program.figure-not-measured"
    /// `measured_by` on a program that also names a framework.
    public static let programMeasureWithFramework: Self = "program.measure-with-framework"
    /// A public trust-center item names no `backed_by:` control.
    public static let trustCenterUnbackedClaim: Self = "trust-center.unbacked-claim"
    /// A public control that no trust-center item or program shows.
    public static let trustCenterUnshownControl: Self = "trust-center.unshown-control"
}

extension DiagnosticCode {
    // Collector options, checked by `attest validate` before any collection runs.

    /// An option the evidence's collector does not know (often a typo such as `expct:`).
    public static let evidenceUnknownOption: Self = "evidence.unknown-option"
    /// A collector needs an option that is absent (`command:` for `collector: command`).
    public static let evidenceMissingOption: Self = "evidence.missing-option"
    /// An option has the wrong shape or an impossible value (`timeout: soon`).
    public static let evidenceInvalidOption: Self = "evidence.invalid-option"
    /// An `expect:` assertion cannot be understood (unknown operator, bad path, bad regex).
    public static let evidenceInvalidExpectation: Self = "evidence.invalid-expectation"
    /// A collector that reads a file has no `path:`.
    public static let evidenceMissingPath: Self = "evidence.missing-path"
    /// A path is absolute or climbs out of the workspace with `..`.
    public static let evidenceUnsafePath: Self = "evidence.unsafe-path"
    /// A file an evidence spec names does not exist (the evidence would be missing).
    public static let evidenceMissingFile: Self = "evidence.missing-file"
    /// Without `--verbose`: a file naming many evidence files that do not exist yet, counted in
    /// one finding (a new workspace names every file it will need).
    public static let evidenceMissingFiles: Self = "evidence.missing-files"
    /// `path:` is set on a collector that does not read it.
    public static let evidenceUnusedPath: Self = "evidence.unused-path"

    /// An unquoted version in `expect:` (`min_version: 1.3`, `version: 1.10`), read as a number.
    public static let evidenceUnquotedVersion: Self = "evidence.unquoted-version"

    // Attestation content, read by `attest validate` at the time it runs.

    /// An attestation file that cannot be read as an attestation (syntax, shape).
    public static let evidenceInvalidAttestation: Self = "evidence.invalid-attestation"
    /// An attestation's `date` or `expires` is not `YYYY-MM-DD`, or its date is in the future.
    public static let evidenceInvalidAttestationDate: Self = "evidence.invalid-attestation-date"
    /// An attestation past its `expires` date, or older than the evidence's `max_age`.
    public static let evidenceAttestationExpired: Self = "evidence.attestation-expired"
}

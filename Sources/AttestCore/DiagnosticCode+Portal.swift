extension DiagnosticCode {
    // The served portal (`portal:`).

    /// `portal:` names something the workspace lacks: a locale without an NDA, a document
    /// that is not an nda document of the library, a framework not in scope.
    public static let portalUnknownReference: Self = "portal.unknown-reference"
    /// A secret written in `portal:` (SMTP credentials), which belongs in the environment.
    public static let portalSecretInWorkspace: Self = "portal.secret-in-workspace"
}

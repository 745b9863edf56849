import AttestCatalog
import AttestCore
import AttestEvidence
import Foundation

/// Every finding `attest validate` reports, in one place so the command and its fixture tests
/// agree: the loader's and the graph's, the checks shared with the commands that refuse an
/// invalid workspace, and the content checks only `validate` runs.
enum ValidateFindings {
    /// The findings about the workspace of `validation`, sorted by position.
    ///
    /// - Parameters:
    ///   - root: The workspace folder.
    ///   - now: The time `validate` runs at; attestations, program dates and exception
    ///     expiries are judged against it.
    ///   - verbose: One gap diagnostic per requirement instead of a count per framework.
    static func all(
        _ validation: Validation, root: URL, now: Date, verbose: Bool
    ) -> [Diagnostic] {
        let extra = WorkspaceChecks.extra(validation, root: root).diagnostics
        var findings = validation.diagnostics(verbose: verbose) + extra
        // Attestations are evidence: a stale or malformed one fails its evidence at collection
        // and never stops a build, so only `validate` reads them ahead of time.
        if validation.isValid {
            findings += DateChecks.diagnostics(validation.graph, now: now)
            // An expired exception no longer accepts its deviation: an error, by this clock.
            findings += ExceptionRegister.expiryDiagnostics(
                validation.graph.manifest.exceptions, now: now)
            let specs = validation.graph.evidence.values.sorted { $0.id < $1.id }
            findings += WorkspaceSession.registry(root: root).checkAttestations(
                specs, root: root, now: now,
                signers: SignerKeyring.load(validation.graph.manifest.signers, root: root))
            findings += ProgramProofs.diagnostics(validation.graph, root: root, now: now)
        }
        return findings.sorted()
    }
}

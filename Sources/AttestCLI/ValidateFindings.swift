import AttestCatalog
import AttestCore
import AttestEvidence
import AttestSystem
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
    ///   - evidence: The checks of the evidence specs, when ``WorkspaceChecks/load(at:)`` ran
    ///     them beside the graph; nil to run them here.
    ///   - cache: The evidence cache, when one is in use: an attestation it holds the reading
    ///     of is not parsed again, a signature it remembers as verified not verified again;
    ///     what is read or verified now is kept in it.
    static func all(
        _ validation: Validation, root: URL, now: Date, verbose: Bool,
        evidence: [Diagnostic]? = nil, cache: EvidenceCache? = nil
    ) -> [Diagnostic] {
        // The graph's own findings (gaps among them) beside the checks on disk.
        let (extra, graphFindings) = concurrently(
            { WorkspaceChecks.extra(validation, root: root, evidence: evidence).diagnostics },
            { validation.diagnostics(verbose: verbose) })
        var findings = graphFindings + extra
        // Attestations are evidence: a stale or malformed one fails its evidence at collection
        // and never stops a build, so only `validate` reads them ahead of time.
        if validation.isValid {
            let graph = validation.graph
            // The attestations are read and verified on every core while the dates are judged
            // (both are sorted below, so the order they finish in changes nothing).
            let (attestations, dates) = concurrently(
                {
                    // Only attestations are checked: sorting the other specs too took a third
                    // of a second of one core in a workspace of 100,000.
                    let specs = graph.evidence.values.filter { $0.collector == .attestation }
                        .sorted { $0.id < $1.id }
                    return WorkspaceSession.registry(root: root).checkAttestations(
                        specs, root: root, now: now,
                        signers: SignerKeyring.load(graph.manifest.signers, root: root),
                        cache: cache)
                },
                {
                    DateChecks.diagnostics(graph, now: now)
                        // An expired exception no longer accepts its deviation: an error, by
                        // this clock.
                        + ExceptionRegister.expiryDiagnostics(graph.manifest.exceptions, now: now)
                })
            findings += dates + attestations
            findings += ProgramProofs.diagnostics(graph, root: root, now: now)
            findings += DocumentChecks.dated(
                graph.manifest.documents, now: now, window: graph.manifest.expiringWithin)
        }
        return (verbose ? findings : summarisingMissingFiles(findings)).sorted()
    }

    /// How many `evidence.missing-file` findings one file may show before they are counted.
    static let listedMissingFiles = 5

    /// `findings` with the `evidence.missing-file` findings of each source file that has more
    /// than `listedMissingFiles` of them replaced by one `evidence.missing-files` at the first.
    ///
    /// A workspace fresh from `attest init` names every file it will need: a hundred findings
    /// saying so would bury the ones that matter, and evidence/README.md and the readiness
    /// report already list the files. `--verbose` shows each.
    static func summarisingMissingFiles(_ findings: [Diagnostic]) -> [Diagnostic] {
        let missing = findings.filter { $0.code == .evidenceMissingFile }
        let byFile = Dictionary(grouping: missing) { $0.position?.file ?? "" }
        let counted = byFile.filter { $0.value.count > listedMissingFiles }
        guard !counted.isEmpty else { return findings }
        var result = findings.filter {
            $0.code != .evidenceMissingFile || counted[$0.position?.file ?? ""] == nil
        }
        for (_, group) in counted {
            let sorted = group.sorted()
            let names = sorted.prefix(3).compactMap(\.position).map { "line \($0.line)" }
            result.append(
                .warning(
                    .evidenceMissingFiles,
                    "\(group.count) evidence files named in this file do not exist yet, the "
                        + "first at \(names.joined(separator: ", ")): their evidence will be "
                        + "missing until they are added (--verbose lists each)",
                    at: sorted.first?.position))
        }
        return result
    }
}

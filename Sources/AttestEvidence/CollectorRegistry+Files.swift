import AttestCore
import AttestSystem
import Foundation

extension CollectorRegistry {
    /// Checks on disk the workspace files every spec names, for `attest validate`: a link out
    /// of the workspace is an error (`workspace.unsafe-path`), an absent file a warning
    /// (`evidence.missing-file`: the evidence would score as missing).
    public func checkNamedFiles(_ specs: [EvidenceSpec], root: URL) -> [Diagnostic] {
        guard let workspace = try? WorkspaceRoot(root) else { return [] }
        // Each spec's files are looked up alone: on every core.
        return specs.concurrentMap { spec -> [Diagnostic] in
            var diagnostics: [Diagnostic] = []
            guard let collector = self[spec.collector] else { return [] }
            for (path, position) in collector.namedFiles(spec) {
                do throws(ConfinementError) {
                    switch try workspace.locate(path) {
                    case .file: break
                    case .missing:
                        diagnostics.append(
                            .warning(
                                .evidenceMissingFile,
                                "\(path) does not exist: evidence '\(spec.id)' will be missing",
                                at: position,
                                hint: "create the file, or correct the path (relative to the "
                                    + "folder holding attest.yaml, with the same case)"))
                    case .folder:
                        diagnostics.append(
                            .error(
                                .workspaceNotAFile, "\(path) is a folder, not a file",
                                at: position))
                    }
                } catch {
                    let code: DiagnosticCode =
                        error.code == .unsafePath ? .workspaceUnsafePath : .workspaceNotAFile
                    diagnostics.append(.error(code, error.detail, at: position))
                }
            }
            return diagnostics
        }.flatMap { $0 }.sorted()
    }
}

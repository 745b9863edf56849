import AttestCore
import AttestSystem
import Foundation

extension CollectorRegistry {
    /// Checks on disk the workspace files every spec names, for `attest validate`: a link out
    /// of the workspace is an error (`workspace.unsafe-path`), an absent file a warning
    /// (`evidence.missing-file`: the evidence would score as missing).
    public func checkNamedFiles(_ specs: [EvidenceSpec], root: URL) -> [Diagnostic] {
        guard let workspace = try? WorkspaceRoot(root) else { return [] }
        let named = specs.concurrentMap { spec in self[spec.collector]?.namedFiles(spec) ?? [] }
        // Every named file is looked at, a file several specs name once for each: hashing the
        // paths to look at each once took longer on one core than the repeated looks on all.
        let kinds = workspace.kinds(of: named.flatMap { $0.map(\.path) })
        var diagnostics: [Diagnostic] = []
        var next = 0
        for (spec, files) in zip(specs, named) {
            for (path, position) in files {
                defer { next += 1 }
                switch kinds[next] {
                case .success(.file): break
                case .success(.missing):
                    diagnostics.append(
                        .warning(
                            .evidenceMissingFile,
                            "\(path) does not exist: evidence '\(spec.id)' will be missing",
                            at: position,
                            hint: "create the file, or correct the path (relative to the "
                                + "folder holding attest.yaml, with the same case)"))
                case .success(.folder):
                    diagnostics.append(
                        .error(
                            .workspaceNotAFile, "\(path) is a folder, not a file", at: position))
                case .failure(let error):
                    let code: DiagnosticCode =
                        error.code == .unsafePath ? .workspaceUnsafePath : .workspaceNotAFile
                    diagnostics.append(.error(code, error.detail, at: position))
                }
            }
        }
        return diagnostics.sorted()
    }
}

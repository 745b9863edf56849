import AttestCatalog
import AttestCore
import AttestEvidence
import AttestRender
import Foundation

/// Every check `validate` runs beyond the graph: collector options and trust-center content.
/// Shared by `validate` and by the commands that refuse an invalid workspace.
enum WorkspaceChecks {
    /// Findings of collector options and of `trust_center:` (only when the graph loaded
    /// cleanly), and the trust-center content read on the way, so callers do not read it again.
    static func extra(
        _ validation: Validation, root: URL
    ) -> (diagnostics: [Diagnostic], trustCenter: TrustCenterContent) {
        guard validation.isValid else { return ([], TrustCenterContent()) }
        let registry = WorkspaceSession.registry(root: root)
        let options = registry.validate(validation.graph.evidence.values.sorted { $0.id < $1.id })
        let content = trustCenterContent(validation, root: root)
        return (
            options + content.diagnostics + content.content.check(against: validation.graph),
            content.content
        )
    }

    /// The `trust_center:` content, with scope manifests read from the workspace.
    static func trustCenterContent(
        _ validation: Validation, root: URL
    ) -> (content: TrustCenterContent, diagnostics: [Diagnostic]) {
        let (content, diagnostics) = TrustCenterContent.read(validation.graph.manifest.trustCenter)
        { path, position in
            guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                return .failure(
                    .error(.workspaceUnsafePath, "'\(path)' leaves the workspace", at: position))
            }
            let url = root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                return .failure(
                    .error(.workspaceUnreadableFile, "'\(path)' does not exist", at: position))
            }
            return YAMLDocument.load(url, display: path)
        }
        return (content, diagnostics)
    }
}

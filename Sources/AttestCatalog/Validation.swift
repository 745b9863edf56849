import AttestCore
import Foundation

/// The result of `attest validate`: the loaded workspace, its control graph, and every finding.
public struct Validation: Sendable {
    public let loaded: LoadedWorkspace
    public let graph: ControlGraph

    public init(loaded: LoadedWorkspace) {
        self.loaded = loaded
        self.graph = ControlGraph(workspace: loaded.workspace)
    }

    /// Load and graph findings, then gaps and public requirements resting mostly on hidden
    /// controls (one per requirement when `verbose`, else a count per framework), sorted by
    /// position.
    ///
    /// When a file could not be read or decoded, the graph's warnings (gaps, controls without
    /// evidence) are left out: they would only echo the parts that failed to load.
    public func diagnostics(verbose: Bool) -> [Diagnostic] {
        let loadFailed = loaded.diagnostics.containsErrors
        let graphFindings =
            loadFailed
            ? graph.diagnostics.filter { $0.severity == .error }
            : graph.diagnostics + graph.gapDiagnostics(verbose: verbose)
                + HiddenShareChecks.diagnostics(graph, verbose: verbose)
        return (loaded.diagnostics + graphFindings).sorted()
    }

    /// Whether the workspace has no error (warnings allowed).
    public var isValid: Bool {
        !loaded.diagnostics.containsErrors && !graph.diagnostics.containsErrors
    }
}

extension WorkspaceLoader {
    /// Loads the workspace at `root` and builds its graph.
    ///
    /// - Throws: `WorkspaceError` when the workspace cannot be read at all.
    public func validate(at root: URL) throws(WorkspaceError) -> Validation {
        Validation(loaded: try load(at: root))
    }
}

extension WorkspaceLoader {
    /// Loads only the bundled catalogs and mappings, for `attest catalog` outside a workspace.
    public func validateBuiltinCatalogs() -> Validation {
        var session = LoadSession(
            root: builtinCatalogs ?? URL(fileURLWithPath: "/"), limits: limits)
        session.run(catalogFiles: catalogFiles(root: nil), manifest: nil)
        return Validation(loaded: session.result())
    }
}

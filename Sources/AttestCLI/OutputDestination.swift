import AttestCore
import AttestRender
import AttestSystem
import Foundation

/// Where a build writes, checked against the workspace before anything runs (see
/// `OutputPlacement` for the rule, docs/security.md for why).
enum OutputDestination {
    /// `--out` (relative to the working folder), else the manifest's `output:` (relative to
    /// the workspace).
    static func url(_ override: String?, session: WorkspaceSession) -> URL {
        override.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? session.root.appendingPathComponent(session.manifest.output).standardizedFileURL
    }

    /// Every workspace-relative file the workspace reads, for the placement rule.
    static func inputs(of session: WorkspaceSession) -> [String] {
        inputs(
            loaded: session.validation.loaded.sourcePaths, graph: session.graph,
            content: session.trustCenter)
    }

    static func inputs(
        loaded: [String], graph: ControlGraph, content: TrustCenterContent
    ) -> [String] {
        var paths = loaded.filter { !$0.hasPrefix("builtin:") }
        paths += graph.evidence.values.compactMap(\.path)
        paths += content.integrations.compactMap(\.manifest)
        paths.append(graph.manifest.store)
        if let key = graph.manifest.publicKey { paths.append(key) }
        return paths
    }

    /// Refuses a destination a build must not replace.
    ///
    /// - Throws: `UnreadableInput` (exit status 2) naming the problem.
    static func check(_ destination: URL, session: WorkspaceSession) throws {
        if let problem = OutputPlacement.problem(
            destination: destination, root: session.root, inputs: inputs(of: session))
        {
            throw UnreadableInput(description: "\(destination.path): \(problem)")
        }
    }

    /// The finding for a manifest `output:` a build must not use, at its position.
    ///
    /// The workspace decides where it is written only inside itself: `output:` is a relative
    /// path without `..` (the operator's `--out` may name a folder elsewhere).
    static func diagnostic(
        _ manifest: Manifest, root: URL, inputs: [String]
    ) -> Diagnostic? {
        let position = manifest.keyPositions["output"] ?? manifest.position
        let destination = root.appendingPathComponent(manifest.output).standardizedFileURL
        if let problem = OutputPlacement.problem(
            destination: destination, root: root, inputs: inputs)
        {
            return .error(
                .workspaceUnsafeOutput, "output '\(manifest.output)': \(problem)", at: position)
        }
        guard insideWorkspace(manifest.output, root: root) else {
            return .error(
                .workspaceUnsafeOutput,
                "output '\(manifest.output)' leaves the workspace; name a folder inside it, or "
                    + "pass --out for a folder elsewhere", at: position)
        }
        return nil
    }

    /// The finding for a manifest `store:` outside the workspace, at its position.
    static func storeDiagnostic(_ manifest: Manifest, root: URL) -> Diagnostic? {
        guard !insideWorkspace(manifest.store, root: root) else { return nil }
        return .error(
            .workspaceUnsafePath,
            "store '\(manifest.store)' leaves the workspace; name a file inside it, or pass "
                + "--store for a file elsewhere",
            at: manifest.keyPositions["store"] ?? manifest.position)
    }

    /// Whether a workspace-written path is relative, without `..`, and does not lead out of
    /// the workspace through a link on its existing part.
    static func insideWorkspace(_ text: String, root: URL) -> Bool {
        guard let path = try? WorkspacePath(text) else { return false }
        let workspace = OutputPlacement.resolved(root)
        let resolved = OutputPlacement.resolved(root.appendingPathComponent(path.relative))
        return resolved.hasPrefix(workspace + "/")
    }
}

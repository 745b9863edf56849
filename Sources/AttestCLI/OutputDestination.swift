import AttestCore
import AttestRender
import AttestStorePostgres
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
        // Straight from the controls: `graph.evidence` would look each spec's control up by
        // its id, 100,000 hash lookups in a large workspace, for paths whose order and
        // duplicates the placement rule ignores.
        for control in graph.controls.values {
            for spec in control.evidence { if let path = spec.path { paths.append(path) } }
        }
        paths += content.integrations.compactMap(\.manifest)
        // A PostgreSQL store is a server, not a file the workspace reads.
        if !PostgresLocation.isURL(graph.manifest.store) { paths.append(graph.manifest.store) }
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
    ///
    /// A `postgres://` store is checked as a URL instead, and shown without its password: a
    /// URL that cannot be used is an error, a password written in attest.yaml a warning (it
    /// belongs in `PGPASSWORD`).
    static func storeDiagnostic(_ manifest: Manifest, root: URL) -> Diagnostic? {
        let position = manifest.keyPositions["store"] ?? manifest.position
        if PostgresLocation.isURL(manifest.store) {
            let location: PostgresLocation
            do {
                location = try PostgresLocation(parsing: manifest.store, environment: [:])
            } catch {
                return .error(.schemaInvalidValue, "store: \(error.description)", at: position)
            }
            guard location.password == nil else {
                return .warning(
                    .schemaInvalidValue,
                    "store '\(location.redacted)' carries its password in attest.yaml; leave it "
                        + "out and set PGPASSWORD where attest runs", at: position)
            }
            return nil
        }
        guard !insideWorkspace(manifest.store, root: root) else { return nil }
        return .error(
            .workspaceUnsafePath,
            "store '\(manifest.store)' leaves the workspace; name a file inside it, or pass "
                + "--store for a file elsewhere",
            at: position)
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

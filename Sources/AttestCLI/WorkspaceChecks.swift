import AttestCatalog
import AttestCore
import AttestEvidence
import AttestRender
import AttestSystem
import Foundation

/// Every check `validate` runs beyond the graph: collector options and trust-center content.
/// Shared by `validate` and by the commands that refuse an invalid workspace.
enum WorkspaceChecks {
    /// Findings of collector options and of `trust_center:` (only when the graph loaded
    /// cleanly; the manifest's paths and the templates always), and the trust-center content
    /// read on the way, so callers do not read it again.
    ///
    /// - Parameter evidence: ``evidence(_:root:)`` of the graph's specs when already run (by
    ///   ``load(at:)``, beside the graph); nil to run it here.
    static func extra(
        _ validation: Validation, root: URL, evidence: [Diagnostic]? = nil
    ) -> (diagnostics: [Diagnostic], trustCenter: TrustCenterContent) {
        guard validation.isValid else {
            return (
                onDisk(validation, root: root, content: TrustCenterContent()), TrustCenterContent()
            )
        }
        let specChecks =
            evidence ?? Self.evidence(Array(validation.graph.evidence.values), root: root)
        let content = trustCenterContent(validation, root: root)
        return (
            specChecks + DateChecks.timeless(validation.graph.manifest)
                + ProgramChecks.diagnostics(validation.graph) + content.diagnostics
                + content.content.check(against: validation.graph)
                + TrustCenterContent.missingLocales(
                    validation.graph.manifest.trustCenter,
                    locales: validation.graph.manifest.locales
                ) { path, position in YAMLDocument.load(path, in: root, position: position) }
                + validation.graph.manifest.missingLocales
                + onDisk(validation, root: root, content: content.content),
            content.content
        )
    }

    /// The checks of each evidence spec that need only the spec and the disk: its collector's
    /// options and the files it names, in spec id order.
    static func evidence(_ specs: [EvidenceSpec], root: URL) -> [Diagnostic] {
        let registry = WorkspaceSession.registry(root: root)
        // In id order: positions sorted over the ids side by side, not the specs themselves.
        let ids = specs.map(\.id)
        let sorted = ids.indices.sorted { ids[$0] < ids[$1] }.map { specs[$0] }
        return registry.validate(sorted) + registry.checkNamedFiles(sorted, root: root)
    }

    /// Loads the workspace at `root`, then builds its graph while ``evidence(_:root:)`` checks
    /// every loaded spec, on both cores: neither needs the other. The checks are those of the
    /// graph's specs whenever they are used: ``extra(_:root:evidence:)`` uses them only for a
    /// valid workspace, whose graph holds each control's specs, each id once.
    static func load(at root: URL) throws(WorkspaceError) -> (Validation, evidence: [Diagnostic]) {
        let loaded = try WorkspaceLoader().load(at: root)
        let (validation, evidence) = concurrently(
            { Validation(loaded: loaded) },
            { Self.evidence(loaded.workspace.controls.flatMap(\.evidence), root: root) })
        return (validation, evidence)
    }

    /// Paths of the manifest checked on disk: `public_key:`, the signers' key files and the
    /// documents' files through the confinement function, `output:` against the placement rule, and every file under
    /// `templates/` (a template that is a link out of the workspace is refused at its own path).
    static func onDisk(
        _ validation: Validation, root: URL, content: TrustCenterContent
    ) -> [Diagnostic] {
        let manifest = validation.graph.manifest
        var diagnostics: [Diagnostic] = []
        if let key = manifest.publicKey {
            let position = manifest.keyPositions["public_key"] ?? manifest.position
            do {
                _ = try WorkspaceRoot(root).read(
                    WorkspaceRoot.path(key), limit: SigningKeyFingerprint.maxKeyBytes)
            } catch {
                diagnostics.append(Diagnostic(error, at: position))
            }
        }
        diagnostics += SignerKeyring.load(manifest.signers, root: root).diagnostics
        diagnostics += DocumentChecks.onDisk(manifest.documents, root: root)
        diagnostics += PortalChecks.onDisk(manifest, root: root)
        let inputs = OutputDestination.inputs(
            loaded: validation.loaded.sourcePaths, graph: validation.graph, content: content)
        if let output = OutputDestination.diagnostic(manifest, root: root, inputs: inputs) {
            diagnostics.append(output)
        }
        if let store = OutputDestination.storeDiagnostic(manifest, root: root) {
            diagnostics.append(store)
        }
        diagnostics += templateFiles(root: root)
        return diagnostics
    }

    /// Every entry under `templates/` (links not followed while walking) checked the way a
    /// build reads it.
    static func templateFiles(root: URL) -> [Diagnostic] {
        guard let workspace = try? WorkspaceRoot(root) else { return [] }
        var diagnostics: [Diagnostic] = []
        var pending = ["templates"]
        while let folder = pending.popLast() {
            let names =
                (try? FileManager.default.contentsOfDirectory(
                    atPath: root.appendingPathComponent(folder).path)) ?? []
            for name in names.sorted() {
                let relative = folder + "/" + name
                guard let path = try? WorkspacePath(relative) else { continue }
                do {
                    if case .folder = try workspace.locate(path),
                        (try? FileManager.default.destinationOfSymbolicLink(
                            atPath: root.appendingPathComponent(relative).path)) == nil
                    {
                        pending.append(relative)
                    }
                } catch {
                    diagnostics.append(Diagnostic(error, at: .start(of: relative)))
                }
            }
        }
        return diagnostics
    }

    /// The `trust_center:` content, with scope manifests read from the workspace.
    static func trustCenterContent(
        _ validation: Validation, root: URL
    ) -> (content: TrustCenterContent, diagnostics: [Diagnostic]) {
        let (content, diagnostics) = TrustCenterContent.read(validation.graph.manifest.trustCenter)
        { path, position in
            YAMLDocument.load(path, in: root, position: position)
        }
        return (content, diagnostics)
    }
}

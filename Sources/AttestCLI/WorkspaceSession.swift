import AttestCatalog
import AttestCore
import AttestEvidence
import AttestRender
import AttestStore
import AttestStorePostgres
import AttestSystem
import Crypto
import Foundation

/// A validated workspace ready for collection and scoring: loading, printing findings, the
/// store and the fingerprint, shared by `collect`, `score`, `build` and `bundle`.
struct WorkspaceSession {
    let root: URL
    let validation: Validation
    /// The `trust_center:` content, read and checked once.
    let trustCenter: TrustCenterContent
    var graph: ControlGraph { validation.graph }
    var manifest: Manifest { graph.manifest }

    /// Loads and validates; prints every error (and warning when `showWarnings`) and throws
    /// `FindingsReported` when the workspace has errors.
    init(options: WorkspaceOptions, console: Console) throws {
        root = options.rootURL
        let (validation, evidence) = try WorkspaceChecks.load(at: root)
        self.validation = validation
        // The graph's own findings (gaps among them) beside the checks on disk.
        let root = self.root
        let (checks, graphFindings) = concurrently(
            { WorkspaceChecks.extra(validation, root: root, evidence: evidence) },
            { validation.diagnostics(verbose: false) })
        trustCenter = checks.trustCenter
        let diagnostics = graphFindings + checks.diagnostics
        let printer = DiagnosticPrinter(validation.loaded)
        for diagnostic in diagnostics.sorted() where diagnostic.severity == .error {
            console.err(printer.text(diagnostic))
        }
        if diagnostics.containsErrors {
            console.err("attest: the workspace has errors; run `attest validate` for every finding")
            throw FindingsReported()
        }
    }

    /// The collectors, with AttestCatalog's YAML reader for YAML evidence.
    static func registry(root: URL) -> CollectorRegistry {
        CollectorRegistry(loadYAML: { data, display in
            try YAMLDocument.evidence(data, display: display)
        })
    }

    /// Opens the store: `--store`, else the manifest's `store:` (workspace-relative).
    ///
    /// A `postgres://user[:password]@host:port/database` URL opens the PostgreSQL store (the
    /// password may come from `PGPASSWORD` instead); anything else is a SQLite file.
    ///
    /// Commands that only read (`score`, `history`, `disclosures`) open it `readOnly`: they
    /// then never wait for a writer, need no writable folder, and read a missing store as
    /// empty. A file that is not an Attest store is refused untouched (exit 2).
    func openStore(
        _ override: String?, access: SQLiteStore.Access = .readWrite
    ) throws -> any ScoreStore {
        let named = override ?? manifest.store
        if PostgresLocation.isURL(named) {
            return try PostgresStore(url: named, access: access)
        }
        let path =
            override.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? root.appendingPathComponent(manifest.store).standardizedFileURL.path
        return try SQLiteStore(path: path, access: access)
    }

    /// SHA-256 over every workspace file that was read (path and bytes), in path order.
    var fingerprint: String { Self.fingerprint(of: validation.loaded) }

    /// SHA-256 over every file `loaded` read (path and bytes), in path order.
    static func fingerprint(of loaded: LoadedWorkspace) -> String {
        var hasher = SHA256()
        for display in loaded.sourcePaths {
            guard let data = loaded.contents(ofSource: display) else { continue }
            hasher.update(data: Data(display.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: Data(SHA256.hash(data: data)))
        }
        return Hex.encode(hasher.finalize())
    }
}

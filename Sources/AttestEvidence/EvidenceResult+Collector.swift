import AttestCore
import AttestSystem
import Foundation

extension EvidenceResult {
    /// A result for `spec`; the shorthand every collector uses.
    ///
    /// The target defaults to the spec's `path:` (the file a file-based collector reads); the
    /// date source to `assumed`, which a collector that found a date must override.
    init(
        _ spec: EvidenceSpec, _ status: EvidenceStatus, observedAt: Date,
        dateSource: DateSource = .assumed, target: String? = nil, _ message: String,
        sha256: String? = nil, artifacts: [Artifact] = []
    ) {
        self.init(
            evidence: spec.id, control: spec.control, status: status, observedAt: observedAt,
            dateSource: dateSource, target: target ?? spec.path, sha256: sha256,
            message: message, artifacts: artifacts)
        collector = spec.collector
    }

    /// The `error` result of a collector asked to run with options that `validate` refuses.
    static func invalidOptions(
        _ spec: EvidenceSpec, _ diagnostics: [Diagnostic], now: Date
    ) -> EvidenceResult {
        let problems = diagnostics.filter { $0.severity == .error }.map(\.message)
        let first = problems.first ?? "invalid options"
        let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
        return EvidenceResult(spec, .error, observedAt: now, "invalid options: \(first)\(more)")
    }
}

/// A workspace file a collector has read: bytes, hash and the artifact record for auditors.
struct ArtifactFile: Sendable {
    var path: WorkspacePath
    /// Where the bytes were read from, with symbolic links resolved.
    var url: URL
    var data: Data
    var sha256: String

    var artifact: Artifact { Artifact(path: path.relative, sha256: sha256) }

    /// Documents larger than this are refused rather than loaded whole into memory.
    static let maxDocumentBytes = 64 * 1024 * 1024

    /// Why a file could not be read; `missing` becomes the `missing` status, the rest `error`.
    enum Problem: Error, Sendable {
        case missing(String)
        case unreadable(String)

        init(_ error: ConfinementError) {
            switch error.code {
            case .missing: self = .missing(error.detail)
            case .unsafePath: self = .unreadable("refused: \(error.detail)")
            case .notRegularFile, .tooLarge, .unreadable: self = .unreadable(error.detail)
            }
        }

        func result(_ spec: EvidenceSpec, now: Date) -> EvidenceResult {
            switch self {
            case .missing(let message): EvidenceResult(spec, .missing, observedAt: now, message)
            case .unreadable(let message): EvidenceResult(spec, .error, observedAt: now, message)
            }
        }
    }

    /// Reads `path` whole through the workspace's confinement function (links resolved,
    /// nothing outside the workspace, at most `limit` bytes).
    static func read(
        _ path: WorkspacePath, in root: URL, limit: Int = maxDocumentBytes
    ) -> Result<ArtifactFile, Problem> {
        do {
            return read(path, in: try WorkspaceRoot(root), limit: limit)
        } catch {
            return .failure(Problem(error))
        }
    }

    /// Reads `path` for a collector: through the run's shared files when the runner set them
    /// up (one read and one hash for the specs naming one file), else on its own.
    static func read(
        _ path: WorkspacePath, context: CollectionContext, limit: Int = maxDocumentBytes
    ) -> Result<ArtifactFile, Problem> {
        if let files = context.files, files.rootURL == context.workspaceRoot {
            return files.read(path, limit: limit)
        }
        return read(path, in: context.workspaceRoot, limit: limit)
    }

    /// Reads `path` whole through `workspace`'s confinement function.
    static func read(
        _ path: WorkspacePath, in workspace: WorkspaceRoot, limit: Int
    ) -> Result<ArtifactFile, Problem> {
        do {
            // No modification time is read: a checkout rewrites it, so it dates nothing.
            let read = try workspace.read(path, limit: limit)
            return .success(
                ArtifactFile(
                    path: path, url: read.resolved, data: read.data,
                    sha256: ContentHash.sha256(read.data)))
        } catch {
            return .failure(Problem(error))
        }
    }

    /// The contents as UTF-8 text, or nil when they are not valid UTF-8.
    var text: String? { String(data: data, encoding: .utf8) }
}

import AttestCore
import Foundation

extension EvidenceResult {
    /// A result for `spec`; the shorthand every collector uses.
    init(
        _ spec: EvidenceSpec, _ status: EvidenceStatus, observedAt: Date, _ message: String,
        sha256: String? = nil, artifacts: [Artifact] = []
    ) {
        self.init(
            evidence: spec.id, control: spec.control, status: status, observedAt: observedAt,
            sha256: sha256, message: message, artifacts: artifacts)
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
struct ArtifactFile {
    var path: WorkspacePath
    /// Where the bytes were read from, with symbolic links resolved.
    var url: URL
    /// `root/path` as written, for loaders that name the file in their messages.
    var workspaceURL: URL
    var data: Data
    var sha256: String
    var modified: Date?

    var artifact: Artifact { Artifact(path: path.relative, sha256: sha256) }

    /// Documents larger than this are refused rather than loaded whole into memory.
    static let maxDocumentBytes = 64 * 1024 * 1024

    /// Why a file could not be read; `missing` becomes the `missing` status, the rest `error`.
    enum Problem: Error {
        case missing(String)
        case unreadable(String)

        func result(_ spec: EvidenceSpec, now: Date) -> EvidenceResult {
            switch self {
            case .missing(let message): EvidenceResult(spec, .missing, observedAt: now, message)
            case .unreadable(let message): EvidenceResult(spec, .error, observedAt: now, message)
            }
        }
    }

    /// Locates `path` inside `root` (refusing escapes) and reads it whole, refusing a file
    /// larger than `limit` bytes.
    static func read(
        _ path: WorkspacePath, in root: URL, limit: Int = maxDocumentBytes
    ) -> Result<ArtifactFile, Problem> {
        switch path.locate(in: root) {
        case .missing:
            return .failure(.missing("\(path) does not exist"))
        case .outside(let reason):
            return .failure(.unreadable("refused: \(reason)"))
        case .inside(let url):
            do {
                let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
                guard attributes[.type] as? FileAttributeType == .typeRegular else {
                    return .failure(.unreadable("\(path) is not a regular file"))
                }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                guard size <= limit else {
                    return .failure(
                        .unreadable("\(path) is \(size) bytes, more than the limit of \(limit)"))
                }
                let data = try Data(contentsOf: url)
                return .success(
                    ArtifactFile(
                        path: path, url: url,
                        workspaceURL: root.appendingPathComponent(path.relative), data: data,
                        sha256: ContentHash.sha256(data),
                        modified: attributes[.modificationDate] as? Date))
            } catch {
                return .failure(.unreadable("cannot read \(path): \(error.localizedDescription)"))
            }
        }
    }

    /// The contents as UTF-8 text, or nil when they are not valid UTF-8.
    var text: String? { String(data: data, encoding: .utf8) }
}

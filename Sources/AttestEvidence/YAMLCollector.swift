import AttestCore
import Foundation

/// Parses the bytes of a file (already read through the workspace's confinement function) into
/// a value tree; injected so AttestEvidence needs no YAML library.
///
/// It receives bytes, not a path, so what is parsed is exactly what was checked and hashed: a
/// link swapped after the read cannot change it. The second argument is the workspace path for
/// positions. The CLI passes AttestCatalog's libyaml reader (with its size, depth and alias
/// limits). The loader should return a null scalar for an empty document and throw for invalid
/// YAML; a thrown `Diagnostic` is shown with its position.
public typealias DocumentLoader = @Sendable (Data, String) throws -> ConfigValue

/// Checks a YAML file (a load-balancer policy, a Kubernetes manifest) against `expect:`.
///
/// Scalars are typed with the YAML 1.2 core schema: `min_version: "1.3"` is a string and
/// `min_version: 1.3` a number, and the two are not equal.
public struct YAMLCollector: Collector {
    public let kind = CollectorKind.yaml
    public let readsOnlyWorkspaceFiles = true
    private let load: DocumentLoader

    /// - Parameter load: Parses a YAML file into a `ConfigValue` (see `DocumentLoader`).
    public init(load: @escaping DocumentLoader) {
        self.load = load
    }

    public func validate(_ spec: EvidenceSpec) -> [Diagnostic] { DocumentCheck.read(spec).1 }

    public func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        let (check, diagnostics) = DocumentCheck.read(spec)
        guard let check else { return .invalidOptions(spec, diagnostics, now: context.now) }
        let file: ArtifactFile
        let limit = check.maxBytes ?? context.maxDocumentBytes
        switch ArtifactFile.read(check.path, context: context, limit: limit) {
        case .success(let read): file = read
        case .failure(let problem): return problem.result(spec, now: context.now)
        }
        do {
            // Only what the assertions read is kept, as for JSON: a cached reading stays small.
            let filter = check.keepFilter
            let document = try context.document(
                CacheQuestion(kind: "yaml", options: filter.cacheText), of: file
            ) {
                let whole = try load(file.data, file.path.relative)
                return whole.kept(by: filter)
                    ?? ConfigValue(.scalar("null", isQuoted: false), at: whole.position)
            }
            return check.judge(document, file: file, spec: spec, context: context)
        } catch {
            return EvidenceResult(
                spec, .error, observedAt: context.now,
                "invalid YAML in \(file.path): \(LoaderError.describe(error))",
                sha256: file.sha256, artifacts: [file.artifact])
        }
    }
}

/// Readable text for an error thrown by an injected loader.
enum LoaderError {
    static func describe(_ error: any Error) -> String {
        if let diagnostic = error as? Diagnostic {
            let place = diagnostic.position.map { "\($0.line):\($0.column): " } ?? ""
            return place + diagnostic.message
        }
        return String(describing: error)
    }
}

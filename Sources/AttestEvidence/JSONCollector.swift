import AttestCore
import Foundation

/// Checks a JSON file (an exported IdP policy, a cloud configuration dump) against `expect:`.
///
/// The file is parsed strictly (duplicate keys refused) into the same value tree as YAML, so
/// the assertion operators and their typing are identical for both formats.
public struct JSONCollector: Collector {
    public let kind = CollectorKind.json
    public let readsOnlyWorkspaceFiles = true

    public init() {}

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
            // Only what the assertions read is built: a large export costs about its size.
            let filter = check.keepFilter
            let document = try context.document(
                CacheQuestion(kind: "json", options: filter.cacheText), of: file
            ) { () throws(JSONReader.SyntaxError) in
                try JSONReader(file: file.path.relative).parse(file.data, keeping: filter)
            }
            return check.judge(document, file: file, spec: spec, context: context)
        } catch {
            return EvidenceResult(
                spec, .error, observedAt: context.now, "invalid JSON: \(error)",
                sha256: file.sha256, artifacts: [file.artifact])
        }
    }
}

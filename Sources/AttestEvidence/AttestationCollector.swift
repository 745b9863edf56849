import AttestCore
import AttestSystem
import Crypto
import Foundation

/// Judges a person's attestation: dated, not expired, its attachment unchanged, and signed by
/// the registered signer it names, with that signer's own key, on a day within the signer's
/// validity (``SignatureCheck``).
///
/// The attestation's `date` is the observation date, so `max_age` makes it go stale; its
/// `expires` date fails it outright. YAML files are read with the injected loader, `.json`
/// files with the built-in JSON reader. The signers' keys come in the collection context,
/// read once per run (``SignerKeyring``).
public struct AttestationCollector: Collector {
    public let kind = CollectorKind.attestation
    public let readsOnlyWorkspaceFiles = true
    let load: DocumentLoader

    public init(load: @escaping DocumentLoader) {
        self.load = load
    }

    struct Settings {
        var path: WorkspacePath
    }

    /// The options of the single shared key attestations were verified with before signers
    /// had their own keys; still recognised, to say how to migrate rather than "unknown".
    static let sharedKeyOptions = ["public_keys", "public_key_file"]

    static func read(_ spec: EvidenceSpec) -> (Settings?, [Diagnostic]) {
        var reader = OptionReader(spec, allowed: Set(sharedKeyOptions))
        let path = reader.requiredPath()
        let shared: [Diagnostic] = sharedKeyOptions.compactMap { option in
            guard let value = spec.options[option] else { return nil }
            return .error(
                .evidenceAttestationSharedKey,
                "'\(option)' configures one key shared by every signer: it proves a statement "
                    + "was not changed, not who signed it", at: value.position,
                hint: "register each person under 'signers:' (docs/workspace-format.md), add "
                    + "'signer: ID' to each statement, sign it again with `attest attestation "
                    + "sign`, and remove '\(option)'")
        }
        guard reader.isValid, shared.isEmpty, let path else {
            return (nil, reader.diagnostics + shared)
        }
        return (Settings(path: path), reader.diagnostics)
    }

    public func validate(_ spec: EvidenceSpec) -> [Diagnostic] { Self.read(spec).1 }

    /// The value tree of the statement in `file`: a `.json` file read by the JSON reader, any
    /// other by the injected loader; from `cache` when it holds the reading of these exact
    /// bytes. Collection and `validate` ask it the same way, so each reuses what the other read.
    func tree(of file: ArtifactFile, cache: EvidenceCache?) throws -> ConfigValue {
        let name = file.path.relative
        let isJSON = name.lowercased().hasSuffix(".json")
        let parse = { () throws -> ConfigValue in
            isJSON ? try JSONReader(file: name).parse(file.data) : try load(file.data, name)
        }
        guard let cache else { return try parse() }
        return try cache.document(
            CacheQuestion(kind: isJSON ? "attestation-json" : "attestation-yaml"), of: file,
            parse: parse)
    }

    public func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        let (settings, diagnostics) = Self.read(spec)
        guard let settings else { return .invalidOptions(spec, diagnostics, now: context.now) }
        let file: ArtifactFile
        switch ArtifactFile.read(settings.path, context: context) {
        case .success(let read): file = read
        case .failure(let problem): return problem.result(spec, now: context.now)
        }
        var artifacts = [file.artifact]
        var signer: SignerID?
        /// `date` is the statement's own (signed) date, its source; nil before it is read.
        func result(_ status: EvidenceStatus, _ date: Date?, _ message: String) -> EvidenceResult {
            var result = EvidenceResult(
                spec, status, observedAt: date ?? context.now,
                dateSource: date == nil ? .assumed : .source, "\(file.path): \(message)",
                sha256: file.sha256, artifacts: artifacts)
            result.signer = signer?.rawValue
            return result
        }

        let statement: AttestationStatement
        do {
            statement = try AttestationStatement.read(try tree(of: file, cache: context.cache))
        } catch {
            return result(
                .error, nil, "invalid attestation: \(LoaderError.describe(error))")
        }
        guard let date = Timestamp.day(statement.date) else {
            return result(
                .error, nil, "'date' \(ValueText.quote(statement.date)) is not YYYY-MM-DD")
        }
        guard date <= context.now else {
            return result(.error, nil, "'date' \(statement.date) is in the future")
        }
        var notes = ["attested by \(statement.who) (\(statement.role)) on \(statement.date)"]

        if let expires = statement.expires {
            guard let end = Timestamp.day(expires) else {
                return result(
                    .error, date, "'expires' \(ValueText.quote(expires)) is not YYYY-MM-DD")
            }
            // Valid through the whole expiry day (UTC).
            guard context.now < end.addingTimeInterval(86_400) else {
                return result(
                    .fail, date, "expired on \(expires); " + notes.joined(separator: "; "))
            }
            notes.append("expires \(expires)")
        }

        if let attachment = statement.attachment {
            switch check(attachment, root: context.workspaceRoot) {
            case .success(let artifact):
                artifacts.append(artifact)
                notes.append("attachment \(attachment.path) matches")
            case .failure(let problem):
                if let artifact = problem.artifact { artifacts.append(artifact) }
                return result(problem.isError ? .error : .fail, date, problem.message)
            }
        }

        switch SignatureCheck.verify(statement, keyring: context.signers, cache: context.cache) {
        case .valid(let entry, let method):
            signer = entry.signer.id
            if let key = entry.artifact { artifacts.append(key) }
            notes.append("\(method) signature of signer `\(entry.signer.id)` verified")
        case .invalid(let reason): return result(.fail, date, reason)
        case .unknownSigner(let id):
            return result(.fail, date, "signer `\(id)` is not registered under 'signers:'")
        case .undecidable(let reason): return result(.error, date, reason)
        }
        return result(.pass, date, notes.joined(separator: "; "))
    }

    struct AttachmentProblem: Error {
        var message: String
        var isError: Bool
        var artifact: Artifact?
    }

    private func check(
        _ attachment: AttestationStatement.Attachment, root: URL
    ) -> Result<Artifact, AttachmentProblem> {
        guard let path = try? WorkspacePath(attachment.path) else {
            return .failure(
                AttachmentProblem(
                    message: "attachment path '\(attachment.path)' is not a workspace path",
                    isError: true))
        }
        let hash: String
        do {
            hash = try ContentHash.sha256(
                of: WorkspaceRoot(root).open(path, limit: maxAttachmentBytes))
        } catch {
            switch error.code {
            case .missing:
                return .failure(
                    AttachmentProblem(message: "attachment \(path) does not exist", isError: false))
            case .unsafePath:
                return .failure(AttachmentProblem(message: "refused: \(error)", isError: true))
            case .notRegularFile, .tooLarge, .unreadable:
                return .failure(
                    AttachmentProblem(message: "attachment: \(error)", isError: true))
            }
        }
        let artifact = Artifact(path: path.relative, sha256: hash)
        guard hash == attachment.sha256 else {
            return .failure(
                AttachmentProblem(
                    message: "attachment \(path) has changed: sha256 \(hash), attested "
                        + attachment.sha256, isError: false, artifact: artifact))
        }
        return .success(artifact)
    }

    /// Attachments are hashed in chunks, so they may be large; this bounds the time spent.
    let maxAttachmentBytes = 1 << 30
}

import AttestCore
import AttestSystem
import Crypto
import Foundation

/// Judges a person's attestation: dated, not expired, its attachment unchanged, and, when
/// public keys are configured, signed with Ed25519 by one of them.
///
/// The attestation's `date` is the observation date, so `max_age` makes it go stale; its
/// `expires` date fails it outright. YAML files are read with the injected loader, `.json`
/// files with the built-in JSON reader.
public struct AttestationCollector: Collector {
    public let kind = CollectorKind.attestation
    let load: DocumentLoader

    public init(load: @escaping DocumentLoader) {
        self.load = load
    }

    struct Settings {
        var path: WorkspacePath
        var publicKeys: [Curve25519.Signing.PublicKey]
        var keyFile: WorkspacePath?
    }

    static func read(_ spec: EvidenceSpec) -> (Settings?, [Diagnostic]) {
        var reader = OptionReader(spec, allowed: ["public_keys", "public_key_file"])
        let path = reader.requiredPath()
        var keys: [Curve25519.Signing.PublicKey] = []
        if let texts = reader.strings("public_keys") {
            for text in texts {
                guard let key = PublicKeys.parse(text) else {
                    reader.invalid(
                        "public_keys",
                        "holds '\(text)', which is not a base64 raw 32-byte "
                            + "Ed25519 public key", spec.options["public_keys"])
                    continue
                }
                keys.append(key)
            }
        }
        var keyFile: WorkspacePath?
        if let text = reader.string("public_key_file") {
            keyFile = reader.safePath(
                text, label: "public_key_file",
                at: spec.options["public_key_file"]?.position ?? spec.position)
        }
        guard reader.isValid, let path else { return (nil, reader.diagnostics) }
        return (Settings(path: path, publicKeys: keys, keyFile: keyFile), reader.diagnostics)
    }

    public func validate(_ spec: EvidenceSpec) -> [Diagnostic] { Self.read(spec).1 }

    public func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        let (settings, diagnostics) = Self.read(spec)
        guard let settings else { return .invalidOptions(spec, diagnostics, now: context.now) }
        let file: ArtifactFile
        switch ArtifactFile.read(settings.path, in: context.workspaceRoot) {
        case .success(let read): file = read
        case .failure(let problem): return problem.result(spec, now: context.now)
        }
        var artifacts = [file.artifact]
        /// `date` is the statement's own (signed) date, its source; nil before it is read.
        func result(_ status: EvidenceStatus, _ date: Date?, _ message: String) -> EvidenceResult {
            EvidenceResult(
                spec, status, observedAt: date ?? context.now,
                dateSource: date == nil ? .assumed : .source, "\(file.path): \(message)",
                sha256: file.sha256, artifacts: artifacts)
        }

        let statement: AttestationStatement
        do {
            let value =
                file.path.relative.lowercased().hasSuffix(".json")
                ? try JSONReader(file: file.path.relative).parse(file.data)
                : try load(file.data, file.path.relative)
            statement = try AttestationStatement.read(value)
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

        var keys = settings.publicKeys
        if let keyFile = settings.keyFile {
            switch PublicKeys.load(keyFile, root: context.workspaceRoot) {
            case .success((let loaded, let artifact)):
                keys += loaded
                artifacts.append(artifact)
            case .failure(let problem):
                return result(.error, date, problem.message)
            }
        }
        switch SignatureCheck.verify(statement, keys: keys) {
        case .notRequired: break
        case .valid: notes.append("signature verified")
        case .invalid(let reason): return result(.fail, date, reason)
        case .undecidable(let reason): return result(.error, date, reason)
        }
        return result(.pass, date, notes.joined(separator: "; "))
    }

    struct AttachmentProblem: Error {
        var message: String
        var isError: Bool
        var artifact: Artifact?
    }

    public func namedFiles(
        _ spec: EvidenceSpec
    ) -> [(path: WorkspacePath, position: SourcePosition)] {
        guard let settings = Self.read(spec).0 else { return [] }
        var files = [(settings.path, spec.position)]
        if let keyFile = settings.keyFile {
            files.append((keyFile, spec.options["public_key_file"]?.position ?? spec.position))
        }
        return files
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

/// Ed25519 verification of an attestation against the configured keys.
enum SignatureCheck: Equatable {
    /// No keys configured and no signature: nothing to check.
    case notRequired
    case valid
    /// A failing check: unsigned although keys are configured, or a wrong signature.
    case invalid(String)
    /// Cannot be decided: a signature but no key, or a signature that is not base64.
    case undecidable(String)

    static func verify(
        _ statement: AttestationStatement, keys: [Curve25519.Signing.PublicKey]
    ) -> SignatureCheck {
        guard let encoded = statement.signature else {
            return keys.isEmpty
                ? .notRequired : .invalid("not signed, but public keys are configured")
        }
        guard !keys.isEmpty else {
            return .undecidable(
                "signed, but no public_keys or public_key_file is configured to verify it")
        }
        guard let signature = Data(base64Encoded: encoded) else {
            return .undecidable("'signature' is not base64")
        }
        let message = statement.canonicalBytes
        return keys.contains { $0.isValidSignature(signature, for: message) }
            ? .valid : .invalid("the signature does not verify with any configured public key")
    }
}

/// Ed25519 public keys written as base64 of the raw 32 bytes.
enum PublicKeys {
    static func parse(_ text: String) -> Curve25519.Signing.PublicKey? {
        guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespaces)),
            raw.count == 32
        else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }

    struct Problem: Error { var message: String }

    /// Reads a key file: one base64 key per line; blank lines and `#` comments are ignored.
    static func load(
        _ path: WorkspacePath, root: URL
    ) -> Result<([Curve25519.Signing.PublicKey], Artifact), Problem> {
        let file: ArtifactFile
        switch ArtifactFile.read(path, in: root) {
        case .success(let read): file = read
        case .failure(.missing(let message)), .failure(.unreadable(let message)):
            return .failure(Problem(message: "public_key_file: \(message)"))
        }
        var keys: [Curve25519.Signing.PublicKey] = []
        for (index, line) in (file.text ?? "").split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline
        ).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            guard let key = parse(text) else {
                return .failure(
                    Problem(message: "\(path):\(index + 1) is not a base64 Ed25519 public key"))
            }
            keys.append(key)
        }
        guard !keys.isEmpty else {
            return .failure(Problem(message: "\(path) holds no public key"))
        }
        return .success((keys, file.artifact))
    }
}

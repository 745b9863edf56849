import AttestCore
import AttestSystem
import Crypto
import Foundation

/// The workspace's registered signers with their public keys, read once per run through the
/// workspace's confinement function, for the attestation collector and `attest validate`.
public struct SignerKeyring: Sendable {
    struct Entry: Sendable {
        var signer: Signer
        /// The key, or why its file cannot be used.
        var key: Result<SignerPublicKey, SignerKeyProblem>
        /// The key file as read, so a result can list the very bytes it was verified with.
        var artifact: Artifact?
    }

    /// By id; for an id defined twice (itself a finding), the first definition.
    private var entries: [SignerID: Entry] = [:]
    /// Ids in registry order, for a stable search of "whose key is this".
    private var order: [SignerID] = []
    /// Findings about the key files, at each signer's `public_key:`.
    public private(set) var diagnostics: [Diagnostic] = []

    /// No signer registered.
    public static let none = SignerKeyring()

    private init() {}

    /// Key files are a few hundred bytes; anything past this is not a key.
    static let maxKeyBytes = 64 * 1024

    /// Reads every signer's key file.
    ///
    /// - Parameters:
    ///   - signers: The registry, as loaded from the workspace.
    ///   - root: The workspace folder; key paths are relative to it and may not leave it.
    public static func load(_ signers: [Signer], root: URL) -> SignerKeyring {
        var keyring = SignerKeyring()
        let workspace = Result { () throws(ConfinementError) in try WorkspaceRoot(root) }
        for signer in signers where keyring.entries[signer.id] == nil {
            let (entry, diagnostic) = read(signer, in: workspace)
            keyring.entries[signer.id] = entry
            keyring.order.append(signer.id)
            if let diagnostic { keyring.diagnostics.append(diagnostic) }
        }
        return keyring
    }

    private static func read(
        _ signer: Signer, in workspace: Result<WorkspaceRoot, ConfinementError>
    ) -> (Entry, Diagnostic?) {
        let data: Data
        do {
            let path = try WorkspaceRoot.path(signer.publicKey)
            data = try workspace.get().read(path, limit: maxKeyBytes).data
        } catch {
            let problem = SignerKeyProblem(
                code: error.diagnosticCode,
                message: error.code == .unsafePath
                    ? "public_key refused: \(error.detail)" : "public_key \(error.detail)")
            return (
                Entry(signer: signer, key: .failure(problem)),
                .error(
                    problem.code, "signer '\(signer.id)': \(problem.message)",
                    at: signer.publicKeyPosition)
            )
        }
        let artifact = Artifact(
            path: signer.publicKey, sha256: Hex.encode(SHA256.hash(data: data)))
        do {
            let key = try SignerPublicKey.parse(String(decoding: data, as: UTF8.self))
            return (Entry(signer: signer, key: .success(key), artifact: artifact), nil)
        } catch {
            let unsupported = if case .unsupported = error { true } else { false }
            let problem = SignerKeyProblem(
                code: unsupported ? .signerUnsupportedKeyType : .signerInvalidKey,
                message: "\(signer.publicKey): \(error.message)")
            return (
                Entry(signer: signer, key: .failure(problem), artifact: artifact),
                .error(
                    problem.code, "signer '\(signer.id)': \(problem.message)",
                    at: signer.publicKeyPosition,
                    hint: "a signer's key file holds one Ed25519 public key: an OpenSSH line "
                        + "'ssh-ed25519 AAAA…', a PEM PUBLIC KEY (attest keygen), or the raw "
                        + "32 bytes in base64")
            )
        }
    }

    /// The entry of a registered signer.
    func entry(_ id: SignerID) -> Entry? { entries[id] }

    /// The registered ids, in registry order.
    var ids: [SignerID] { order }

    /// The first registered signer (other than `excluded`) whose usable key satisfies
    /// `matches`: who really signed, when it is not the signer named. Only public keys are
    /// compared, so nothing secret is exposed.
    func signer(
        except excluded: SignerID, where matches: (SignerPublicKey) -> Bool
    ) -> SignerID? {
        order.first { id in
            guard id != excluded, case .success(let key)? = entries[id]?.key else { return false }
            return matches(key)
        }
    }
}

/// Why a signer's key file cannot be used.
struct SignerKeyProblem: Error, Sendable {
    var code: DiagnosticCode
    var message: String
}

extension ConfinementError {
    /// The workspace finding for a file the confinement function refused.
    var diagnosticCode: DiagnosticCode {
        switch code {
        case .unsafePath: .workspaceUnsafePath
        case .missing: .workspaceMissingFile
        case .notRegularFile: .workspaceNotAFile
        case .tooLarge: .workspaceFileTooLarge
        case .unreadable: .workspaceUnreadableFile
        }
    }
}

import ArgumentParser
import AttestBundle
import AttestCatalog
import AttestCore
import AttestEvidence
import Crypto
import Foundation

/// `attest attestation`: commands about people's signed statements.
struct AttestationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attestation", abstract: "Sign attestations for registered signers.",
        subcommands: [AttestationSignCommand.self])
}

/// `attest attestation sign`: writes a statement signed by a registered signer, so nobody
/// assembles the signed bytes by hand.
///
/// Who and role come from the signer's entry in `signers:`; the signature is checked against
/// the signer's registered key before anything is written, exactly as collection checks it.
struct AttestationSignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Write a statement signed with a registered signer's own key.")

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "The id of the signer under `signers:`.")
    var signer: String

    @Option(help: "The signer's Ed25519 private key (PEM, as `attest keygen` writes it).")
    var key: String?

    @Option(
        help: "The signer's OpenSSH private key; ssh-keygen signs (`-Y sign -n attest`).")
    var sshKey: String?

    @Option(help: "The statement text.")
    var statement: String?

    @Option(help: "A file holding the statement text (UTF-8), taken exactly.")
    var statementFile: String?

    @Option(help: "The statement's date, YYYY-MM-DD (default: today, UTC).")
    var date: String?

    @Option(help: "The last day the statement is valid, YYYY-MM-DD.")
    var expires: String?

    @Option(help: "A workspace file whose SHA-256 the statement pins.")
    var attachment: String?

    @Option(help: "Where to write the signed statement (default: standard output).")
    var out: String?

    @Flag(help: "Replace --out when it exists.")
    var force = false

    func validate() throws {
        if (key == nil) == (sshKey == nil) { throw ValidationError("give --key or --ssh-key") }
        if (statement == nil) == (statementFile == nil) {
            throw ValidationError("give --statement or --statement-file")
        }
    }

    func run() async throws {
        let console = Console.current
        let root = options.rootURL
        let loaded: LoadedWorkspace
        do { loaded = try WorkspaceLoader().load(at: root) } catch {
            throw UnreadableInput(description: error.description)
        }
        let signers = loaded.workspace.manifest.signers
        guard let entry = signers.first(where: { $0.id.rawValue == signer }) else {
            let known = signers.map(\.id.rawValue).joined(separator: ", ")
            throw UnreadableInput(
                description: "signer '\(signer)' is not registered under 'signers:'"
                    + (known.isEmpty ? "" : " (registered: \(known))"))
        }
        let keyring = SignerKeyring.load(signers, root: root)
        let draft: AttestationDraft
        do {
            draft = try AttestationDraft(
                signer: entry, date: date ?? Self.today(), statement: try statementText(),
                expires: expires, attachment: attachment, root: root)
        } catch let error as AttestationDraft.Problem {
            throw UnreadableInput(description: error.description)
        }
        let text: String
        do {
            if let key {
                if Self.isInside(URL(fileURLWithPath: key), root) {
                    console.err(
                        "warning: the private key \(key) is inside the workspace; move it out")
                }
                text = try draft.signed(with: try Self.privateKey(key), keyring: keyring)
            } else if let sshKey {
                let signature = try SSHKeygen.sign(draft.signedBytes, key: sshKey)
                text = try draft.withSignature(signature, keyring: keyring)
            } else {
                return
            }
        } catch let error as AttestationDraft.Problem {
            throw UnreadableInput(description: error.description)
        }
        guard let out else {
            console.writeOut(text)
            return
        }
        let destination = URL(fileURLWithPath: out).standardizedFileURL
        if !force, FileManager.default.fileExists(atPath: destination.path) {
            throw UnreadableInput(description: "\(out) exists; pass --force to replace it")
        }
        do {
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: destination, options: .atomic)
        } catch {
            throw UnreadableInput(
                description: "cannot write \(out): \(error.localizedDescription)")
        }
        console.err("signed by \(entry.id) (\(entry.name)): \(out)")
    }

    private func statementText() throws -> String {
        if let statement { return statement }
        guard let statementFile else { return "" }
        let data = try KeyFile.read(statementFile)
        guard let text = String(data: data, encoding: .utf8) else {
            throw UnreadableInput(description: "\(statementFile) is not UTF-8 text")
        }
        return text
    }

    static func privateKey(_ path: String) throws -> Curve25519.Signing.PrivateKey {
        let data = try KeyFile.read(path)
        do { return try BundleKeys.privateKey(pem: String(decoding: data, as: UTF8.self)) } catch {
            throw UnreadableInput(description: "\(path): \(error)")
        }
    }

    /// Today in UTC, `YYYY-MM-DD`.
    static func today() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date())
    }

    /// Whether `file` lies inside the folder `root` (links resolved).
    static func isInside(_ file: URL, _ root: URL) -> Bool {
        let path = file.standardizedFileURL.resolvingSymlinksInPath().path
        let folder = root.standardizedFileURL.resolvingSymlinksInPath().path
        return path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}

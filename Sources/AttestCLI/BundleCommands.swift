import ArgumentParser
import AttestBundle
import AttestCore
import AttestEvidence
import AttestRender
import AttestStore
import AttestSystem
import Crypto
import Foundation

/// `attest keygen`: an Ed25519 key pair for signing bundles or attestations.
///
/// The private key is refused inside the workspace (`--workspace`, default the current
/// folder, when it holds `attest.yaml`) unless `--inside-workspace` says so: a key written
/// there is one `git add .` away from being published.
struct KeygenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create an Ed25519 key pair for signing NDA bundles or attestations.")

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "Folder to write NAME.key (mode 0600) and NAME.pub into.")
    var out: String

    @Option(help: "Base name of the key files.")
    var name: String = "attest-bundle"

    @Flag(help: "Replace existing key files.")
    var force = false

    @Flag(help: "Write the private key even inside a workspace (keep it out of git yourself).")
    var insideWorkspace = false

    func run() async throws {
        let folder = URL(fileURLWithPath: out).standardizedFileURL
        let workspace = options.rootURL
        if !insideWorkspace, Self.isWorkspace(workspace),
            AttestationSignCommand.isInside(folder.appendingPathComponent(name), workspace)
        {
            throw UnreadableInput(
                description: "\(folder.path) is inside the workspace \(workspace.path): a private "
                    + "key there is one commit away from being published; write it elsewhere "
                    + "(e.g. --out ~/.attest) or pass --inside-workspace")
        }
        let privateURL = folder.appendingPathComponent("\(name).key")
        let publicURL = folder.appendingPathComponent("\(name).pub")
        let manager = FileManager.default
        if !force,
            manager.fileExists(atPath: privateURL.path)
                || manager.fileExists(atPath: publicURL.path)
        {
            throw UnreadableInput(
                description:
                    "\(privateURL.path) or \(publicURL.path) exists; pass --force to replace")
        }
        let keys = BundleKeys.generate()
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            // The private key is created with mode 0600 before any byte is written to it.
            try? manager.removeItem(at: privateURL)
            guard
                manager.createFile(
                    atPath: privateURL.path, contents: nil, attributes: [.posixPermissions: 0o600])
            else {
                throw UnreadableInput(description: "cannot create \(privateURL.path)")
            }
            let handle = try FileHandle(forWritingTo: privateURL)
            try handle.write(contentsOf: Data(keys.privateKey.utf8))
            try handle.close()
            try Data(keys.publicKey.utf8).write(to: publicURL)
            try manager.setAttributes([.posixPermissions: 0o644], ofItemAtPath: publicURL.path)
        } catch let error as UnreadableInput {
            throw error
        } catch {
            throw UnreadableInput(
                description: "cannot write the keys: \(error.localizedDescription)")
        }
        let console = Console.current
        console.out("private key: \(privateURL.path) (mode 0600; keep it out of git)")
        console.out("public key:  \(publicURL.path)")
        console.out(
            "fingerprint: \(try BundleKeys.fingerprint(ofPublicKeyFile: Data(keys.publicKey.utf8)))"
        )
        console.out(
            "name the public key in attest.yaml (public_key: …) to publish its fingerprint on the trust center"
        )
    }
}

extension KeygenCommand {
    /// Whether `folder` is a workspace (holds an `attest.yaml`).
    static func isWorkspace(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("attest.yaml").path)
    }
}

/// `attest bundle`: a signed, watermarked bundle of reports for one recipient under NDA.
struct BundleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Make a signed report bundle for a recipient under NDA.")

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Who receives the bundle, e.g. \"Acme Corp\".")
    var recipient: String

    @Option(help: "The NDA reference, e.g. NDA-2026-041.")
    var ndaRef: String

    @Option(help: "A framework to include (repeatable).")
    var framework: [String]

    @Option(help: "How long the bundle is valid, e.g. 90d.")
    var expires: String?

    @Flag(help: "Include the public and NDA evidence artifacts.")
    var includeEvidence = false

    @Option(
        help: "A document of documents: to include, by id (repeatable); public or nda, unexpired.")
    var document: [String] = []

    @Option(help: "The Ed25519 private key (PEM) that signs the bundle.")
    var key: String

    @Option(help: "Where to write the bundle (.zip); an existing file must be an Attest bundle.")
    var out: String

    @Flag(help: "Replace --out even when it is not an Attest bundle.")
    var force = false

    @Option(help: "Creation time (ISO 8601 or Unix seconds); default SOURCE_DATE_EPOCH, else now.")
    var created: String?

    func validate() throws {
        if recipient.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--recipient is empty")
        }
        if ndaRef.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--nda-ref is empty")
        }
        if framework.isEmpty { throw ValidationError("name at least one --framework") }
    }

    func run() async throws {
        let console = Console.current
        let destination = URL(fileURLWithPath: out).standardizedFileURL
        if !force { try Self.refuseToReplace(destination) }
        let validity = try expires.map(parseSpan)
        let time = try BuildClock.time(
            option: created, environment: ProcessInfo.processInfo.environment)
        let session = try WorkspaceSession(options: options, console: console)
        var frameworks: [FrameworkID] = []
        for name in framework { frameworks += try selectedFrameworks(session.graph, name) }
        frameworks = Array(Set(frameworks)).sorted()
        let signingKey = try Self.signingKey(key, session: session, console: console)
        let store = try session.openStore(storeOptions.store)
        let made = try ViewerBundle(
            recipient: recipient, ndaReference: ndaRef, frameworks: frameworks,
            documents: document, includeEvidence: includeEvidence, validity: validity
        ).make(session: session, store: store, signingKey: signingKey, time: time)
        for file in made.withheld {
            console.err("warning: " + TerminalText.inert(file.description))
        }
        do {
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try made.bytes.write(to: destination, options: .atomic)
        } catch {
            throw UnreadableInput(
                description: "cannot write \(destination.path): \(error.localizedDescription)")
        }
        if !made.logged {
            console.err(
                "note: bundle \(made.bundleID) was already logged (same inputs, same bundle)")
        }
        let bundleID = made.bundleID
        console.out("bundle \(bundleID) for \(recipient) under \(ndaRef): \(destination.path)")
        console.out("\(made.entryCount) entries, \(made.bytes.count) bytes, sha256 \(made.sha256)")
    }

    /// The private key at `path`, with a warning when it is not the one whose public key the
    /// trust center publishes.
    static func signingKey(
        _ path: String, session: WorkspaceSession, console: Console
    ) throws -> Curve25519.Signing.PrivateKey {
        let keyData = try KeyFile.read(path)
        let signingKey: Curve25519.Signing.PrivateKey
        do {
            signingKey = try BundleKeys.privateKey(pem: String(decoding: keyData, as: UTF8.self))
        } catch {
            throw UnreadableInput(description: "\(path): \(error)")
        }
        if let published = try SigningKeyFingerprint.of(session),
            published != BundleKeys.fingerprint(signingKey.publicKey)
        {
            console.err(
                "warning: this key is not the public_key the trust center publishes (\(published))")
        }
        return signingKey
    }

    /// Attest replaces nothing it did not create: an existing `--out` must be an Attest bundle
    /// (a regular file, not a link), unless `--force`.
    static func refuseToReplace(_ destination: URL) throws {
        guard
            let attributes = try? FileManager.default.attributesOfItem(atPath: destination.path)
        else { return }
        if attributes[.type] as? FileAttributeType == .typeRegular,
            BundleWriter.isBundle(at: destination)
        {
            return
        }
        throw UnreadableInput(
            description:
                "\(destination.path) exists and is not an Attest bundle; pass --force to replace it"
        )
    }
}

/// `attest verify`: checks a bundle offline.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a report bundle: signer, signature, hashes, paths, expiry.")

    @Argument(help: "The bundle (.zip).")
    var bundle: String

    @Option(help: "The signer's public key (PEM), obtained from the company.")
    var publicKey: String?

    @Option(
        help: "The signing-key fingerprint the company publishes on its trust center (SHA-256).")
    var fingerprint: String?

    @Flag(
        help: """
            Without --public-key or --fingerprint, accept a bundle that is only intact: its \
            own key proves nothing about who made it.
            """)
    var integrityOnly = false

    @Flag(help: "Accept a bundle past its expiry date, with a warning.")
    var allowExpired = false

    @Option(help: "Check expiry as of this time (ISO 8601, a date or Unix seconds), not now.")
    var checkTime: String?

    func validate() throws {
        if publicKey != nil, fingerprint != nil {
            throw ValidationError("give --public-key or --fingerprint, not both")
        }
        if integrityOnly, publicKey != nil || fingerprint != nil {
            throw ValidationError(
                "--integrity-only is for a bundle checked without --public-key or --fingerprint")
        }
    }

    func run() async throws {
        let console = Console.current
        let now = try checkTime.map(Self.time) ?? Date()
        let verifier = BundleVerifier(trust: try trust(), allowExpired: allowExpired)
        let report: BundleVerifier.Report
        do {
            report = try verifier.verify(contentsOf: URL(fileURLWithPath: bundle), now: now)
        } catch {
            throw UnreadableInput(description: TerminalText.inert("\(bundle): \(error)"))
        }
        // Only a manifest whose signature verified is shown, and every field from the bundle
        // is made inert: it could hold escape sequences that rewrite what is on the screen.
        if let manifest = report.manifest {
            let signer = report.signerFingerprint ?? ""
            let how =
                report.signerVerified
                ? (publicKey != nil ? "verified with --public-key" : "verified with --fingerprint")
                : "the bundle's own key: NOT verified"
            let who =
                manifest.kind == .auditorPackage
                ? [
                    ("kind", "auditor package"),
                    ("audience", manifest.audience?.rawValue ?? "internal"),
                ]
                : [("recipient", manifest.recipient), ("NDA", manifest.ndaReference)]
            let lines =
                [("bundle", manifest.bundleID)] + who + [
                    ("frameworks", manifest.frameworks.joined(separator: ", ")),
                    ("created", manifest.created), ("expires", manifest.expires ?? "never"),
                    ("signer", "\(signer) (\(how))"), ("entries", String(manifest.entries.count)),
                ]
            for (label, value) in lines {
                let padded = (label + ":").padding(toLength: 13, withPad: " ", startingAt: 0)
                console.out(padded + TerminalText.inert(value))
            }
            for file in manifest.withheld ?? [] {
                console.out(
                    "withheld:    "
                        + TerminalText.inert("\(file.path) [\(file.reason.rawValue)]"))
            }
        }
        for warning in report.warnings { console.err("warning: " + TerminalText.inert(warning)) }
        for problem in report.problems {
            console.err("invalid: " + TerminalText.inert(problem.description))
        }
        guard report.isValid else { throw FindingsReported() }
        if report.signerVerified {
            console.out("valid")
        } else {
            console.out("integrity ok — signer NOT verified")
            if !integrityOnly {
                console.err(
                    "the signer is not verified: pass --fingerprint with the value on the "
                        + "company's trust center, or --public-key (--integrity-only accepts this)")
                throw FindingsReported()
            }
        }
    }

    /// What the signer is checked against.
    private func trust() throws -> BundleTrust {
        if let publicKey {
            let pem = try KeyFile.read(publicKey)
            do {
                return .publicKey(
                    try BundleKeys.publicKey(pem: String(decoding: pem, as: UTF8.self)))
            } catch {
                throw UnreadableInput(description: "\(publicKey): \(error)")
            }
        }
        if let fingerprint {
            do { return .fingerprint(try BundleKeys.fingerprint(parsing: fingerprint)) } catch {
                throw ValidationError("--fingerprint: \(TerminalText.inert(error.detail))")
            }
        }
        return .bundleKey
    }

    /// `--check-time`: Unix seconds, an ISO 8601 time, or a date (midnight UTC).
    static func time(_ text: String) throws -> Date {
        if let seconds = Int(text) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        if let date = Timestamp.instant(text, zoneRequired: true) { return date }
        throw ValidationError(
            "--check-time '\(text)' is neither ISO 8601 (2026-06-01T00:00:00Z), a date "
                + "(2026-06-01) nor Unix seconds")
    }
}

/// `attest disclosures`: the log of bundles handed out.
struct DisclosuresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclosures", abstract: "List every bundle handed out under NDA.")

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Output format: table or json.")
    var format: ScoreCommand.Format = .table

    struct Entry: Encodable {
        var id: String
        var recipient: String
        var ndaReference: String
        var frameworks: [String]
        var sha256: String
        var created: String
        var expires: String?
        var run: Int64?
        var documents: [String]
        /// The portal request it was downloaded under; absent for a bundle made by hand.
        var accessRequest: String?
    }

    func run() async throws {
        let console = Console.current
        let session = try WorkspaceSession(options: options, console: console)
        let store = try session.openStore(storeOptions.store, access: .readOnly)
        let entries = try store.disclosures().map {
            Entry(
                id: $0.id, recipient: $0.recipient, ndaReference: $0.ndaReference,
                frameworks: $0.frameworks.map(\.rawValue), sha256: $0.sha256,
                created: PublicProjection.isoDate($0.createdAt),
                expires: $0.expiresAt.map(PublicProjection.isoDate),
                run: $0.runID, documents: $0.documents, accessRequest: $0.accessRequestID)
        }
        switch format {
        case .json: console.out(try JSONOutput.encode(entries))
        case .table:
            if entries.isEmpty {
                console.out("no bundle handed out yet")
                return
            }
            console.out(
                TextTable(headers: [
                    "bundle", "recipient", "NDA", "frameworks", "documents", "request", "created",
                    "expires", "sha256",
                ])
                .render(
                    entries.map {
                        [
                            $0.id, $0.recipient, $0.ndaReference,
                            $0.frameworks.joined(separator: ","),
                            $0.documents.isEmpty ? "—" : $0.documents.joined(separator: ","),
                            $0.accessRequest ?? "—", $0.created, $0.expires ?? "—",
                            String($0.sha256.prefix(16)) + "…",
                        ]
                    }))
        }
    }
}

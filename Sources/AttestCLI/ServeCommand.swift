import ArgumentParser
import AttestCatalog
import AttestCore
import AttestPortal
import AttestRender
import AttestStore
import AttestSystem
import Foundation

/// `attest serve`: serves the built trust center and its access portal over HTTP until
/// SIGTERM or SIGINT (graceful: requests in flight finish first).
///
/// With `portal:` in attest.yaml it also serves the request flow, on the store's ledger, and
/// each viewer's bundle, signed with `--key`; without it, the site and `/healthz` only.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the built trust center and its access portal over HTTP.",
        discussion:
            "Needs a secret of at least 32 bytes in ATTEST_PORTAL_SECRET, and for e-mail an "
            + "SMTP relay (portal.smtp, or ATTEST_SMTP_URL). Listen on the loopback and put a "
            + "TLS reverse proxy in front (docs/portal.md).")

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The built site to serve, relative to the workspace.")
    var site: String = "reports/site"

    @Option(help: "Address and port to listen on (host:port; [v6]:port).")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "The Ed25519 private key (PEM) that signs viewers' bundles (needs portal:).")
    var key: String?

    @Flag(help: "Visitors reach the portal over HTTPS through a TLS proxy: send HSTS.")
    var behindTLS = false

    @Flag(help: "Believe the proxy's X-Forwarded-For and X-Forwarded-Proto headers.")
    var trustProxy = false

    @Option(help: "Form posts one client address may make per 10 minutes (default 10).")
    var postsPerClient: Int?

    func validate() throws {
        if let postsPerClient, postsPerClient < 1 {
            throw ValidationError("--posts-per-client must be at least 1")
        }
    }

    func run() async throws {
        let console = Console.current
        let environment = ProcessInfo.processInfo.environment
        let secret = try PortalSecret.fromEnvironment()
        let address = try ListenAddress(parsing: listen)
        let session = try WorkspaceSession(options: options, console: console)
        let portal = session.manifest.portal
        // The desk records requests and disclosures: read-write with a portal, else read-only.
        let store = try session.openStore(
            storeOptions.store, access: portal == nil ? .readOnly : .readWrite)
        let templates = TemplateSet(workspaceRoot: session.root)
        let siteURL =
            site.hasPrefix("/")
            ? URL(fileURLWithPath: site, isDirectory: true)
            : session.root.appendingPathComponent(site, isDirectory: true)
        let labels = try BuildOutput.labels(templates, locales: session.manifest.locales)
        var limits = PortalLimits()
        if let postsPerClient { limits.postsPerClient = postsPerClient }
        var content = PortalContent(labels: labels)
        var desk: PortalDesk?
        if let portal {
            guard let key else {
                throw ValidationError(
                    "portal: is configured: pass --key, the private key that signs viewers' "
                        + "bundles")
            }
            content = try PortalContentReader(session: session, portal: portal, labels: labels)
                .content()
            let smtp = environment["ATTEST_SMTP_URL"] ?? portal.smtp
            let sender = try smtp.map {
                try MailSender(url: $0, clientName: URL(string: portal.url)?.host ?? "localhost")
            }
            if sender == nil {
                console.err(
                    "warning: no SMTP relay (portal.smtp or ATTEST_SMTP_URL): no e-mail is sent; "
                        + "`attest access approve --print-link` gives a grant's link")
            }
            desk = PortalDesk(
                session: session, portal: portal, store: store,
                signingKey: try BundleCommand.signingKey(key, session: session, console: console),
                secret: secret,
                mail: PortalMail(portal: portal, labels: labels, sender: sender, clock: { Date() }))
        }
        let configuration = PortalConfiguration(
            siteFolder: siteURL.standardizedFileURL, listen: address, behindTLS: behindTLS,
            trustProxy: trustProxy, secret: secret, limits: limits, content: content)
        let server = try PortalServer(
            configuration: configuration, desk: desk,
            isHealthy: { (try? await OffPool.run { try store.runs(limit: 1) }) != nil })
        try await server.run { bound in
            console.out("attest: serving \(configuration.siteFolder.path) on http://\(bound)/")
        }
        console.out("attest: stopped")
    }
}

/// What the request pages offer, from the workspace: the nda documents one may ask for and
/// each locale's NDA text, read through the confinement function.
struct PortalContentReader {
    let session: WorkspaceSession
    let portal: PortalSettings
    let labels: [String: [String: String]]

    func content() throws -> PortalContent {
        let root: WorkspaceRoot
        do { root = try WorkspaceRoot(session.root) } catch {
            throw UnreadableInput(description: error.description)
        }
        var agreements: [String: String] = [:]
        for (locale, file) in portal.nda {
            let data: Data
            do {
                data = try root.read(file, limit: PortalChecks.maxNDABytes).data
            } catch {
                throw UnreadableInput(description: "portal.nda.\(locale): \(error.description)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw UnreadableInput(
                    description: "portal.nda.\(locale): \(file) is not UTF-8 text")
            }
            agreements[locale] = text
        }
        let offered = portal.documents.map(Set.init)
        // An expired document is not offered (nor put in a bundle, whatever was asked).
        let today = Timestamp.formatDay(Date())
        let documents = session.manifest.documents.filter {
            $0.visibility == .nda && (offered?.contains($0.id) ?? true)
                && ($0.expires.map { $0 >= today } ?? true)
        }.map { RequestableDocument(id: $0.id.rawValue, titles: $0.title.values) }
        return PortalContent(documents: documents, agreements: agreements, labels: labels)
    }
}

import ArgumentParser
import AttestPortal
import AttestRender
import Foundation

/// `attest serve`: serves the built trust center and its access portal over HTTP until
/// SIGTERM or SIGINT (graceful: requests in flight finish first).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the built trust center and its access portal over HTTP.",
        discussion:
            "Needs a secret of at least 32 bytes in ATTEST_PORTAL_SECRET. Listen on the "
            + "loopback and put a TLS reverse proxy in front (docs/portal.md).")

    @OptionGroup var options: WorkspaceOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The built site to serve, relative to the workspace.")
    var site: String = "reports/site"

    @Option(help: "Address and port to listen on (host:port; [v6]:port).")
    var listen: String = "127.0.0.1:8080"

    @Flag(help: "Visitors reach the portal over HTTPS through a TLS proxy: send HSTS.")
    var behindTLS = false

    @Flag(help: "Believe the proxy's X-Forwarded-For and X-Forwarded-Proto headers.")
    var trustProxy = false

    func run() async throws {
        let console = Console.current
        let secret = try PortalSecret.fromEnvironment()
        let address = try ListenAddress(parsing: listen)
        let session = try WorkspaceSession(options: options, console: console)
        let store = try session.openStore(storeOptions.store, access: .readOnly)
        let templates = TemplateSet(workspaceRoot: session.root)
        let siteURL =
            site.hasPrefix("/")
            ? URL(fileURLWithPath: site, isDirectory: true)
            : session.root.appendingPathComponent(site, isDirectory: true)
        let configuration = PortalConfiguration(
            siteFolder: siteURL.standardizedFileURL, listen: address, behindTLS: behindTLS,
            trustProxy: trustProxy, secret: secret,
            content: PortalContent(
                labels: try BuildOutput.labels(templates, locales: ["en", "fr"])))
        let server = try PortalServer(
            configuration: configuration, isHealthy: { (try? store.runs(limit: 1)) != nil })
        try await server.run { bound in
            console.out("attest: serving \(configuration.siteFolder.path) on http://\(bound)/")
        }
        console.out("attest: stopped")
    }
}

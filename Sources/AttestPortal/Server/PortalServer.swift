import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The trust portal's HTTP server: the built site unchanged, a health endpoint and (given an
/// ``AccessDesk``) the access-request flow and grant links.
///
/// ``run(onListening:)`` runs it in a service group that shuts down gracefully on SIGTERM and
/// SIGINT: the listener closes, requests in flight finish, then `run` returns.
public struct PortalServer: Sendable {
    let configuration: PortalConfiguration
    let responder: PortalResponder
    let logger: Logger

    /// Prepares the server; nothing listens before ``run(onListening:)``.
    ///
    /// - Parameters:
    ///   - configuration: where to listen, what to serve, the secret and the limits.
    ///   - desk: the ledger and bundle maker behind the request flow and grant links; without
    ///     one, only the site and the health endpoint are served.
    ///   - isHealthy: whether the store can be read, asked by `GET /healthz`.
    ///   - logger: where request lines and errors go (label `attest.portal` by default).
    /// - Throws: `PortalError` when the site folder is missing or a bundled template is broken.
    public init(
        configuration: PortalConfiguration, desk: (any AccessDesk)? = nil,
        isHealthy: @escaping @Sendable () async -> Bool = { true },
        logger: Logger = Logger(label: "attest.portal")
    ) throws(PortalError) {
        self.configuration = configuration
        self.logger = logger
        let pages = try PortalPages(labels: configuration.content.labels)
        let limits = configuration.limits
        let flow = desk.map { desk in
            RequestFlow(
                desk: desk, pages: pages, content: configuration.content, limits: limits,
                csrf: CSRFGuard(secret: configuration.secret),
                signedForm: SignedForm(secret: configuration.secret),
                clientLimiter: SlidingWindowLimiter(
                    limit: limits.postsPerClient, window: limits.clientWindow,
                    maxKeys: limits.maxTrackedKeys),
                emailLimiter: SlidingWindowLimiter(
                    limit: limits.requestsPerEmail, window: limits.emailWindow,
                    maxKeys: limits.maxTrackedKeys),
                logger: logger)
        }
        responder = PortalResponder(
            configuration: configuration,
            site: try SiteFiles(
                folder: configuration.siteFolder, maxFileBytes: limits.maxFileBytes),
            pages: pages, health: HealthCheck(isHealthy: isHealthy), flow: flow,
            grants: desk.map {
                GrantPages(desk: $0, pages: pages, secret: configuration.secret, logger: logger)
            },
            logger: logger)
    }

    /// Listens and serves until SIGTERM or SIGINT (graceful: requests in flight finish) or
    /// until the calling task is cancelled.
    ///
    /// - Parameter onListening: called once with the address bound (the port is the real one
    ///   when the configuration asked for port 0).
    public func run(
        onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }
    ) async throws {
        try await run(handlingSignals: true, onListening: onListening)
    }

    /// ``run(onListening:)``, with or without the signal handlers: tests go without and cancel
    /// instead, so a signal sent to the test process is left alone.
    func run(
        handlingSignals: Bool,
        onListening: @escaping @Sendable (ListenAddress) async -> Void
    ) async throws {
        let host = configuration.listen.host
        let limits = configuration.limits
        let application = Application(
            responder: responder,
            server: .http1(
                configuration: .init(
                    idleTimeout: .seconds(Int64(limits.idleTimeout)),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: limits.maxHeaderBytes,
                        maxHeaderListSize: limits.maxHeaderBytes,
                        maxHeaderFieldCount: limits.maxHeaderFields))),
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: configuration.listen.port),
                serverName: nil,
                availableConnectionsDelegate: .maximum(limits.maxConnections, logger: logger)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                await onListening(ListenAddress(host: host, port: port))
            },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [application],
                gracefulShutdownSignals: handlingSignals ? [.sigterm, .sigint] : [],
                logger: logger))
        try await group.run()
    }
}

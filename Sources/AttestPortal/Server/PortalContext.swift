import Hummingbird

/// The request context of the portal: Hummingbird's core storage plus the address of the peer
/// that connected (the client, or the proxy in front of it).
struct PortalContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let peer: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress
    }
}

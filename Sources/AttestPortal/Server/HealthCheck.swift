import Hummingbird

/// `GET /healthz`: 200 `{"status":"ok"}` while the store can be read, 503
/// `{"status":"unavailable"}` otherwise, for a load balancer or systemd's watchdog to act on.
struct HealthCheck: Sendable {
    /// Whether the store answers; supplied by whoever wires the portal to its store.
    let isHealthy: @Sendable () async -> Bool

    func response() async -> Response {
        let healthy = await isHealthy()
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        return Reply.bytes(
            healthy ? .ok : .serviceUnavailable, type: ContentType.json,
            Array((healthy ? #"{"status":"ok"}"# : #"{"status":"unavailable"}"#).utf8),
            headers: headers)
    }
}

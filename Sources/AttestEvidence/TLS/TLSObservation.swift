import AttestCore
import Foundation

/// What the tls collector saw at one moment: the negotiated connection, the versions the
/// server accepts and the leaf certificate, in the form that is hashed and recorded.
///
/// Dates are whole seconds in UTC (`2026-12-05T18:00:00Z`) so the JSON, and so the hash, is
/// the same after a round trip through a recording.
struct TLSObservation: RecordedObservation, Hashable {
    static let maxRecordingBytes = 1 << 20

    /// When the first handshake started, whole seconds UTC.
    var observedAt: String
    var host: String
    var port: Int
    /// The SNI sent and the name the certificate was checked against (empty: none).
    var serverName: String
    /// What a default, modern client negotiates ("TLSv1.3"); when only an old version works,
    /// the highest version the server accepts.
    var negotiatedProtocol: String
    var cipher: String
    /// For each of 1.0, 1.1, 1.2, 1.3: whether a handshake pinned to it completed.
    var versions: [String: Bool]
    /// "system" or "ca_file <path> sha256:<hex>": what the chain was verified against.
    var trust: String
    var hostnameChecked: Bool
    /// nil when the chain verified (and the name matched); else OpenSSL's reason.
    var verifyError: String?
    var certificate: Certificate?

    /// The leaf certificate.
    struct Certificate: Codable, Hashable, Sendable {
        var subject: String
        var issuer: String
        var notBefore: String
        var notAfter: String
        var sha256: String
        var chainLength: Int

        enum CodingKeys: String, CodingKey {
            case subject, issuer, sha256
            case notBefore = "not_before"
            case notAfter = "not_after"
            case chainLength = "chain_length"
        }
    }

    enum CodingKeys: String, CodingKey {
        case host, port, cipher, versions, trust, certificate
        case observedAt = "observed_at"
        case serverName = "server_name"
        case negotiatedProtocol = "protocol"
        case hostnameChecked = "hostname_checked"
        case verifyError = "verify_error"
    }

    /// `host:port`, as results name their target.
    var target: String { TLSObservation.target(host: host, port: port) }

    /// `host:port`, with an IPv6 literal in brackets.
    static func target(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The versions whose pinned handshake completed, lowest first.
    var acceptedVersions: [TLSVersion] {
        TLSVersion.allCases.filter { versions[$0.rawValue] == true }
    }
}

/// Why no observation could be made; an `error` result, not a finding about the server.
struct TLSObservationProblem: Error, Sendable {
    var message: String
}

extension TLSObservation {
    /// Observes `probe`'s server within `timeout` in total: one handshake with default client
    /// settings, then one pinned to each version.
    static func observe(
        _ probe: TLSProbe, trust: String, timeout: Duration
    ) async -> Result<TLSObservation, TLSObservationProblem> {
        let started = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        func remaining() -> Duration { max(.milliseconds(1), deadline - clock.now) }
        let shownTimeout = timeout.shortDescription

        var main: TLSHandshake?
        switch await probe.handshake(version: nil, timeout: remaining()) {
        case .success(let handshake): main = handshake
        case .failure(.timedOut):
            return .failure(TLSObservationProblem(message: "timed out after \(shownTimeout)"))
        case .failure(.unreachable(let reason)):
            return .failure(TLSObservationProblem(message: "cannot connect: \(reason)"))
        case .failure(.setup(let reason)):
            return .failure(TLSObservationProblem(message: reason))
        case .failure(.refused): main = nil  // perhaps only an old version: the probes tell
        }

        var versions: [String: Bool] = [:]
        var highest: TLSHandshake?
        for version in TLSVersion.allCases {
            if deadline <= clock.now {
                return .failure(
                    TLSObservationProblem(
                        message: "timed out after \(shownTimeout) before probing TLS "
                            + version.rawValue))
            }
            switch await probe.handshake(version: version, timeout: remaining()) {
            case .success(let handshake):
                versions[version.rawValue] = true
                highest = handshake
            case .failure(.refused):
                versions[version.rawValue] = false
            case .failure(.timedOut):
                return .failure(
                    TLSObservationProblem(
                        message: "timed out after \(shownTimeout) probing TLS \(version.rawValue)"
                    ))
            case .failure(.unreachable(let reason)), .failure(.setup(let reason)):
                return .failure(
                    TLSObservationProblem(
                        message: "probing TLS \(version.rawValue) failed: \(reason)"))
            }
        }
        guard let seen = main ?? highest else {
            return .failure(
                TLSObservationProblem(message: "no TLS handshake succeeded with any version"))
        }
        return .success(
            TLSObservation(
                observedAt: Timestamp.format(started), host: probe.host, port: probe.port,
                serverName: probe.serverName,
                negotiatedProtocol: seen.protocolName, cipher: seen.cipher, versions: versions,
                trust: trust, hostnameChecked: probe.checkHostname && !probe.serverName.isEmpty,
                verifyError: seen.verifyError,
                certificate: seen.certificate.map {
                    Certificate(
                        subject: $0.subject, issuer: $0.issuer,
                        notBefore: Timestamp.format($0.notBefore),
                        notAfter: Timestamp.format($0.notAfter), sha256: $0.sha256,
                        chainLength: $0.chainLength)
                }))
    }
}

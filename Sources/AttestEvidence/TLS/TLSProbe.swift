import AttestSystem
import CAttestTLS
import Foundation

/// A TLS protocol version the tls collector can pin and report.
enum TLSVersion: String, CaseIterable, Comparable, Sendable, Codable {
    case tls10 = "1.0"
    case tls11 = "1.1"
    case tls12 = "1.2"
    case tls13 = "1.3"

    /// The shim's constant for this version.
    var pinned: Int32 {
        switch self {
        case .tls10: Int32(ATTEST_TLS_1_0.rawValue)
        case .tls11: Int32(ATTEST_TLS_1_1.rawValue)
        case .tls12: Int32(ATTEST_TLS_1_2.rawValue)
        case .tls13: Int32(ATTEST_TLS_1_3.rawValue)
        }
    }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One completed TLS handshake, as the system OpenSSL saw it.
struct TLSHandshake: Sendable {
    var protocolName: String
    var cipher: String
    /// nil when the chain verified and the name matched; else OpenSSL's reason.
    var verifyError: String?
    var certificate: Certificate?

    /// The leaf certificate the server presented.
    struct Certificate: Sendable {
        var subject: String
        var issuer: String
        var notBefore: Date
        var notAfter: Date
        /// Lower-case hex SHA-256 of the leaf's DER encoding.
        var sha256: String
        var chainLength: Int
    }
}

/// Why a probe did not complete a handshake.
enum TLSProbeFailure: Error, Sendable {
    /// No connection at all: unresolvable name, refused, unreachable.
    case unreachable(String)
    /// The deadline passed (connecting, resolving or during the handshake).
    case timedOut
    /// Connected, but no TLS handshake with these settings (no common version, an alert).
    case refused(String)
    /// The probe could not be set up (unusable trust anchors).
    case setup(String)
}

/// One handshake with the system OpenSSL through the `CAttestTLS` shim, bounded in time.
///
/// The shim bounds connecting and the handshake itself with non-blocking sockets and `poll`;
/// only name resolution (`getaddrinfo`) has no timeout, so the blocking call runs on a thread
/// of its own and the caller stops waiting at the deadline whatever happens there.
struct TLSProbe: Sendable {
    var host: String
    var port: Int
    /// SNI and the name the certificate must carry; empty: none.
    var serverName: String
    var checkHostname: Bool
    /// PEM trust anchors replacing the system store; nil: the system store.
    var trustAnchors: Data?
    /// The largest certificate chain accepted, in bytes: a hostile server cannot make the
    /// probe hold more.
    static let maxChainBytes = 100 * 1024

    /// Runs one handshake, pinned to `version` when given (then at security level 0, so an old
    /// protocol is detected rather than refused by this side).
    func handshake(
        version: TLSVersion?, timeout: Duration
    ) async -> Result<TLSHandshake, TLSProbeFailure> {
        let milliseconds = max(
            1,
            Int32(
                clamping: timeout.components.seconds * 1000
                    + timeout.components.attoseconds / 1_000_000_000_000_000))
        let probe = self
        let outcome = await withDeadline(timeout + .seconds(1)) {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(
                        returning: probe.run(version: version, milliseconds: milliseconds))
                }
            }
        }
        return outcome ?? .failure(.timedOut)
    }

    /// The blocking call into the shim.
    private func run(
        version: TLSVersion?, milliseconds: Int32
    ) -> Result<
        TLSHandshake, TLSProbeFailure
    > {
        var result = attest_tls_result()
        let anchors = trustAnchors ?? Data()
        host.withCString { hostText in
            serverName.withCString { nameText in
                anchors.withUnsafeBytes { pem in
                    var request = attest_tls_request()
                    request.host = hostText
                    request.port = Int32(port)
                    request.server_name = nameText
                    request.min_version = version?.pinned ?? 0
                    request.max_version = version?.pinned ?? 0
                    request.legacy = version == nil ? 0 : 1
                    request.timeout_ms = milliseconds
                    request.ca_pem =
                        trustAnchors == nil
                        ? nil : pem.baseAddress?.assumingMemoryBound(to: CChar.self)
                    request.ca_pem_length = trustAnchors == nil ? 0 : pem.count
                    request.check_hostname = checkHostname ? 1 : 0
                    request.max_chain_bytes = Self.maxChainBytes
                    attest_tls_probe(&request, &result)
                }
            }
        }
        let error = Self.text(&result.error)
        switch Int(result.outcome) {
        case Int(ATTEST_TLS_HANDSHAKE.rawValue): break
        case Int(ATTEST_TLS_TIMED_OUT.rawValue): return .failure(.timedOut)
        case Int(ATTEST_TLS_HANDSHAKE_FAILED.rawValue): return .failure(.refused(error))
        case Int(ATTEST_TLS_SETUP_FAILED.rawValue): return .failure(.setup(error))
        default: return .failure(.unreachable(error))
        }
        var certificate: TLSHandshake.Certificate?
        if result.has_certificate != 0 {
            let fingerprint = withUnsafeBytes(of: &result.fingerprint) { Data($0) }
            certificate = TLSHandshake.Certificate(
                subject: Self.text(&result.subject), issuer: Self.text(&result.issuer),
                notBefore: Date(timeIntervalSince1970: TimeInterval(result.not_before)),
                notAfter: Date(timeIntervalSince1970: TimeInterval(result.not_after)),
                sha256: Hex.encode(fingerprint),
                chainLength: Int(result.chain_length))
        }
        return .success(
            TLSHandshake(
                protocolName: Self.text(&result.protocol), cipher: Self.text(&result.cipher),
                verifyError: result.verify_code == 0 ? nil : Self.text(&result.verify_error),
                certificate: certificate))
    }

    /// A NUL-terminated C array field as a Swift string (invalid UTF-8 repaired).
    private static func text<T>(_ field: inout T) -> String {
        withUnsafeBytes(of: &field) { bytes in
            let prefix = bytes.prefix { $0 != 0 }
            return String(decoding: prefix, as: UTF8.self)
        }
    }
}

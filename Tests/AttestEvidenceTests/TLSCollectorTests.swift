import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// Every test starts its own `openssl s_server` on 127.0.0.1 with certificates it makes, and
/// stops it.
@Suite(.serialized) struct TLSCollectorTests {
    let collector = TLSCollector()

    /// A workspace with a test CA in `certs/`.
    static func workspace() throws -> (TemporaryWorkspace, TestCertificates) {
        let workspace = try TemporaryWorkspace()
        let certificates = try TestCertificates(in: workspace.root.appendingPathComponent("certs"))
        return (workspace, certificates)
    }

    /// Collects with `options` (YAML) against 127.0.0.1:`port`, checking the name `localhost`.
    ///
    /// The default budget is generous: six handshakes on a machine busy with the whole suite
    /// (and with other builds: one fresh-clone CI run took 36 s at a load average of 9) can
    /// take tens of seconds; the timeout itself is tested with small explicit values below.
    func collect(
        port: Int, _ options: String = "ca_file: certs/ca.pem", in workspace: TemporaryWorkspace,
        timeout: Duration = .seconds(120), now: Date = Date(),
        recorder: ObservationRecorder? = nil
    ) async -> EvidenceResult {
        let spec = Kit.spec(
            .tls,
            options: "host: 127.0.0.1\nport: \(port)\nserver_name: localhost\n" + options)
        return await collector.collect(
            spec,
            context: CollectionContext(
                workspaceRoot: workspace.root, now: now, timeout: timeout, recorder: recorder))
    }

    @Test func invalidOptionsAreReportedAtTheirLine() {
        let spec = Kit.spec(
            .tls,
            options: "port: 70000\nmin_version: \"1.4\"\nca_file: ../ca.pem\n"
                + "fingerprint: abc\ncheck_hostname: maybe")
        #expect(
            Kit.codes(collector.validate(spec).sorted()) == [
                "evidence.missing-option 1:1", "evidence.invalid-option 1:7",
                "evidence.invalid-option 2:14", "evidence.unsafe-path 3:10",
                "evidence.invalid-option 4:14", "evidence.invalid-option 5:17",
            ])
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func aServerAcceptingOnlyTLS13PassesMinVersion13() async throws {
        let (workspace, certificates) = try Self.workspace()
        let leaf = try certificates.leaf("leaf")
        let server = try LocalTLSServer(
            certificate: leaf.certificate, key: leaf.key, options: ["-tls1_3"])
        defer { server.stop() }
        let before = Date().addingTimeInterval(-1)
        let result = await collect(
            port: server.port, "ca_file: certs/ca.pem\nmin_version: \"1.3\"", in: workspace)
        #expect(result.status == .pass, "\(result.message)")
        #expect(result.message.hasPrefix("TLSv1.3 TLS_"))
        #expect(result.message.contains("accepts 1.3;"))
        #expect(result.target == "127.0.0.1:\(server.port)")
        #expect(result.dateSource == .live)
        #expect(result.observedAt >= before && result.observedAt <= Date())
        #expect(result.sha256.map(ContentHash.isSHA256Hex) == true)
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func aTLS12ServerFailsMinVersion13AndTheMessageNamesTheVersion() async throws {
        let (workspace, certificates) = try Self.workspace()
        let leaf = try certificates.leaf("leaf")
        let server = try LocalTLSServer(
            certificate: leaf.certificate, key: leaf.key, options: ["-tls1_2"])
        defer { server.stop() }
        let result = await collect(
            port: server.port, "ca_file: certs/ca.pem\nmin_version: \"1.3\"", in: workspace)
        #expect(result.status == .fail)
        #expect(result.message.hasPrefix("accepts TLS 1.2 (min_version 1.3) (TLSv1.2 "))
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func aServerAlsoAcceptingTLS10And11IsReported() async throws {
        let (workspace, certificates) = try Self.workspace()
        let leaf = try certificates.leaf("leaf")
        let server = try LocalTLSServer(
            certificate: leaf.certificate, key: leaf.key,
            options: ["-cipher", "DEFAULT@SECLEVEL=0", "-min_protocol", "TLSv1"])
        defer { server.stop() }
        let result = await collect(port: server.port, in: workspace)
        #expect(result.status == .fail)
        #expect(result.message.hasPrefix("accepts TLS 1.0, 1.1 (min_version 1.2) (TLSv1.3 "))
        #expect(result.message.contains("accepts 1.0, 1.1, 1.2, 1.3;"))
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func anExpiredCertificateFails() async throws {
        let (workspace, certificates) = try Self.workspace()
        let leaf = try certificates.leaf(
            "leaf", notBefore: Date().addingTimeInterval(-60 * 86_400),
            notAfter: Date(timeIntervalSince1970: 1_767_225_600))  // 2026-01-01
        let server = try LocalTLSServer(certificate: leaf.certificate, key: leaf.key)
        defer { server.stop() }
        let result = await collect(port: server.port, in: workspace)
        #expect(result.status == .fail)
        #expect(result.message.hasPrefix("certificate expired on 2026-01-01 ("))
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func aCertificateForAnotherHostNameFails() async throws {
        let (workspace, certificates) = try Self.workspace()
        let leaf = try certificates.leaf("leaf", names: ["other.example"])
        let server = try LocalTLSServer(certificate: leaf.certificate, key: leaf.key)
        defer { server.stop() }
        let result = await collect(port: server.port, in: workspace)
        #expect(result.status == .fail)
        #expect(result.message.hasPrefix("certificate not trusted: hostname mismatch ("))
        // The same server passes when the name it was issued for is the one checked.
        let spec = Kit.spec(
            .tls,
            options: "host: 127.0.0.1\nport: \(server.port)\nserver_name: other.example\n"
                + "ca_file: certs/ca.pem")
        let named = await collector.collect(
            spec, context: CollectionContext(workspaceRoot: workspace.root, now: Date()))
        #expect(named.status == .pass, "\(named.message)")
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func aSelfSignedCertificatePassesWithItAsCAFileAndFailsAgainstTheSystemStore() async throws {
        let (workspace, certificates) = try Self.workspace()
        let leaf = try certificates.leaf("self", selfSigned: true)
        let server = try LocalTLSServer(certificate: leaf.certificate, key: leaf.key)
        defer { server.stop() }
        let trusted = await collect(port: server.port, "ca_file: certs/self.pem", in: workspace)
        #expect(trusted.status == .pass, "\(trusted.message)")
        let untrusted = await collect(port: server.port, "", in: workspace)
        #expect(untrusted.status == .fail)
        #expect(untrusted.message.hasPrefix("certificate not trusted: self-signed certificate ("))
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func minDaysToExpiryFailsACertificateExpiringSooner() async throws {
        let (workspace, certificates) = try Self.workspace()
        let leaf = try certificates.leaf(
            "leaf", notAfter: Date().addingTimeInterval(10 * 86_400 + 3_600))
        let server = try LocalTLSServer(certificate: leaf.certificate, key: leaf.key)
        defer { server.stop() }
        let soon = await collect(
            port: server.port, "ca_file: certs/ca.pem\nmin_days_to_expiry: 30", in: workspace)
        #expect(soon.status == .fail)
        #expect(soon.message.hasPrefix("certificate expires in 10 days (min_days_to_expiry 30) ("))
        let enough = await collect(
            port: server.port, "ca_file: certs/ca.pem\nmin_days_to_expiry: 10", in: workspace)
        #expect(enough.status == .pass, "\(enough.message)")
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func maxCertAgeFailsALeafIssuedLongerAgo() async throws {
        let (workspace, certificates) = try Self.workspace()
        let leaf = try certificates.leaf(
            "leaf", notBefore: Date().addingTimeInterval(-100 * 86_400 - 3_600))
        let server = try LocalTLSServer(certificate: leaf.certificate, key: leaf.key)
        defer { server.stop() }
        let result = await collect(
            port: server.port, "ca_file: certs/ca.pem\nmax_cert_age: 90d", in: workspace)
        #expect(result.status == .fail)
        #expect(result.message.hasPrefix("certificate issued 100 days ago (max_cert_age 90d) ("))
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func aClosedPortIsAnErrorWithinTheTimeout() async throws {
        let (workspace, _) = try Self.workspace()
        let port = try freePort()
        let started = ContinuousClock.now
        let result = await collect(port: port, in: workspace, timeout: .seconds(3))
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(result.status == .error)
        #expect(result.message == "cannot connect: Connection refused")
        #expect(result.target == "127.0.0.1:\(port)")
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func aServerThatNeverAnswersIsAnErrorWithinTheTimeout() async throws {
        let (workspace, _) = try Self.workspace()
        let listener = try SilentListener()
        defer { listener.stop() }
        let started = ContinuousClock.now
        let result = await collect(port: listener.port, in: workspace, timeout: .seconds(1))
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(result.status == .error)
        #expect(result.message == "timed out after 1s")
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func aRecordingIsReadBackWithItsRealDateAndLiveSource() async throws {
        let (workspace, certificates) = try Self.workspace()
        let leaf = try certificates.leaf("leaf")
        let server = try LocalTLSServer(
            certificate: leaf.certificate, key: leaf.key, options: ["-tls1_3"])
        let saved = Saved()
        let options = "ca_file: certs/ca.pem\nmin_version: \"1.3\"\nrecording: recordings/tls.json"
        let live = await collect(
            port: server.port, options, in: workspace, recorder: { saved.add($0, $1) })
        server.stop()
        #expect(live.status == .pass, "\(live.message)")
        let recorded = try #require(saved.last)
        #expect(recorded.0 == "test-evidence")
        _ = try workspace.write("recordings/tls.json", recorded.1)

        // The server is gone; a build a week later judges the recording.
        let later = live.observedAt.addingTimeInterval(7 * 86_400)
        let replayed = await collect(port: server.port, options, in: workspace, now: later)
        #expect(replayed.status == .pass, "\(replayed.message)")
        #expect(replayed.observedAt == live.observedAt)
        #expect(replayed.dateSource == .live)
        #expect(replayed.sha256 == live.sha256)
        #expect(
            replayed.message.hasPrefix("recorded \(Timestamp.format(live.observedAt)): TLSv1.3"))
        #expect(replayed.artifacts.map(\.path) == ["recordings/tls.json"])
    }

    @Test(.enabled(if: LocalService.available("openssl")))
    func aTamperedRecordingIsAnError() async throws {
        let (workspace, certificates) = try Self.workspace()
        let leaf = try certificates.leaf("leaf")
        let server = try LocalTLSServer(
            certificate: leaf.certificate, key: leaf.key, options: ["-tls1_2"])
        let saved = Saved()
        let options = "ca_file: certs/ca.pem\nrecording: recordings/tls.json"
        let live = await collect(
            port: server.port, options, in: workspace, recorder: { saved.add($0, $1) })
        server.stop()
        #expect(live.status == .pass, "\(live.message)")
        let recorded = try #require(saved.last)
        let text = String(decoding: recorded.1, as: UTF8.self)
        #expect(text.contains("\"protocol\" : \"TLSv1.2\""))
        _ = try workspace.write(
            "recordings/tls.json",
            text.replacingOccurrences(
                of: "\"protocol\" : \"TLSv1.2\"", with: "\"protocol\" : \"TLSv1.3\""))
        let replayed = await collect(port: server.port, options, in: workspace)
        #expect(replayed.status == .error)
        #expect(replayed.message.hasPrefix("recordings/tls.json: tampered recording: "))
    }
}

/// Recordings handed to a test's recorder.
final class Saved: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(EvidenceID, Data)] = []

    func add(_ evidence: EvidenceID, _ data: Data) {
        lock.withLock { entries.append((evidence, data)) }
    }

    var last: (EvidenceID, Data)? { lock.withLock { entries.last } }
}

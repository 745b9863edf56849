import AttestCore
import AttestSystem
import Foundation

/// Observes a live TLS endpoint, or judges a recorded observation of it.
///
/// Connects to `host:port` with the system OpenSSL: one handshake as a default client would
/// (the negotiated protocol and cipher, the chain verified against the system trust store or
/// `ca_file:`, the host name checked), then one handshake pinned to each of TLS 1.0, 1.1, 1.2
/// and 1.3 to learn which the server accepts. The observation is judged against the options:
/// a trusted chain, no accepted version below `min_version` (1.2 unless set) or above
/// `max_version`, at least `min_days_to_expiry` days left, a leaf issued no longer ago than
/// `max_cert_age`, the leaf's fingerprint when pinned. A server that cannot be reached or
/// never answers is an `error`, within `timeout`.
public struct TLSCollector: Collector {
    public let kind = CollectorKind.tls

    public init() {}

    struct Settings {
        var host: String
        var port: Int
        var serverName: String
        var timeout: Duration?
        var minVersion: TLSVersion
        var maxVersion: TLSVersion?
        var minDaysToExpiry: Int?
        var maxCertAge: TimeSpan?
        var caFile: WorkspacePath?
        var checkHostname: Bool
        var fingerprint: String?
        var recording: WorkspacePath?
    }

    static let options: Set<String> = [
        "host", "port", "server_name", "timeout", "min_version", "max_version",
        "min_days_to_expiry", "max_cert_age", "ca_file", "check_hostname", "fingerprint",
        "recording",
    ]

    static func read(_ spec: EvidenceSpec) -> (Settings?, [Diagnostic]) {
        var reader = OptionReader(spec, allowed: options)
        reader.unusedPath()
        let host = reader.string("host", required: true)
        if let host, host.contains("/") || host.contains(" ") || host.utf8.count > 253 {
            reader.invalid("host", "must be a host name or an IP address", spec.options["host"])
        }
        let port = reader.integer("port", in: 1...65535) ?? 443
        let serverName = reader.string("server_name")
        let timeout = reader.timeSpan("timeout").map { Duration.seconds($0.seconds) }
        let versions = TLSVersion.allCases.map(\.rawValue)
        let minVersion = reader.choice("min_version", versions).flatMap(TLSVersion.init)
        let maxVersion = reader.choice("max_version", versions).flatMap(TLSVersion.init)
        if let minVersion, let maxVersion, maxVersion < minVersion {
            reader.invalid(
                "max_version", "must not be below min_version", spec.options["max_version"])
        }
        let minDays = reader.integer("min_days_to_expiry", in: 0...3650)
        let maxCertAge = reader.timeSpan("max_cert_age")
        let caFile = reader.string("ca_file").flatMap {
            reader.safePath(
                $0, label: "ca_file", at: spec.options["ca_file"]?.position ?? spec.position)
        }
        var checkHostname = true
        if let value = reader.value("check_hostname", required: false, shape: "true or false") {
            if case .bool(let flag) = value.resolvedScalar {
                checkHostname = flag
            } else {
                reader.invalid("check_hostname", "must be true or false", value)
            }
        }
        var fingerprint = reader.string("fingerprint")?.lowercased().replacingOccurrences(
            of: ":", with: "")
        if let text = fingerprint, !ContentHash.isSHA256Hex(text) {
            reader.invalid(
                "fingerprint", "must be a SHA-256 in hex (64 digits, colons allowed)",
                spec.options["fingerprint"])
            fingerprint = nil
        }
        let recording = reader.string("recording").flatMap {
            reader.safePath(
                $0, label: "recording", at: spec.options["recording"]?.position ?? spec.position)
        }
        guard reader.isValid, let host else { return (nil, reader.diagnostics) }
        return (
            Settings(
                host: host, port: port, serverName: serverName ?? host, timeout: timeout,
                minVersion: minVersion ?? .tls12, maxVersion: maxVersion,
                minDaysToExpiry: minDays, maxCertAge: maxCertAge, caFile: caFile,
                checkHostname: checkHostname, fingerprint: fingerprint, recording: recording),
            reader.diagnostics
        )
    }

    public func validate(_ spec: EvidenceSpec) -> [Diagnostic] { Self.read(spec).1 }

    public func namedFiles(
        _ spec: EvidenceSpec
    ) -> [(path: WorkspacePath, position: SourcePosition)] {
        ["ca_file", "recording"].compactMap { key in
            guard let text = spec.options[key]?.scalar, let path = try? WorkspacePath(text)
            else { return nil }
            return (path, spec.options[key]?.position ?? spec.position)
        }
    }

    public func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        let (settings, diagnostics) = Self.read(spec)
        guard let settings else { return .invalidOptions(spec, diagnostics, now: context.now) }
        let target = TLSObservation.target(host: settings.host, port: settings.port)
        var trust = "system"
        var anchors: Data?
        if let caFile = settings.caFile {
            switch ArtifactFile.read(caFile, in: context.workspaceRoot, limit: 1 << 20) {
            case .success(let file):
                anchors = file.data
                trust = "ca_file \(caFile.relative) sha256:\(file.sha256)"
            case .failure(let problem):
                var result = problem.result(spec, now: context.now)
                result.target = target
                return result
            }
        }
        if let recording = settings.recording, context.recorder == nil {
            return replay(recording, spec, settings, trust: trust, context: context)
        }
        let probe = TLSProbe(
            host: settings.host, port: settings.port, serverName: settings.serverName,
            checkHostname: settings.checkHostname, trustAnchors: anchors)
        let timeout = settings.timeout ?? context.timeout
        switch await TLSObservation.observe(probe, trust: trust, timeout: timeout) {
        case .failure(let problem):
            return result(spec, .error, at: context.now, target: target, problem.message)
        case .success(let observation):
            context.recorder?(
                spec.id, Recording<TLSObservation>(observation, spec: spec).fileContents)
            return judged(observation, spec, settings, now: context.now, prefix: "")
        }
    }

    /// Judges the recording at `path` instead of connecting.
    private func replay(
        _ path: WorkspacePath, _ spec: EvidenceSpec, _ settings: Settings, trust: String,
        context: CollectionContext
    ) -> EvidenceResult {
        let target = TLSObservation.target(host: settings.host, port: settings.port)
        let replay: RecordingReplay<TLSObservation>
        switch RecordingReplay<TLSObservation>.read(
            path, for: spec, in: context.workspaceRoot, now: context.now)
        {
        case .success(let read): replay = read
        case .failure(.file(let problem)):
            var result = problem.result(spec, now: context.now)
            result.target = target
            return result
        case .failure(.untrusted(let message, let artifact)):
            return result(
                spec, .error, at: context.now, target: target, "\(path): \(message)",
                artifacts: [artifact])
        }
        let file = replay.file
        let observation = replay.recording.observation
        var mismatches = replay.mismatches
        if observation.target != target {
            mismatches.append("observed \(observation.target), not \(target)")
        }
        if observation.serverName != settings.serverName {
            mismatches.append("used server name '\(observation.serverName)'")
        }
        if observation.trust != trust {
            mismatches.append("was verified against \(observation.trust), not \(trust)")
        }
        if observation.hostnameChecked != (settings.checkHostname && !settings.serverName.isEmpty) {
            mismatches.append("checked the host name differently")
        }
        guard mismatches.isEmpty else {
            return result(
                spec, .error, at: context.now, target: target,
                "\(path): the recording " + mismatches.joined(separator: "; "),
                artifacts: [file.artifact])
        }
        var judgedResult = judged(
            observation, spec, settings, now: context.now,
            prefix: "recorded \(observation.observedAt): ")
        judgedResult.artifacts = [file.artifact]
        return judgedResult
    }

    /// The verdict on an observation, dated when it was made.
    private func judged(
        _ observation: TLSObservation, _ spec: EvidenceSpec, _ settings: Settings, now: Date,
        prefix: String
    ) -> EvidenceResult {
        let failures = Self.failures(of: observation, settings, now: now)
        let summary = Self.summary(of: observation, now: now)
        let message =
            failures.isEmpty
            ? "\(prefix)\(summary)" : "\(prefix)\(failures.joined(separator: "; ")) (\(summary))"
        var judgedResult = result(
            spec, failures.isEmpty ? .pass : .fail, at: observation.observedDate ?? now,
            target: observation.target, message,
            sha256: ContentHash.sha256(observation.canonicalJSON))
        judgedResult.dateSource = .live
        return judgedResult
    }

    /// What is wrong with `observation` under `settings`, judged at `now` (for a recording, the
    /// time of the build: a certificate that has expired since it was recorded has expired).
    static func failures(
        of observation: TLSObservation, _ settings: Settings, now: Date
    ) -> [String] {
        var failures: [String] = []
        let accepted = observation.acceptedVersions
        let below = accepted.filter { $0 < settings.minVersion }
        if !below.isEmpty {
            failures.append(
                "accepts TLS \(below.map(\.rawValue).joined(separator: ", ")) "
                    + "(min_version \(settings.minVersion.rawValue))")
        }
        if let maxVersion = settings.maxVersion {
            let above = accepted.filter { $0 > maxVersion }
            if !above.isEmpty {
                failures.append(
                    "accepts TLS \(above.map(\.rawValue).joined(separator: ", ")) "
                        + "(max_version \(maxVersion.rawValue))")
            }
        }
        guard let certificate = observation.certificate,
            let notBefore = Timestamp.instant(certificate.notBefore, zoneRequired: true),
            let notAfter = Timestamp.instant(certificate.notAfter, zoneRequired: true)
        else {
            return failures + ["no certificate presented"]
        }
        let expired = notAfter <= now
        if expired {
            failures.append("certificate expired on \(Timestamp.formatDay(notAfter))")
        }
        if notBefore > now {
            failures.append("certificate not valid before \(Timestamp.formatDay(notBefore))")
        }
        if let reason = observation.verifyError,
            !(expired && reason == "certificate has expired")
        {
            failures.append("certificate not trusted: \(reason)")
        }
        if let minDays = settings.minDaysToExpiry, !expired {
            let days = Self.days(from: now, to: notAfter)
            if days < minDays {
                failures.append(
                    "certificate expires in \(days) day\(days == 1 ? "" : "s") "
                        + "(min_days_to_expiry \(minDays))")
            }
        }
        if let maxAge = settings.maxCertAge,
            now.timeIntervalSince(notBefore) > TimeInterval(maxAge.seconds)
        {
            let age = Self.days(from: notBefore, to: now)
            failures.append(
                "certificate issued \(age) day\(age == 1 ? "" : "s") ago "
                    + "(max_cert_age \(maxAge))")
        }
        if let pinned = settings.fingerprint, pinned != certificate.sha256 {
            failures.append(
                "leaf fingerprint is \(certificate.sha256.prefix(16))…, "
                    + "expected \(pinned.prefix(16))…")
        }
        return failures
    }

    /// `TLSv1.3 TLS_AES_256_GCM_SHA384; accepts 1.2, 1.3; expires 2027-03-01 (86 days)`.
    static func summary(of observation: TLSObservation, now: Date) -> String {
        let accepted = observation.acceptedVersions.map(\.rawValue).joined(separator: ", ")
        var parts = [
            "\(observation.negotiatedProtocol) \(observation.cipher)",
            "accepts \(accepted.isEmpty ? "no pinned version" : accepted)",
        ]
        if let notAfter = observation.certificate.flatMap({
            Timestamp.instant($0.notAfter, zoneRequired: true)
        }) {
            let days = Self.days(from: now, to: notAfter)
            parts.append("expires \(Timestamp.formatDay(notAfter)) (\(days) days)")
        }
        return parts.joined(separator: "; ")
    }

    /// Whole days from `start` to `end`, rounded down (negative when `end` is earlier).
    static func days(from start: Date, to end: Date) -> Int {
        Int((end.timeIntervalSince(start) / 86_400).rounded(.down))
    }

    private func result(
        _ spec: EvidenceSpec, _ status: EvidenceStatus, at date: Date, target: String,
        _ message: String, sha256: String? = nil, artifacts: [Artifact] = []
    ) -> EvidenceResult {
        EvidenceResult(
            evidence: spec.id, control: spec.control, status: status, observedAt: date,
            target: target, sha256: sha256, message: message, artifacts: artifacts)
    }
}

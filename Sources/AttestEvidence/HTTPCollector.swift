import AttestCore
import AttestSystem
import Foundation

/// Checks a live endpoint: its status, security headers and body.
///
/// For controls that are visible from outside, such as HSTS on the public site or a status page
/// that answers. `headers:` uses the same assertion operators as `expect:`, with header names
/// matched case-insensitively; `expect:` judges a JSON body. An API that needs a token gets it
/// from the environment variable `auth.token_env` names (see `HTTPCredentials`), never from the
/// workspace, and the token never appears in a message.
///
/// With `recording:`, the evidence is judged on a response recorded by
/// `attest collect --record` (see `Recording`), dated when it was received.
public struct HTTPCollector: Collector {
    public let kind = CollectorKind.http
    private let fetcher = HTTPFetcher()
    private let redactor: SecretRedactor
    /// nil: the process's environment as it is when an item is collected.
    private let environment: [String: String]?

    /// - Parameters:
    ///   - redactor: Hides credentials written in the URL (a password, a `token=` query value)
    ///     wherever the URL is shown: the message and the artifact.
    ///   - environment: Where `auth.token_env` is looked up: the process's own environment at
    ///     the time of each request (nil), unless a test or an embedder gives another.
    public init(
        redactor: SecretRedactor = .standard,
        environment: [String: String]? = nil
    ) {
        self.redactor = redactor
        self.environment = environment
    }

    struct Settings {
        var url: URL
        var timeout: Duration?
        /// nil: any 2xx status passes.
        var status: Int?
        var headers: Assertion?
        var bodyContains: String?
        var expect: Assertion?
        var credentials: HTTPCredentials?
        var requestHeaders: [(String, String)]
        var recording: WorkspacePath?
    }

    static func read(_ spec: EvidenceSpec) -> (Settings?, [Diagnostic]) {
        var reader = OptionReader(
            spec,
            allowed: [
                "url", "timeout", "status", "headers", "body_contains", "expect", "auth",
                "request_headers", "recording",
            ])
        reader.unusedPath()
        var url: URL?
        if let text = reader.string("url", required: true) {
            url = URL(string: text)
            let scheme = url?.scheme?.lowercased()
            if url?.host == nil || (scheme != "http" && scheme != "https") {
                reader.invalid("url", "must be an absolute http or https URL", spec.options["url"])
                url = nil
            }
        }
        let timeout = reader.timeSpan("timeout").map { Duration.seconds($0.seconds) }
        let status = reader.integer("status", in: 100...599)
        let headers = reader.expectations("headers", adjust: lowerCasingKeys)
        let bodyContains = reader.string("body_contains")
        let expect = reader.expectations("expect")
        let credentials = HTTPCredentials.read(&reader)
        let requestHeaders = HTTPCredentials.requestHeaders(&reader)
        let recording = reader.string("recording").flatMap {
            reader.safePath(
                $0, label: "recording", at: spec.options["recording"]?.position ?? spec.position)
        }
        guard reader.isValid, let url else { return (nil, reader.diagnostics) }
        return (
            Settings(
                url: url, timeout: timeout, status: status, headers: headers,
                bodyContains: bodyContains, expect: expect, credentials: credentials,
                requestHeaders: requestHeaders, recording: recording),
            reader.diagnostics
        )
    }

    /// Header names are case-insensitive: `Strict-Transport-Security` is checked as
    /// `strict-transport-security`, which is how response headers are stored.
    private static func lowerCasingKeys(_ value: ConfigValue) -> ConfigValue {
        guard let entries = value.mapping else { return value }
        return ConfigValue(
            .mapping(
                entries.map {
                    ConfigEntry(
                        key: $0.key.lowercased(), keyPosition: $0.keyPosition, value: $0.value)
                }), at: value.position)
    }

    public func validate(_ spec: EvidenceSpec) -> [Diagnostic] { Self.read(spec).1 }

    public func namedFiles(
        _ spec: EvidenceSpec
    ) -> [(path: WorkspacePath, position: SourcePosition)] {
        guard let text = spec.options["recording"]?.scalar, let path = try? WorkspacePath(text)
        else { return [] }
        return [(path, spec.options["recording"]?.position ?? spec.position)]
    }

    public func collect(_ spec: EvidenceSpec, context: CollectionContext) async -> EvidenceResult {
        let (settings, diagnostics) = Self.read(spec)
        guard let settings else { return .invalidOptions(spec, diagnostics, now: context.now) }
        if let recording = settings.recording, context.recorder == nil {
            return replay(recording, spec, settings, context: context)
        }
        let timeout = settings.timeout ?? context.timeout
        var requestHeaders = settings.requestHeaders
        var token: String?
        if let credentials = settings.credentials {
            let variables = environment ?? ProcessInfo.processInfo.environment
            guard let value = variables[credentials.variable], !value.isEmpty else {
                return EvidenceResult(
                    spec, .error, observedAt: context.now,
                    "the environment variable \(credentials.variable) (auth.token_env) is not set")
            }
            token = value
            requestHeaders.append(("Authorization", "\(credentials.scheme) \(value)"))
        }
        let redactor = HTTPCredentials.Redactor(standard: self.redactor, token: token)
        let fetched = await fetcher.get(
            settings.url, timeout: timeout, maxBodyBytes: context.maxOutputBytes,
            headers: requestHeaders)
        let shownURL = redactor.redact(settings.url.absoluteString)
        let target = "GET \(shownURL)"
        let snapshot: HTTPSnapshot
        switch fetched {
        case .success(let answer): snapshot = answer
        case .failure(.timedOut):
            return EvidenceResult(
                spec, .error, observedAt: context.now, dateSource: .live, target: shownURL,
                "\(target) timed out after \(timeout.shortDescription)")
        case .failure(.transport(let message)):
            return EvidenceResult(
                spec, .error, observedAt: context.now, dateSource: .live, target: shownURL,
                "\(target) failed: \(redactor.redact(message))")
        }
        var unrecorded = ""
        if let recorder = context.recorder {
            let observation = HTTPObservation(
                snapshot, shownURL: shownURL,
                finalURL: redactor.redact(snapshot.finalURL?.absoluteString ?? shownURL),
                at: context.now)
            let file = Recording<HTTPObservation>(observation, spec: spec).fileContents
            if let token,
                observation.mentions(token) || file.contains(Data(token.utf8))
                    || snapshot.body.contains(Data(token.utf8))
            {
                unrecorded = " (not recorded: the response contains the auth token)"
            } else {
                recorder(spec.id, file)
            }
        }
        var result = verdict(
            snapshot, spec, settings, at: context.now, target: shownURL, prefix: "",
            cap: context.maxOutputBytes, redactor: redactor)
        result.message += unrecorded
        return result
    }

    /// The verdict on a response, dated `date`.
    private func verdict(
        _ snapshot: HTTPSnapshot, _ spec: EvidenceSpec, _ settings: Settings, at date: Date,
        target shownURL: String, prefix: String, cap: Int, redactor: HTTPCredentials.Redactor
    ) -> EvidenceResult {
        let hash = ContentHash.sha256(snapshot.body)
        let (status, message) = judge(snapshot, settings, cap: cap)
        let note =
            snapshot.bodyTruncated && status != .error
            ? " (body truncated at \(cap) bytes)" : ""
        return EvidenceResult(
            spec, status, observedAt: date, dateSource: .live, target: shownURL,
            "\(prefix)GET \(shownURL) → \(snapshot.status); "
                + "\(redactor.hidingToken(message))\(note)",
            sha256: hash, artifacts: [Artifact(path: shownURL, sha256: hash)])
    }

    /// Judges the recording at `path` instead of sending the request: no token is needed.
    private func replay(
        _ path: WorkspacePath, _ spec: EvidenceSpec, _ settings: Settings,
        context: CollectionContext
    ) -> EvidenceResult {
        let redactor = HTTPCredentials.Redactor(standard: self.redactor, token: nil)
        let shownURL = redactor.redact(settings.url.absoluteString)
        func failure(_ message: String, _ artifacts: [Artifact]) -> EvidenceResult {
            EvidenceResult(
                spec, .error, observedAt: context.now, target: shownURL, "\(path): \(message)",
                artifacts: artifacts)
        }
        let replay: RecordingReplay<HTTPObservation>
        switch RecordingReplay<HTTPObservation>.read(
            path, for: spec, in: context.workspaceRoot, now: context.now)
        {
        case .success(let read): replay = read
        case .failure(.file(let problem)):
            var result = problem.result(spec, now: context.now)
            result.target = shownURL
            return result
        case .failure(.untrusted(let message, let artifact)): return failure(message, [artifact])
        }
        let file = replay.file
        let observation = replay.recording.observation
        var mismatches = replay.mismatches
        if observation.url != shownURL {
            mismatches.append("observed GET \(observation.url), not GET \(shownURL)")
        }
        let observedAt = replay.observedAt
        guard let snapshot = observation.snapshot else {
            return failure("the recording's body is not base64", [file.artifact])
        }
        guard mismatches.isEmpty else {
            return failure(
                "the recording " + mismatches.joined(separator: "; "), [file.artifact])
        }
        var result = verdict(
            snapshot, spec, settings, at: observedAt, target: shownURL,
            prefix: "recorded \(observation.observedAt): ", cap: context.maxOutputBytes,
            redactor: redactor)
        result.artifacts = [file.artifact]
        return result
    }

    /// The verdict on a response. A check that needs the body cannot be decided when the body
    /// is larger than the cap (only its first `cap` bytes were kept): that is an `error`,
    /// unless another check already failed.
    private func judge(
        _ snapshot: HTTPSnapshot, _ settings: Settings, cap: Int
    ) -> (EvidenceStatus, String) {
        var failures: [String] = []
        var undecided: [String] = []
        var checks = 1
        if let expected = settings.status {
            if snapshot.status != expected {
                failures.append("status: expected \(expected), found \(snapshot.status)")
            }
        } else if !(200...299).contains(snapshot.status) {
            failures.append("status: expected 2xx, found \(snapshot.status)")
        }
        if let headers = settings.headers {
            checks += headers.fieldCount
            failures += headers.failures(of: Self.headerDocument(snapshot.headers), at: "")
        }
        if let needle = settings.bodyContains {
            checks += 1
            if !String(decoding: snapshot.body, as: UTF8.self).contains(needle) {
                if snapshot.bodyTruncated {
                    undecided.append(
                        "body: larger than the cap of \(cap) bytes and \(ValueText.quote(needle)) "
                            + "is not in its first \(cap) bytes")
                } else {
                    failures.append("body: does not contain \(ValueText.quote(needle))")
                }
            }
        }
        if let expect = settings.expect {
            checks += expect.fieldCount
            if snapshot.bodyTruncated {
                undecided.append(
                    "body: larger than the cap of \(cap) bytes; expectations not checked")
            } else {
                do {
                    let document = try JSONReader(file: "body").parse(snapshot.body)
                    failures += expect.failures(of: document, at: "")
                } catch {
                    failures.append("body: not JSON (\(error.message))")
                }
            }
        }
        guard failures.isEmpty else {
            return (.fail, ExpectationOutcome.describe(failures))
        }
        guard undecided.isEmpty else {
            return (.error, undecided.joined(separator: "; "))
        }
        return (.pass, checks == 1 ? "1 check passed" : "all \(checks) checks passed")
    }

    /// Headers as a mapping of quoted strings, so the assertion engine can judge them.
    static func headerDocument(_ headers: [String: String]) -> ConfigValue {
        let position = SourcePosition(file: "headers", line: 1, column: 1)
        return ConfigValue(
            .mapping(
                headers.sorted { $0.key < $1.key }.map {
                    ConfigEntry(
                        key: $0.key, keyPosition: position,
                        value: ConfigValue(.scalar($0.value, isQuoted: true), at: position))
                }), at: position)
    }
}

import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// `recording:` on http evidence: a response observed live by `attest collect --record`,
/// judged later with its real date. Every request goes to a server this test runs on 127.0.0.1.
@Suite struct HTTPRecordingTests {
    static let token = "rec0rding-token-value-0123456789"
    static let collector = HTTPCollector(environment: ["API_TOKEN": token])

    static func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(routes: [
            "/org": .init(
                status: 200,
                headers: [
                    ("Content-Type", "application/json"),
                    ("Strict-Transport-Security", "max-age=63072000"),
                ],
                body: Data(#"{"mfa": true, "members": 12}"#.utf8),
                requiredHeaders: [("Authorization", "Bearer \(token)")]),
            "/other": .init(
                status: 200, headers: [("Content-Type", "application/json")],
                body: Data(#"{"mfa": true, "members": 12}"#.utf8)),
        ])
    }

    /// Collects `path` of `server` with `options` (YAML) in `workspace`.
    private func collect(
        _ url: String, _ options: String, in workspace: TemporaryWorkspace, now: Date = Date(),
        recorder: ObservationRecorder? = nil
    ) async -> EvidenceResult {
        var context = Kit.context(root: workspace.root)
        context.now = now
        context.recorder = recorder
        return await Self.collector.collect(
            Kit.spec(.http, options: "url: \(url)\n" + options), context: context)
    }

    /// Records `/org` live into `recordings/http.json` and returns the live result and the file.
    private func record(
        _ server: LoopbackHTTPServer, _ options: String, in workspace: TemporaryWorkspace
    ) async throws -> (EvidenceResult, String) {
        let saved = Saved()
        let live = await collect(
            server.url("/org"), options, in: workspace, recorder: { saved.add($0, $1) })
        #expect(live.status == .pass, "\(live.message)")
        let recorded = try #require(saved.last)
        #expect(recorded.0 == "test-evidence")
        _ = try workspace.write("recordings/http.json", recorded.1)
        return (live, String(decoding: recorded.1, as: UTF8.self))
    }

    static let options = """
        auth: { token_env: API_TOKEN }
        headers: { strict-transport-security: { matches: "max-age=\\\\d+" } }
        expect: { mfa: true }
        recording: recordings/http.json
        """

    @Test func aRecordingIsJudgedLaterWithItsRealDateLiveSourceAndTheCurrentExpectations()
        async throws
    {
        let workspace = try TemporaryWorkspace()
        let server = try Self.server()
        let url = server.url("/org")
        let (live, _) = try await record(server, Self.options, in: workspace)
        server.stop()

        let later = live.observedAt.addingTimeInterval(7 * 86_400)
        let replayed = await collect(url, Self.options, in: workspace, now: later)
        #expect(replayed.status == .pass, "\(replayed.message)")
        #expect(Timestamp.format(replayed.observedAt) == Timestamp.format(live.observedAt))
        #expect(replayed.observedAt <= live.observedAt)
        #expect(replayed.dateSource == .live)
        #expect(replayed.sha256 == live.sha256)
        #expect(replayed.target == url)
        #expect(
            replayed.message
                == "recorded \(Timestamp.format(live.observedAt)): GET \(url) → 200; "
                + "all 3 checks passed")
        #expect(replayed.artifacts.map(\.path) == ["recordings/http.json"])

        // The spec's expectations now: the same recording, judged against a stricter rule.
        let stricter = Self.options.replacingOccurrences(
            of: "expect: { mfa: true }", with: #"expect: { members: { ">=": 50 } }"#)
        let judged = await collect(url, stricter, in: workspace, now: later)
        #expect(judged.status == .fail, "\(judged.message)")
        #expect(judged.message.hasPrefix("recorded \(Timestamp.format(live.observedAt)): "))
        #expect(judged.message.contains("members"))
    }

    @Test func aRecordingDatedAfterTheRunIsAnError() async throws {
        let workspace = try TemporaryWorkspace()
        let server = try Self.server()
        let url = server.url("/org")
        let (live, _) = try await record(server, Self.options, in: workspace)
        server.stop()
        let earlier = live.observedAt.addingTimeInterval(-86_400)
        let replayed = await collect(url, Self.options, in: workspace, now: earlier)
        #expect(replayed.status == .error)
        #expect(
            replayed.message
                == "recordings/http.json: the recording is dated "
                + "\(Timestamp.format(live.observedAt)), after this run")
    }

    @Test func aRecordingWhoseBodyWasEditedIsAnError() async throws {
        let workspace = try TemporaryWorkspace()
        let server = try Self.server()
        defer { server.stop() }
        let (_, text) = try await record(server, Self.options, in: workspace)
        let original = Data(#"{"mfa": true, "members": 12}"#.utf8).base64EncodedString()
        #expect(text.contains(original))
        let forged = Data(#"{"mfa": true, "members": 99}"#.utf8).base64EncodedString()
        _ = try workspace.write(
            "recordings/http.json", text.replacingOccurrences(of: original, with: forged))
        let replayed = await collect(server.url("/org"), Self.options, in: workspace)
        #expect(replayed.status == .error)
        #expect(replayed.message.hasPrefix("recordings/http.json: tampered recording: "))
    }

    @Test func aRecordingMadeForAnotherURLIsAnError() async throws {
        let workspace = try TemporaryWorkspace()
        let server = try Self.server()
        defer { server.stop() }
        _ = try await record(server, Self.options, in: workspace)
        let other = server.url("/other")
        let replayed = await collect(other, Self.options, in: workspace)
        #expect(replayed.status == .error)
        #expect(
            replayed.message
                == "recordings/http.json: the recording observed GET \(server.url("/org")), "
                + "not GET \(other)")
    }

    @Test func theTokenAppearsNowhereInTheRecording() async throws {
        let workspace = try TemporaryWorkspace()
        let server = try Self.server()
        defer { server.stop() }
        let (_, text) = try await record(server, Self.options, in: workspace)
        #expect(!text.contains(Self.token))
        #expect(!text.contains(Data(Self.token.utf8).base64EncodedString().prefix(20)))
        #expect(!text.lowercased().contains("authorization"))
        #expect(text.contains("\"collector\" : \"http\""))
    }

    @Test func aResponseEchoingTheTokenIsNotRecorded() async throws {
        let workspace = try TemporaryWorkspace()
        let server = try LoopbackHTTPServer(routes: [
            "/echo": .init(
                status: 200, headers: [("Content-Type", "application/json")],
                body: Data(#"{"seen": "\#(Self.token)"}"#.utf8))
        ])
        defer { server.stop() }
        let saved = Saved()
        let live = await collect(
            server.url("/echo"), "auth: { token_env: API_TOKEN }", in: workspace,
            recorder: { saved.add($0, $1) })
        #expect(live.status == .pass, "\(live.message)")
        #expect(saved.last == nil)
        #expect(live.message.hasSuffix("(not recorded: the response contains the auth token)"))
    }

    @Test func aHeaderEchoingATokenThatJSONEscapesIsNotRecorded() async throws {
        // `"` and `\` are written escaped in the recording's JSON, so a search for the raw
        // token in the file alone would miss it.
        let token = #"quote"and\backslash-token-0123456789"#
        let workspace = try TemporaryWorkspace()
        let server = try LoopbackHTTPServer(routes: [
            "/echo": .init(
                status: 200,
                headers: [("Content-Type", "application/json"), ("X-Echo", token)],
                body: Data(#"{"ok": true}"#.utf8))
        ])
        defer { server.stop() }
        let saved = Saved()
        var context = Kit.context(root: workspace.root)
        context.recorder = { saved.add($0, $1) }
        let live = await HTTPCollector(environment: ["API_TOKEN": token]).collect(
            Kit.spec(
                .http, options: "url: \(server.url("/echo"))\nauth: { token_env: API_TOKEN }"),
            context: context)
        #expect(live.status == .pass, "\(live.message)")
        #expect(saved.last == nil)
        #expect(live.message.hasSuffix("(not recorded: the response contains the auth token)"))
    }
}

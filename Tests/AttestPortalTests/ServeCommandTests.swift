import AttestTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `attest serve` as a user runs it: the real binary, real HTTP, a real signal.
@Suite struct ServeCommandTests {
    static let workspace = Fixtures.root.appendingPathComponent("workspaces/canary")

    /// Starts `attest serve` on a free port and waits for the line that names it.
    static func start(
        site: URL, store: URL, secret: String = TestSecret.text
    ) async throws -> (RunningAttest, Int) {
        let attest = try RunningAttest(
            [
                "serve", "--workspace", workspace.path, "--site", site.path, "--store", store.path,
                "--listen", "127.0.0.1:0",
            ],
            environment: ["ATTEST_PORTAL_SECRET": secret])
        let port = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                // Polls the output; the deadline only keeps a broken start from hanging.
                for _ in 0..<1200 {
                    let output = attest.standardOutput
                    if let range = output.range(of: "on http://127.0.0.1:") {
                        let digits = output[range.upperBound...].prefix { $0.isNumber }
                        continuation.resume(returning: Int(digits))
                        return
                    }
                    if attest.wait(upTo: .zero) != nil { break }
                    usleep(50_000)
                }
                continuation.resume(returning: nil)
            }
        }
        guard let port else {
            attest.stop()
            throw RawHTTP.Failure(
                description: "attest serve did not start: \(attest.standardError)")
        }
        return (attest, port)
    }

    @Test func serveAnswersAndStopsGracefullyOnSIGTERM() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let (attest, port) = try await Self.start(
            site: fixture.site, store: fixture.parent.appendingPathComponent("store.sqlite"))
        defer { attest.stop() }
        let health = try await RawHTTP.request("GET", "/healthz", port: port)
        #expect(health.status == 200)
        #expect(health.text == #"{"status":"ok"}"#)
        let page = try await RawHTTP.request("GET", "/en/", port: port)
        #expect(page.text.contains("EN-INDEX"))
        #expect(page.header("X-Frame-Options") == "DENY")
        attest.send(SIGTERM)
        let ending = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: attest.wait(upTo: .seconds(60)))
            }
        }
        #expect(ending == .exited(0))
        #expect(attest.standardOutput.contains("attest: stopped"))
        #expect(attest.standardError.contains("request"))
    }

    @Test func serveRefusesToStartWithoutASecret() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let output = try await AttestBinary.run(
            ["serve", "--workspace", Self.workspace.path, "--site", fixture.site.path],
            environment: ["ATTEST_PORTAL_SECRET": "short"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("ATTEST_PORTAL_SECRET"))
    }

    @Test func serveRefusesAMissingSiteFolder() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let output = try await AttestBinary.run(
            [
                "serve", "--workspace", Self.workspace.path, "--site",
                fixture.parent.appendingPathComponent("absent").path, "--store",
                fixture.parent.appendingPathComponent("store.sqlite").path,
            ],
            environment: ["ATTEST_PORTAL_SECRET": TestSecret.text])
        #expect(output.status == 2)
        #expect(output.standardError.contains("attest build"))
    }
}

import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

/// The body cap bounds what is decoded, not only what is transferred: a small compressed
/// response that inflates to hundreds of megabytes must stop at the cap.
///
/// Each bomb runs in a child process (an exit test) so that the process's peak memory is the
/// fetch's own, not that of other tests running alongside.
@Suite struct HTTPBodyCapTests {
    /// Both bombs in one child process, one after the other (one child keeps the load on a
    /// shared machine low): with a `Content-Length`, and chunked without one.
    @Test func aGzipBombStopsAtTheCapWithOrWithoutAContentLength() async {
        let outcome = await #expect(
            processExitsWith: .success, observing: [\.standardErrorContent]
        ) {
            // The child reports what went wrong on standard error, for the parent to show.
            for chunked in [false, true] {
                if let problem = await HTTPBodyCapTests.fetchBomb(chunked: chunked) {
                    FileHandle.standardError.write(Data("chunked \(chunked): \(problem)\n".utf8))
                }
            }
        }
        #expect(String(decoding: outcome?.standardErrorContent ?? [], as: UTF8.self) == "")
    }

    /// Serves about 1 MB of gzip that decodes to 160 MiB and fetches it with the default
    /// 64 KiB cap; nil when the result and the memory used are as they must be.
    static func fetchBomb(chunked: Bool) async -> String? {
        let cap = 64 * 1024
        let decoded = 160 << 20
        let server: LoopbackHTTPServer
        do {
            server = try LoopbackHTTPServer(routes: [
                "/bomb": .init(
                    status: 200,
                    headers: [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")],
                    body: GzipBomb.make(decodedBytes: decoded), chunked: chunked)
            ])
        } catch {
            return "cannot start the server: \(error)"
        }
        defer { server.stop() }
        guard let before = PeakMemory.reset() else { return "no /proc/self/status" }
        let url = server.url("/bomb")
        let result = await HTTPCollector().collect(
            Kit.spec(.http, options: "url: \(url)\nbody_contains: attest"),
            context: Kit.context(maxOutputBytes: cap))
        guard let after = PeakMemory.bytes() else { return "no /proc/self/status" }
        var problems: [String] = []
        if result.status != .error { problems.append("status \(result.status), not error") }
        let expected =
            "GET \(url) → 200; body: larger than the cap of 65536 bytes and \"attest\" is not in "
            + "its first 65536 bytes"
        if result.message != expected { problems.append("message \(result.message)") }
        // Far below the 160 MiB the bomb decodes to: the cap plus buffers, with room for the
        // allocator and the HTTP stack.
        let budget = 40 << 20
        if after - before > budget {
            problems.append("peak memory grew by \((after - before) >> 20) MiB (budget 40 MiB)")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}

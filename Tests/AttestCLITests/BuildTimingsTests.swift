import AttestCLI
import AttestTestSupport
import Foundation
import Testing

/// `--timings FILE`: the wall time of each phase, for the whole-pipeline benchmark.
@Suite struct BuildTimingsTests: InProcessCommands {
    /// The timings file as numbers by key; nil for `null`.
    func read(_ file: URL) throws -> [String: Double?] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
        let entries = try #require(object as? [String: Any])
        return entries.mapValues { ($0 as? NSNumber)?.doubleValue }
    }

    @Test func buildTimingsNameEveryPhaseAndTheirSumIsWithinTheTotal() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-timings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: Fixtures.workspace("canary"), to: folder.appendingPathComponent("ws"))
        let file = folder.appendingPathComponent("timings.json")
        let result = await run([
            "build", "--workspace", folder.appendingPathComponent("ws").path,
            "--out", folder.appendingPathComponent("out").path,
            "--store", folder.appendingPathComponent("s.sqlite").path,
            "--build-time", "2026-06-01T00:00:00Z", "--quiet", "--timings", file.path,
        ])
        #expect(result.status == 0, "\(result.err)")
        let timings = try read(file)
        let phases = ["load", "collect", "score", "store", "render"]
        #expect(Set(timings.keys) == Set(phases + ["total", "peak_rss_bytes"]))
        var sum = 0.0
        for phase in phases {
            let seconds = try #require(timings[phase] ?? nil, "\(phase) is not a number")
            #expect(seconds >= 0, "\(phase)")
            sum += seconds
        }
        let total = try #require(timings["total"] ?? nil)
        #expect(sum <= total)
        #expect(total > 0)
        #if os(Linux)
        // The high-water resident set of this test process: at least a few MiB.
        let peak = try #require(timings["peak_rss_bytes"] ?? nil)
        #expect(peak > 4 * 1_048_576)
        #endif
    }

    @Test func validateTimingsNameItsPhases() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-validate-timings-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = await run([
            "validate", "--workspace", Fixtures.workspace("valid/minimal").path,
            "--timings", file.path,
        ])
        #expect(result.status == 0, "\(result.err)")
        let timings = try read(file)
        #expect(
            Set(timings.keys) == ["load", "check", "report", "total", "peak_rss_bytes"])
        let phases = ["load", "check", "report"].compactMap { timings[$0] ?? nil }
        #expect(phases.count == 3)
        #expect(phases.reduce(0, +) <= (timings["total"] ?? nil) ?? 0)
    }

    @Test func anUnwritableTimingsFileIsAnErrorNamingIt() async {
        let file = "/nonexistent-\(UUID().uuidString)/timings.json"
        let result = await run([
            "validate", "--workspace", Fixtures.workspace("valid/minimal").path,
            "--timings", file,
        ])
        #expect(result.status == 2)
        #expect(result.err.contains("cannot write the timings to \(file)"))
    }
}

import AttestTestSupport
import Foundation
import Testing

@testable import AttestPortal

/// The canary workspace's nda and internal fields hold `CANARY` strings: none may reach a
/// visitor through the portal, whether asked for plainly or by a path leaving the site.
@Suite struct CanaryTests {
    @Test func noCanaryStringReachesAnyPublicResponse() async throws {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("portal-canary-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let reports = scratch.appendingPathComponent("reports")
        let build = try await AttestBinary.run([
            "build", "--workspace", Fixtures.root.appendingPathComponent("workspaces/canary").path,
            "--out", reports.path, "--store", scratch.appendingPathComponent("store.sqlite").path,
            "--build-time", "2026-06-01T00:00:00Z", "--period", "30d", "--quiet",
        ])
        try #require(build.status == 0, "\(build.standardError)")
        let site = reports.appendingPathComponent("site")
        // The reports beside the site do hold canaries: the test would prove nothing otherwise.
        let internalReport = reports.appendingPathComponent("audit/traceability.csv")
        #expect(try String(contentsOf: internalReport, encoding: .utf8).contains("CANARY"))
        let configuration = try SiteFixture.configuration(site: site)
        let files = try FileManager.default.subpathsOfDirectory(atPath: site.path).filter {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(
                atPath: site.appendingPathComponent($0).path, isDirectory: &isFolder)
            return !isFolder.boolValue
        }
        try #require(files.count > 5)
        let leaving = [
            "/../audit/traceability.csv", "/%2e%2e/audit/traceability.csv",
            "/en/..%2f..%2faudit/traceability.csv", "/../readiness/demo.html",
            "/..%5creadiness%5cdemo.html",
        ]
        try await RunningPortal.with(configuration) { port in
            for path in files.map({ "/" + $0 }) + ["/", "/en/", "/fr/", "/healthz"] + leaving {
                let response = try await RawHTTP.request("GET", path, port: port)
                #expect(!response.text.contains("CANARY"), "\(path)")
                if leaving.contains(path) { #expect(response.status == 404, "\(path)") }
            }
        }
    }
}

extension SiteFixture {
    /// A configuration serving `site` (a real built site) with the test labels.
    static func configuration(site: URL) throws -> PortalConfiguration {
        PortalConfiguration(
            siteFolder: site, listen: ListenAddress(host: "127.0.0.1", port: 0),
            secret: try PortalSecret(TestSecret.text),
            content: PortalContent(labels: TestLabels.portal))
    }
}

import Foundation
import Testing

@testable import AttestRender

/// A certification whose `expires_on` is before the build is shown as expired, not certified.
@Suite struct ProgramExpiryTests {
    func page(expiresOn: String) throws -> String {
        var center = SiteFixture.center()
        // The fixture is built on 2026-05-01; its first program is the HDS certification.
        center.programs = [center.programs[0]]
        center.programs[0].expiresOn = expiresOn
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-expiry-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = try OutputFolder(destination: root.appendingPathComponent("reports"))
        defer { output.discard() }
        try SiteRenderer(templates: TemplateSet(workspaceRoot: nil), labels: SiteFixture.labels)
            .render(center, into: output)
        return try String(
            contentsOf: output.staging.appendingPathComponent("site/en/index.html"),
            encoding: .utf8)
    }

    func statusLabel(in page: String) -> String? {
        guard let start = page.range(of: "<span class=\"status status-") else { return nil }
        let rest = page[start.upperBound...]
        guard let open = rest.firstIndex(of: ">"), let close = rest.range(of: "</span>") else {
            return nil
        }
        return String(rest[rest.index(after: open)..<close.lowerBound])
    }

    @Test func aCertificationPastItsExpiryIsShownExpired() throws {
        #expect(statusLabel(in: try page(expiresOn: "2026-04-30")) == "Expired")
        #expect(statusLabel(in: try page(expiresOn: "2026-05-01")) == "Certified")
    }
}

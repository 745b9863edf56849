import Foundation
import Testing

@testable import AttestRender

/// A certification shows the standing its proof supports (judged by the projection), never
/// "Certified" without one.
@Suite struct ProgramExpiryTests {
    func page(standing: String?) throws -> String {
        var center = SiteFixture.center()
        // The fixture's first program is the HDS certification.
        center.programs = [center.programs[0]]
        center.programs[0].standing = standing
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

    @Test func aCertificationIsShownWithTheStandingItsProofSupports() throws {
        #expect(statusLabel(in: try page(standing: "expired")) == "Expired")
        #expect(statusLabel(in: try page(standing: "certified")) == "Certified")
        #expect(statusLabel(in: try page(standing: "unverified")) == "Unverified")
    }

    @Test func aCertificationWithoutAStandingIsNeverShownCertified() throws {
        #expect(statusLabel(in: try page(standing: nil)) == "Unverified")
    }
}

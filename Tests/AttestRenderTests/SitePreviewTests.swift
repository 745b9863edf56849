import Foundation
import Testing

@testable import AttestRender

/// Writes the fixture site to `$SITE_PREVIEW_DIR` (for screenshots); skipped otherwise.
///
/// `SITE_PREVIEW_DIR=/tmp/site-preview swift test --filter SitePreview`, then open
/// `/tmp/site-preview/site/en/index.html`.
@Suite struct SitePreviewTests {
    static let folder = ProcessInfo.processInfo.environment["SITE_PREVIEW_DIR"]

    @Test(.enabled(if: folder != nil)) func writesTheFixtureSiteForAPreview() throws {
        let destination = URL(fileURLWithPath: try #require(Self.folder))
        let output = try OutputFolder(destination: destination)
        let renderer = SiteRenderer(
            templates: TemplateSet(workspaceRoot: nil), labels: try SiteFixture.labels)
        try renderer.render(SiteFixture.center(), into: output)
        var first = SiteFixture.center()
        first.changes = nil
        try renderer.render(first, into: output, under: "first-build")
        try renderer.render(SiteFixture.center(hostile: true), into: output, under: "hostile")
        try output.commit()
    }
}

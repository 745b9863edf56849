import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestRender

/// The readiness reports and the site of a mid-sized generated workspace, byte for byte, as
/// the renderers wrote them before they were made faster (issue 15): a faster path must write
/// the very same files.
///
/// The expected files live in `Tests/Fixtures/rendered/`; they were recorded by the earlier
/// renderers. To record them again on purpose (a deliberate change of a report), run this
/// suite with `ATTEST_RECORD_RENDERED=1` and review the diff.
@Suite struct RenderedBytesTests {
    static let fixtures = SiteFixture.repositoryRoot.appendingPathComponent(
        "Tests/Fixtures/rendered")

    /// Every file the renderers write for the workload, keyed by a path under the fixtures.
    static func rendered() throws -> [String: Data] {
        let built = ReportWorkload().build()
        let build = BuildInfo(
            id: "20260601T000000Z-0001", time: ReportWorkload.now, toolVersion: "test",
            revision: "abc123", ciURL: "https://ci.example/run/1")
        let templates = TemplateSet(workspaceRoot: nil)
        let labels = try SiteFixture.labels
        var files: [String: Data] = [:]

        // The build's readiness reports (internal, English labels) and a bundle's (NDA,
        // watermarked, no labels).
        let internalModel = ReportModel(
            graph: built.graph, scores: built.scores, ceiling: .internal, build: build,
            period: try ReportWorkload().period(built))
        let internalRenderer = ReportRenderer(
            templates: templates, labels: labels[LocalizedText.defaultLocale] ?? [:])
        let ndaModel = ReportModel(
            graph: built.graph, scores: built.scores, ceiling: .nda, build: build,
            period: try ReportWorkload().period(built))
        let ndaRenderer = ReportRenderer(
            templates: templates, watermark: "Confidential — Example | Corp <b>")
        for framework in built.frameworks {
            for (path, data) in try internalRenderer.readiness(internalModel, framework: framework)
            {
                files["internal/" + path] = data
            }
            for (path, data) in try ndaRenderer.readiness(ndaModel, framework: framework) {
                files["nda/" + path] = data
            }
        }

        // The site of the generated workspace, and of the hand-built centers with every part
        // of the page filled in (plain and hostile).
        var projected = PublicProjection(
            graph: built.graph, scores: built.scores, content: TrustCenterContent(), build: build,
            period: try ReportWorkload().period(built)
        ).project()
        projected.locales = ["en", "fr"]
        let centers = [
            ("generated", projected), ("fixture", SiteFixture.center()),
            ("hostile", SiteFixture.center(hostile: true)),
        ]
        let site = SiteRenderer(templates: templates, labels: labels)
        for (name, center) in centers {
            for file in try site.files(center) {
                files["site-\(name)/" + file.path] = file.data
            }
            files["site-\(name)/trust-center.xml"] = try TrustCenterXMLWriter.document(center)
            files["site-\(name)/trust-center.json"] = try TrustCenterJSONWriter.document(center)
        }
        return files
    }

    @Test func theReadinessReportsAndTheSiteOfAMidSizedWorkspaceKeepTheirRecordedBytes() throws {
        let rendered = try Self.rendered()
        // The site's stylesheet is the bundled one copied as is: compared with its source, not
        // recorded once per site.
        let stylesheet = try Data(
            contentsOf: SiteFixture.repositoryRoot.appendingPathComponent(
                "templates/site/style.css"))
        let copies = rendered.filter { $0.key.hasSuffix("/style.css") }
        #expect(copies.count == 3)
        for (path, data) in copies { #expect(data == stylesheet, "\(path) is not the bundled CSS") }
        let files = rendered.filter { !$0.key.hasSuffix("/style.css") }
        let manager = FileManager.default
        if ProcessInfo.processInfo.environment["ATTEST_RECORD_RENDERED"] == "1" {
            try? manager.removeItem(at: Self.fixtures)
            for (path, data) in files {
                let url = Self.fixtures.appendingPathComponent(path)
                try manager.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        }
        let recorded = try manager.subpathsOfDirectory(atPath: Self.fixtures.path).filter { path in
            var isFolder: ObjCBool = false
            let exists = manager.fileExists(
                atPath: Self.fixtures.appendingPathComponent(path).path, isDirectory: &isFolder)
            return exists && !isFolder.boolValue
        }
        #expect(Set(recorded) == Set(files.keys))
        // Enough content that a faster path cannot pass on a trivial workspace.
        #expect(files.count > 40)
        #expect(files.values.reduce(0) { $0 + $1.count } > 500_000)
        for path in files.keys.sorted() {
            let expected = try Data(contentsOf: Self.fixtures.appendingPathComponent(path))
            #expect(files[path] == expected, "\(path) differs from its recorded bytes")
        }
    }
}

import Foundation
import Testing

@testable import AttestRender

/// Checks on the shipped templates and label files themselves.
@Suite struct SiteTemplatesTests {
    static let root = SiteFixture.repositoryRoot

    static func siteTemplates() throws -> [(name: String, text: String)] {
        let folder = root.appendingPathComponent("templates/site")
        let names =
            (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        return try names.map {
            ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
    }

    static func matches(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Label keys the Swift code composes at run time (`"status_" + status`, …).
    static let composedKeys = [
        "status_certified", "status_in_progress", "status_planned", "state_passing",
        "state_attention",
        "state_failing", "state_unknown", "trend_caption", "trend_caption_one", "changes_up",
        "changes_down",
        "language_name", "band_good", "band_fair", "band_low", "summary_in_place",
        "summary_improving",
    ]

    @Test func everyTemplateAndPartialTheRendererNeedsIsShipped() throws {
        let names = Set(try Self.siteTemplates().map(\.name))
        #expect(names.contains("index.html.mustache"))
        #expect(names.contains("root.html.mustache"))
        for partial in SiteRenderer.partials {
            #expect(names.contains("partials/\(partial).mustache"), "missing partial \(partial)")
        }
    }

    @Test func tripleBracesInsertOnlySVGDrawnByAttest() throws {
        for (name, text) in try Self.siteTemplates() {
            for variable in try Self.matches(#"\{\{\{\s*([^}\s]+)\s*\}\}\}"#, in: text) {
                #expect(variable.hasSuffix("SVG"), "\(name) inserts {{{\(variable)}}} unescaped")
            }
            #expect(try Self.matches(#"\{\{(&)"#, in: text).isEmpty, "\(name) uses {{& }}")
            #expect(!text.lowercased().contains("<script"), "\(name) contains a script")
        }
    }

    @Test(arguments: ["en", "fr"])
    func everyLabelTheSiteUsesExistsInTheLocaleFile(locale: String) throws {
        let yaml = try String(
            contentsOf: Self.root.appendingPathComponent("templates/locales/\(locale).yaml"),
            encoding: .utf8)
        #expect(yaml.contains("\nschema: 1\nlabels:\n"))
        var used = Set(Self.composedKeys)
        for (_, text) in try Self.siteTemplates() {
            used.formUnion(try Self.matches(#"\{\{label\.([A-Za-z0-9_]+)\}\}"#, in: text))
        }
        for file in ["SiteContext.swift", "SiteContext+Methodology.swift"] {
            let code = try String(
                contentsOf: Self.root.appendingPathComponent("Sources/AttestRender/\(file)"),
                encoding: .utf8)
            used.formUnion(try Self.matches(#"label\(\s*"([a-z0-9_]+)"\s*[,)]"#, in: code))
        }
        used.formUnion(SiteContext.methodologyKeys)
        #expect(used.count > 60)
        for key in used.sorted() {
            #expect(yaml.contains("\n  \(key): "), "\(locale).yaml has no label '\(key)'")
        }
        let labels = try SiteLabelsFile.read(yaml)
        #expect(labels.values.allSatisfy { !$0.isEmpty })
    }

    @Test func bothLocaleFilesHaveTheSameKeys() throws {
        let labels = try SiteFixture.labels
        #expect(Set(try #require(labels["en"]).keys) == Set(try #require(labels["fr"]).keys))
    }

    @Test func stylesheetPrintsReducesMotionAndLoadsNothing() throws {
        let css = try String(
            contentsOf: Self.root.appendingPathComponent("templates/site/style.css"),
            encoding: .utf8)
        #expect(css.contains("@media print"))
        #expect(css.contains("@media (prefers-reduced-motion: reduce)"))
        #expect(css.contains(#"content: " (" attr(href) ")""#))
        #expect(!css.contains("@import"))
        #expect(!css.contains("://"))
        #expect(!css.contains("url("))
        #expect(!css.contains("@font-face"))
    }
}

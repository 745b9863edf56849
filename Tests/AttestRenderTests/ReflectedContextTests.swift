import AttestCore
import Foundation
import Mustache
import Testing

@testable import AttestRender

/// `ReflectedContext` renders what Mustache rendered from the typed value it replaces.
@Suite struct ReflectedContextTests {
    @Test(arguments: ["en", "fr"], [Visibility.internal, .public])
    func theStatementOfApplicabilityRendersTheSameFromTheReflectedPage(
        locale: String, ceiling: Visibility
    ) throws {
        let statement = try StatementOfApplicabilityTests.statement(ceiling: ceiling)
        let words = Words(
            locale: locale, labels: SiteContext.labels(for: locale, in: try SiteFixture.labels))
        let heading = SoAHeading(
            organisation: "Test <Org> & \"Sons\"", asOf: StatementOfApplicabilityTests.now,
            source: "run 7")
        let templates = TemplateSet(workspaceRoot: nil)
        let template = try templates.template("reports/soa.html.mustache")
        let library = try ReportRenderer(templates: templates).styleLibrary()
        for watermark in [nil, "Reader <r@example.com>"] as [String?] {
            let page = SoAPage(statement, heading: heading, words: words, watermark: watermark)
            let typed = template.render(page, library: library)
            let reflected = template.render(
                try #require(ReflectedContext.tree(page)), library: library)
            #expect(reflected == typed)
            #expect(typed.contains("A.5.1"))
        }
    }

    @Test func optionalsNestedValuesAndArraysKeepTheirMustacheMeaning() throws {
        struct Leaf { var name: String; var note: String? }
        struct Page { var title: String; var leaves: [Leaf]; var missing: Leaf?; var flag: Bool }
        let template = try MustacheTemplate(
            string:
                "{{title}}|{{#leaves}}{{name}}:{{note}}{{^note}}({{title}}){{/note}};{{/leaves}}"
                + "|{{#missing}}x{{/missing}}{{^missing}}none{{/missing}}|{{#flag}}on{{/flag}}")
        let page = Page(
            title: "T", leaves: [Leaf(name: "a", note: "n"), Leaf(name: "b", note: nil)],
            missing: nil, flag: true)
        let typed = template.render(page)
        #expect(typed == "T|a:n;b:(T);|none|on")
        #expect(template.render(try #require(ReflectedContext.tree(page))) == typed)
    }
}

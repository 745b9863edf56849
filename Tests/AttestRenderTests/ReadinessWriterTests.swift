import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestRender

/// The readiness reports are written without Mustache while the bundled templates are in use,
/// and through Mustache when the workspace brings its own: both give the same bytes for the
/// same templates, and a workspace's own template is still obeyed.
@Suite struct ReadinessWriterTests {
    static let paths = [
        "reports/readiness.html.mustache", "reports/readiness.md.mustache",
        "reports/report-style.mustache",
    ]

    /// The readiness files of every framework of the workload with `templates`, at both
    /// ceilings (the NDA one watermarked, as bundles write them).
    static func files(
        _ templates: TemplateSet, copiesThroughMustache: Bool = false
    ) throws -> [String: Data] {
        let workload = ReportWorkload()
        let built = workload.build()
        let build = BuildInfo(id: "b-1", time: ReportWorkload.now, toolVersion: "t")
        var files: [String: Data] = [:]
        for (ceiling, watermark) in [(Visibility.internal, nil), (.nda, "NDA | <only> *here*")] {
            let model = ReportModel(
                graph: built.graph, scores: built.scores, ceiling: ceiling, build: build,
                period: try workload.period(built))
            let reports = try ReadinessReports(
                ReportRenderer(templates: templates, watermark: watermark), model: model,
                frameworks: built.frameworks, copiesThroughMustache: copiesThroughMustache)
            for framework in built.frameworks {
                for (path, data) in try reports.files(of: framework) {
                    files["\(ceiling)/\(path)"] = data
                }
            }
        }
        return files
    }

    @Test func theDirectWritersGiveTheBytesTheBundledTemplatesRenderThroughMustache() throws {
        let bundled = TemplateSet(workspaceRoot: nil)
        // The same templates, as the workspace's own: rendered through Mustache.
        let workspace = try TemporaryWorkspace()
        for path in Self.paths {
            try workspace.write("templates/" + path, try bundled.data(path))
        }
        let overriding = TemplateSet(workspaceRoot: workspace.root)
        for path in Self.paths {
            #expect(try overriding.isOverridden(path))
            #expect(try !overriding.isChanged(path))
        }
        #expect(try !bundled.isOverridden(Self.paths[0]))

        let direct = try Self.files(bundled)
        let mustache = try Self.files(overriding, copiesThroughMustache: true)
        // A copy is not a change: the direct writers again, the same bytes.
        #expect(try Self.files(overriding) == direct)
        #expect(direct.count == mustache.count)
        #expect(direct.count > 20)
        for path in direct.keys.sorted() {
            #expect(direct[path] == mustache[path], "\(path)")
        }
    }

    @Test func aTemplateThatDiffersByOneByteIsTheWorkspaces() throws {
        let bundled = TemplateSet(workspaceRoot: nil)
        let workspace = try TemporaryWorkspace()
        var changed = try bundled.data(Self.paths[0])
        changed.append(contentsOf: Array("\n".utf8))
        try workspace.write("templates/" + Self.paths[0], changed)
        let templates = TemplateSet(workspaceRoot: workspace.root)
        #expect(try templates.isChanged(Self.paths[0]))
        #expect(try !templates.isChanged(Self.paths[1]))
        let files = try Self.files(templates)
        let html = String(
            decoding: try #require(files["internal/readiness/fw1.html"]), as: UTF8.self)
        #expect(html.hasSuffix("</html>\n\n"))
    }

    @Test func aWorkspaceReadinessTemplateIsStillRendered() throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "templates/reports/readiness.md.mustache",
            "# {{{frameworkName}}} of {{{organisation}}}\n")
        try workspace.write(
            "templates/reports/report-style.mustache", "body { color: #123456; }\n")
        let files = try Self.files(TemplateSet(workspaceRoot: workspace.root))
        let markdown = try #require(files["internal/readiness/fw1.md"])
        #expect(
            String(decoding: markdown, as: UTF8.self)
                == "# Framework 1 \\& co of Report \\<Works\\> \\& Co\n")
        let html = String(
            decoding: try #require(files["internal/readiness/fw1.html"]), as: UTF8.self)
        #expect(html.contains("<style>\nbody { color: #123456; }\n</style>"))
    }

    /// Prepared for one framework, the reports render only its rows, and give the bytes the
    /// reports prepared for every framework give; another framework's report is refused, not
    /// written without its rows.
    @Test func reportsPreparedForOneFrameworkAreTheSameAndRefuseOthers() throws {
        let workload = ReportWorkload()
        let built = workload.build()
        let model = ReportModel(
            graph: built.graph, scores: built.scores, ceiling: .internal,
            build: BuildInfo(id: "b-1", time: ReportWorkload.now, toolVersion: "t"))
        let renderer = ReportRenderer(templates: TemplateSet(workspaceRoot: nil))
        let all = try ReadinessReports(renderer, model: model, frameworks: built.frameworks)
        #expect(built.frameworks.count > 1)
        for framework in built.frameworks {
            let one = try ReadinessReports(renderer, model: model, frameworks: [framework])
            #expect(try one.files(of: framework) == all.files(of: framework))
            let other = try #require(built.frameworks.first { $0 != framework })
            #expect(
                throws: RenderError(
                    code: .unpreparedReport,
                    detail: "the readiness reports were not prepared for framework '\(other)'")
            ) {
                try one.files(of: other)
            }
        }
    }
}

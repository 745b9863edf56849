import AttestTestSupport
import Foundation
import Testing

/// `attest build` end to end with the built binary: reproducible output, no canary on the
/// public site, every section in both locales, gates, and the store under concurrency.
@Suite struct BuildEndToEndTests {
    static let buildTime = "2026-06-01T00:00:00Z"

    /// A fresh scratch folder.
    func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-e2e-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every regular file under `folder`, by relative path.
    func files(_ folder: URL) throws -> [String: Data] {
        try FolderFiles.contents(of: folder)
    }

    func build(
        _ workspace: URL, out: URL, store: URL, extra: [String] = []
    ) async throws -> AttestBinary.Output {
        try await AttestBinary.run(
            [
                "build", "--workspace", workspace.path, "--out", out.path, "--store", store.path,
                "--build-time", Self.buildTime, "--quiet",
            ] + extra)
    }

    @Test func aWorkspaceOverTheAuditRowBoundIsRefusedBeforeCollectingAndNamesTheBound()
        async throws
    {
        let folder = try scratch("row-bound")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let refused = try await build(
            Fixtures.packageRoot, out: out, store: folder.appendingPathComponent("store.sqlite"),
            extra: ["--max-audit-rows", "3"])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("over the bound of 3 rows"))
        #expect(refused.standardError.contains("--max-audit-rows"))
        #expect(refused.standardError.contains("[render.too-many-rows]"))
        // Nothing collected, nothing written, no run recorded.
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(
            !FileManager.default.fileExists(
                atPath: folder.appendingPathComponent("store.sqlite").path))
    }

    @Test func theDemoBuildsTwiceToIdenticalBytesWithEverySectionInBothLocales() async throws {
        let folder = try scratch("demo")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("store.sqlite")
        let first = try await build(
            Fixtures.packageRoot, out: folder.appendingPathComponent("one"), store: store)
        #expect(first.status == 0, "\(first.standardError)")
        let second = try await build(
            Fixtures.packageRoot, out: folder.appendingPathComponent("two"), store: store)
        #expect(second.status == 0, "\(second.standardError)")
        let one = try files(folder.appendingPathComponent("one"))
        let two = try files(folder.appendingPathComponent("two"))
        #expect(one.keys.sorted() == two.keys.sorted())
        for path in one.keys.sorted() {
            #expect(one[path] == two[path], "\(path) differs between two builds")
        }

        for required in [
            "site/index.html", "site/en/index.html", "site/fr/index.html", "site/trust-center.xml",
            "site/trust-center.json", "site/style.css", "readiness/soc2.html", "readiness/soc2.md",
            "readiness/soc2.csv", "audit/traceability.html", "audit/traceability.csv",
            "audit/evidence-index.csv", "audit/traceability/soc2/page-1.html",
            "site/badges/soc2.svg",
        ] {
            #expect(one[required] != nil, "\(required) is missing")
        }
        for locale in ["en", "fr"] {
            let page = String(decoding: one["site/\(locale)/index.html"] ?? Data(), as: UTF8.self)
            #expect(page.contains("<html lang=\"\(locale)\""))
            for section in [
                "compliance", "report-request", "infrastructure", "encryption", "ai-governance",
                "supply-chain", "identity-access", "data-integrity", "integrations",
                "incident-response", "legal", "changes",
            ] {
                #expect(
                    page.contains("id=\"\(section)\""), "\(locale): section \(section) is missing")
            }
        }
    }

    @Test func noNDAOrInternalCanaryReachesThePublicSite() async throws {
        let folder = try scratch("canary")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let result = try await build(
            Fixtures.workspace("canary"), out: out, store: folder.appendingPathComponent("s.sqlite")
        )
        #expect(result.status == 0, "\(result.standardError)")
        let site = try files(out.appendingPathComponent("site"))
        #expect(site.count >= 6)
        for (path, data) in site {
            #expect(
                !String(decoding: data, as: UTF8.self).contains("CANARY"),
                "site/\(path) leaks a canary")
            if path.hasSuffix(".html") || path.hasSuffix(".svg") || path.hasSuffix(".xml") {
                #expect(
                    !String(decoding: data, as: UTF8.self).contains("<script>alert"),
                    "site/\(path) carries raw markup")
            }
        }
        // The internal reports do carry them: the canaries are real content, only filtered.
        let readiness = String(
            decoding: try Data(contentsOf: out.appendingPathComponent("readiness/demo.html")),
            as: UTF8.self)
        #expect(readiness.contains("CANARY-INTERNAL-evidence-id"))
        // Its internal exception covers the missing evidence there, and is nowhere on the site
        // (checked above with every other canary).
        #expect(
            readiness.contains(
                "covered by exception CANARY-INTERNAL-exception-id: "
                    + "CANARY-INTERNAL-exception-response (remediation by 2026-09-30)"))
    }

    @Test func aFailedGateExitsOneButStillWritesTheOutput() async throws {
        let folder = try scratch("gate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let result = try await build(
            Fixtures.workspace("canary"), out: out,
            store: folder.appendingPathComponent("s.sqlite"),
            extra: ["--fail-under", "99.5"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("gate: demo readiness"))
        #expect(
            FileManager.default.fileExists(
                atPath: out.appendingPathComponent("site/en/index.html").path))
    }

    @Test func aBrokenTemplateFailsTheBuildAndKeepsThePreviousOutput() async throws {
        let folder = try scratch("atomic")
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = folder.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: Fixtures.workspace("canary"), to: workspace)
        let out = folder.appendingPathComponent("out")
        let store = folder.appendingPathComponent("s.sqlite")
        #expect(try await build(workspace, out: out, store: store).status == 0)
        let before = try files(out)
        // A workspace override of a partial that is not valid Mustache: the build must fail.
        let partial = workspace.appendingPathComponent("templates/site/partials/footer.mustache")
        try FileManager.default.createDirectory(
            at: partial.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{{#unclosed}} never closed".utf8).write(to: partial)
        let failed = try await build(
            workspace, out: out, store: store, extra: ["--build-time", "2026-06-02T00:00:00Z"])
        #expect(failed.status == 2)
        #expect(failed.standardError.contains("render.invalid-template"))
        #expect(try files(out) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix(".out.")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func twoConcurrentCollectsBothComplete() async throws {
        let folder = try scratch("concurrent")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("s.sqlite").path
        let workspace = Fixtures.workspace("canary").path
        let arguments = ["collect", "--workspace", workspace, "--store", store, "--quiet"]
        async let first = AttestBinary.run(arguments)
        async let second = AttestBinary.run(arguments)
        let results = [try await first.status, try await second.status]
        #expect(results == [0, 0])
        let history = try await AttestBinary.run([
            "history", "--workspace", workspace, "--store", store, "--format", "json",
        ])
        #expect(history.standardOutput.components(separatedBy: "\"run\"").count - 1 == 2)
    }
}

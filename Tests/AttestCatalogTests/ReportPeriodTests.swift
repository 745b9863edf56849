import AttestCatalog
import AttestCore
import Foundation
import Testing

/// `reports.period` in attest.yaml: read as `--period` reads it, refused at its position.
@Suite struct ReportPeriodTests {
    func load(_ manifest: String) throws -> (LoadedWorkspace, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-report-period-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try manifest.write(
            to: root.appendingPathComponent("attest.yaml"), atomically: true, encoding: .utf8)
        return (try WorkspaceLoader(builtinCatalogs: nil).load(at: root), root)
    }

    @Test(arguments: ["90d", "12w", "2026-01-01..2026-06-30"])
    func aPeriodIsKeptAsWritten(_ period: String) throws {
        let (loaded, root) = try load(
            "schema: 1\norganisation: { name: X }\nreports: { period: \"\(period)\" }\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(!loaded.diagnostics.contains { $0.severity == .error })
        #expect(loaded.workspace.manifest.reportPeriod == period)
    }

    @Test(arguments: ["2026-06-30..2026-01-01", "ninety days", "0d"])
    func aPeriodThatCannotBeReadIsAnErrorAtItsValue(_ period: String) throws {
        let (loaded, root) = try load(
            "schema: 1\norganisation: { name: X }\nreports:\n  period: \"\(period)\"\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let diagnostic = try #require(loaded.diagnostics.first { $0.severity == .error })
        #expect(diagnostic.code == .schemaInvalidValue)
        #expect(diagnostic.position?.line == 4)
        #expect(diagnostic.position?.column == 11)
        #expect(loaded.workspace.manifest.reportPeriod == nil)
    }

    @Test func anUnknownReportsKeyIsRefused() throws {
        let (loaded, root) = try load(
            "schema: 1\norganisation: { name: X }\nreports: { perod: 90d }\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(loaded.diagnostics.contains { $0.severity == .error })
    }

    @Test func withoutReportsThereIsNoPeriod() throws {
        let (loaded, root) = try load("schema: 1\norganisation: { name: X }\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(loaded.workspace.manifest.reportPeriod == nil)
    }
}

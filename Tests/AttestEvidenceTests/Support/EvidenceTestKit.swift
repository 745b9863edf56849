import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation

@testable import AttestEvidence

/// Shared fixtures and builders for the evidence tests.
enum Kit {
    /// `Tests/Fixtures/evidence`: the workspace root of fixture-based tests.
    static let fixtures = Fixtures.root.appendingPathComponent("evidence")

    /// The fixed "now" of every test: 2026-06-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    /// A UTC day, for expected observation dates.
    static func day(_ text: String) -> Date {
        guard let date = Timestamp.day(text) else { fatalError("bad test date \(text)") }
        return date
    }

    static func context(
        root: URL = fixtures, timeout: Duration = .seconds(10), maxOutputBytes: Int = 64 * 1024,
        allowList: [String] = ["PATH", "HOME", "LANG", "LC_ALL", "TZ"]
    ) -> CollectionContext {
        CollectionContext(
            workspaceRoot: root, now: now, timeout: timeout, maxOutputBytes: maxOutputBytes,
            environmentAllowList: allowList)
    }

    /// The file name positions of option diagnostics point into.
    static let controlFile = "controls/library/test.yaml"

    /// An evidence spec whose options are written as YAML, as in a control file.
    ///
    /// Positions of option values are those in `options` (line 1 = its first line).
    static func spec(
        _ collector: CollectorKind, path: String? = nil, options: String = "",
        maxAge: TimeSpan? = nil, id: String = "test-evidence"
    ) -> EvidenceSpec {
        var values: [String: ConfigValue] = [:]
        if !options.isEmpty {
            switch YAMLDocument.parse(Array(options.utf8), display: controlFile) {
            case let .success(parsed):
                for entry in parsed?.mapping ?? [] { values[entry.key] = entry.value }
            case let .failure(diagnostic):
                fatalError("bad options in a test: \(diagnostic.message) in <\(options)>")
            }
        }
        return EvidenceSpec(
            id: EvidenceID(id), control: "TST-01", collector: collector, path: path,
            maxAge: maxAge, options: values,
            position: SourcePosition(file: controlFile, line: 1, column: 1))
    }

    /// The registry with the test YAML loader.
    static let registry = CollectorRegistry(loadYAML: YAMLDocument.evidence)

    /// Code and `line:column` of each diagnostic, for compact assertions.
    static func codes(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.code) \($0.position.map { "\($0.line):\($0.column)" } ?? "-")" }
    }
}

extension TemporaryWorkspace {
    func copyFixture(_ relative: String, to destination: String? = nil) throws {
        let data = try Data(contentsOf: Kit.fixtures.appendingPathComponent(relative))
        try write(destination ?? relative, data)
    }
}

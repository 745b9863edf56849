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
            do {
                let parsed = try MiniYAML(file: controlFile).parse(options)
                for entry in parsed.mapping ?? [] { values[entry.key] = entry.value }
            } catch {
                fatalError("bad options in a test: \(error) in <\(options)>")
            }
        }
        return EvidenceSpec(
            id: EvidenceID(id), control: "TST-01", collector: collector, path: path,
            maxAge: maxAge, options: values,
            position: SourcePosition(file: controlFile, line: 1, column: 1))
    }

    /// The registry with the test YAML loader.
    static let registry = CollectorRegistry(loadYAML: MiniYAML.loader)

    /// Code and `line:column` of each diagnostic, for compact assertions.
    static func codes(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.code) \($0.position.map { "\($0.line):\($0.column)" } ?? "-")" }
    }
}

/// A folder under the temporary directory, removed when the value is released.
final class TemporaryWorkspace: @unchecked Sendable {
    let root: URL

    init() throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("attest-evidence-tests")
            .appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // Resolve /tmp links once so paths compare equal to what collectors report.
        root = base.resolvingSymlinksInPath()
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    @discardableResult
    func write(_ path: String, _ text: String, executable: Bool = false) throws -> URL {
        try write(path, Data(text.utf8), executable: executable)
    }

    @discardableResult
    func write(_ path: String, _ data: Data, executable: Bool = false) throws -> URL {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        if executable {
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        return url
    }

    func link(_ path: String, to destination: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: url.path, withDestinationPath: destination)
    }

    func setModified(_ path: String, _ date: Date) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: date], ofItemAtPath: root.appendingPathComponent(path).path)
    }

    func copyFixture(_ relative: String, to destination: String? = nil) throws {
        let data = try Data(contentsOf: Kit.fixtures.appendingPathComponent(relative))
        try write(destination ?? relative, data)
    }
}

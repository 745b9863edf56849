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
        allowList: [String] = ["PATH", "HOME", "LANG", "LC_ALL", "TZ"],
        signers: SignerKeyring = Kit.keyring
    ) -> CollectionContext {
        var context = CollectionContext(
            workspaceRoot: root, now: now, timeout: timeout, maxOutputBytes: maxOutputBytes,
            environmentAllowList: allowList)
        context.signers = signers
        return context
    }

    /// A registered signer of the tests.
    static func signer(
        _ id: String, _ name: String, role: String = "CISO", key: String,
        from: String = "2025-01-01", until: String? = nil
    ) -> Signer {
        Signer(
            id: SignerID(id), name: name, role: role, publicKey: key, validFrom: from,
            validUntil: until, position: SourcePosition(file: "attest.yaml", line: 1, column: 1),
            publicKeyPosition: SourcePosition(file: "attest.yaml", line: 2, column: 17))
    }

    /// The signers of the fixture statements, `Tests/Fixtures/evidence/keys/` (their private
    /// keys were discarded once the fixtures were signed, with Python's `cryptography`).
    static let keyring = SignerKeyring.load(
        [
            signer("jdoe", "Jane Doe", key: "keys/jdoe.pub"),
            signer("slee", "Sam Lee", role: "SRE lead", key: "keys/slee.pub"),
        ], root: fixtures)

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

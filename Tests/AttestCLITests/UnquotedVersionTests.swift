import AttestCatalog
import AttestCore
import AttestEvidence
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// `expect: { tls.min_version: 1.3 }` compares a number with what is nearly always text:
/// `validate` warns at the value and says to quote it.
@Suite struct UnquotedVersionTests {
    /// The `evidence.unquoted-version` findings of a json spec whose `expect:` is `text`.
    static func findings(_ expect: String) throws -> [Diagnostic] {
        let yaml = "id: e-1\ncollector: json\npath: x.json\nexpect: \(expect)\n"
        let value = try #require(try YAMLDocument.parse(Array(yaml.utf8), display: "c.yaml").get())
        let spec = EvidenceSpec(
            id: "e-1", control: "C-1", collector: .json, path: "x.json",
            options: ["expect": try #require(value["expect"])], position: value.position)
        return WorkspaceSession.registry(root: Fixtures.root).validate([spec]).filter {
            $0.code == .evidenceUnquotedVersion
        }
    }

    @Test(arguments: [
        ("{ tls.min_version: 1.3 }", "4:28"),
        ("{ version: 1.10 }", "4:20"),
        ("{ app: { Version: 2.0 } }", "4:27"),
        ("{ tls.min_version: { in: [1.2, 1.3] } }", "4:35"),
        ("{ api_version: { \"==\": 1.1 } }", "4:32"),
    ])
    func anUnquotedDecimalUnderAVersionKeyIsAWarningWithAHint(
        _ expect: String, _ position: String
    ) throws {
        let found = try Self.findings(expect)
        #expect(found.first?.position?.description == "c.yaml:\(position)")
        #expect(found.first?.severity == .warning)
        #expect(found.first?.hint?.contains("\"") == true)
    }

    @Test(arguments: [
        "{ tls.min_version: \"1.3\" }", "{ version: 2 }", "{ ratio: 1.10 }",
        "{ tls.min_version: { \">=\": 1.2 } }", "{ version: { exists: true } }",
        "{ version: 1.2.3 }",
    ])
    func quotedVersionsNumbersElsewhereAndNumericComparisonsAreLeftAlone(_ expect: String) throws {
        #expect(try Self.findings(expect).isEmpty)
    }
}

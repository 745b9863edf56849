import AttestCore
import AttestTestSupport
import Testing

/// A mistyped framework id is one mistake: it is reported once where it is written, with the
/// known id it most likely meant.
@Suite struct UnknownFrameworkTests {
    typealias F = GraphFactory

    static let soc2 = F.framework(
        "soc2", [F.requirement("CC6.1"), F.requirement("CC6.2"), F.requirement("CC6.3")])
    static let iso = F.framework("iso27001", [F.requirement("A.5.1")])

    static func key(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(file: "controls.yaml", line: line, column: column)
    }

    /// `satisfies: { <framework>: [CC6.1, CC6.2, CC6.3] }` written on line 5.
    static func control(_ framework: FrameworkID) -> Control {
        Control(
            id: "C-1", title: LocalizedText(english: "Access"),
            satisfies: ["CC6.1", "CC6.2", "CC6.3"].enumerated().map { index, id in
                RequirementReference(
                    RequirementKey(framework, RequirementID(id)), at: key(5, 30 + 7 * index),
                    frameworkAt: key(5, 18))
            },
            evidence: [F.evidence("e-1", control: "C-1")], position: key(3, 5))
    }

    static func unknownFrameworkFindings(_ framework: FrameworkID) -> [Diagnostic] {
        ControlGraph(
            workspace: F.workspace(frameworks: [soc2, iso], controls: [control(framework)])
        ).diagnostics.filter { $0.code == .graphUnknownFramework }
    }

    @Test func aMistypedFrameworkKeyIsReportedOnceAtTheKey() {
        let found = Self.unknownFrameworkFindings("soc-2")
        #expect(found.count == 1)
        #expect(found.first?.position == Self.key(5, 18))
        #expect(found.first?.severity == .error)
    }

    @Test(
        arguments: [
            ("soc-2", "soc2"), ("SOC2", "soc2"), ("soc3", "soc2"), ("sco2", "soc2"),
            ("iso2700", "iso27001"), ("iso-27001", "iso27001"),
        ] as [(FrameworkID, String)])
    func aNearFrameworkIdIsSuggested(_ written: FrameworkID, _ meant: String) throws {
        let hint = try #require(Self.unknownFrameworkFindings(written).first?.hint)
        #expect(hint.contains("'\(meant)'"), "\(hint)")
    }

    @Test func aFrameworkFarFromEveryKnownIdGetsNoGuess() {
        let found = Self.unknownFrameworkFindings("nist-800-53")
        #expect(found.count == 1)
        #expect(found.first?.hint == nil)
    }

    @Test func aFrameworkSelectionTypoIsSuggestedToo() throws {
        let workspace = F.workspace(
            frameworks: [Self.soc2],
            selections: [FrameworkSelection(id: "soc-2", position: Self.key(3, 14))])
        let found = ControlGraph(workspace: workspace).diagnostics.filter {
            $0.code == .graphUnknownFramework
        }
        #expect(found.count == 1)
        #expect(found.first?.hint?.contains("'soc2'") == true)
    }
}

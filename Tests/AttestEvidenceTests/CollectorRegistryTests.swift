import AttestCore
import Testing

@testable import AttestEvidence

@Suite struct CollectorRegistryTests {
    @Test func allNineBuiltInsAreRegistered() {
        #expect(Kit.registry.kinds == CollectorKind.allCases)
        for kind in CollectorKind.allCases {
            #expect(Kit.registry[kind]?.kind == kind)
        }
    }

    @Test func validationCoversEverySpecSortedByPosition() {
        var late = Kit.spec(.command, options: "command: [a]")
        late.position = SourcePosition(file: Kit.controlFile, line: 9, column: 7)
        let specs = [
            late,
            Kit.spec(.json, path: "../x.json"),
            Kit.spec(.junit, path: "junit/pytest.xml"),
        ]
        #expect(
            Kit.codes(Kit.registry.validate(specs))
                == ["evidence.unsafe-path 1:1", "evidence.invalid-option 1:10"])
    }

    @Test func aMissingCollectorIsADiagnostic() {
        let registry = CollectorRegistry(collectors: [FileCollector()])
        let diagnostics = registry.validate([Kit.spec(.sarif, path: "s.sarif")])
        #expect(Kit.codes(diagnostics) == ["evidence.unknown-collector 1:1"])
    }
}

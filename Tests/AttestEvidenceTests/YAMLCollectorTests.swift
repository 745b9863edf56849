import AttestCatalog
import AttestCore
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct YAMLCollectorTests {
    let collector = YAMLCollector(load: YAMLDocument.evidence)
    /// `sha256sum Tests/Fixtures/evidence/yaml/lb-policy.yaml`.
    static let policyHash = "3b72b1a98988998d67bf969ab607972ad26459d6a292d8672ca793ccafd63908"

    @Test func theControlLibraryExamplePasses() async {
        let spec = Kit.spec(
            .yaml, path: "yaml/lb-policy.yaml", options: #"expect: { tls.min_version: "1.3" }"#)
        let result = await collector.collect(spec, context: Kit.context())
        #expect(result.status == .pass)
        #expect(result.message == "yaml/lb-policy.yaml: 1 expectation met")
        #expect(result.sha256 == Self.policyHash)
        #expect(
            result.artifacts == [Artifact(path: "yaml/lb-policy.yaml", sha256: Self.policyHash)])
    }

    @Test func aQuotedVersionDoesNotEqualAnUnquotedOne() async {
        let spec = Kit.spec(
            .yaml, path: "yaml/unquoted-version.yaml",
            options: #"expect: { tls.min_version: "1.3" }"#)
        let result = await collector.collect(spec, context: Kit.context())
        #expect(result.status == .fail)
        #expect(
            result.message
                == #"yaml/unquoted-version.yaml: tls.min_version: expected "1.3", found 1.3"#)
    }

    @Test func listsAndOperatorsWorkOnYAML() async {
        let spec = Kit.spec(
            .yaml, path: "yaml/lb-policy.yaml",
            options: """
                expect:
                  listeners: { all: { port: { in: [80, 443] } } }
                  listeners[1].redirect: https
                  tls.ciphers: { any: { matches: "^TLS_AES_256" } }
                  tls.hsts: true
                observed_at: exported_at
                """)
        let result = await collector.collect(spec, context: Kit.context())
        #expect(result.status == .pass)
        #expect(result.message == "yaml/lb-policy.yaml: all 4 expectations met")
        #expect(result.observedAt == Kit.day("2026-05-28").addingTimeInterval(12 * 3_600))
    }

    @Test func aFailingListenerIsNamedByIndex() async {
        let spec = Kit.spec(
            .yaml, path: "yaml/lb-policy.yaml",
            options: #"expect: { "listeners[*].protocol": https }"#)
        let result = await collector.collect(spec, context: Kit.context())
        #expect(result.status == .fail)
        #expect(
            result.message
                == #"yaml/lb-policy.yaml: listeners[1].protocol: expected "https", found "http""#)
    }

    @Test func aLoaderErrorIsAnErrorResult() async {
        let result = await collector.collect(
            Kit.spec(.yaml, path: "yaml/broken.yaml", options: "expect: { a: 1 }"),
            context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message.hasPrefix("invalid YAML in yaml/broken.yaml: "))
        #expect(result.sha256?.count == 64)
    }

    @Test func aThrownDiagnosticIsShownWithItsPosition() async {
        let failing = YAMLCollector { _, _ in
            throw Diagnostic.error(
                .yamlSyntax, "mapping values are not allowed here",
                at: SourcePosition(file: "yaml/lb-policy.yaml", line: 4, column: 12))
        }
        let result = await failing.collect(
            Kit.spec(.yaml, path: "yaml/lb-policy.yaml"), context: Kit.context())
        #expect(result.status == .error)
        #expect(
            result.message
                == "invalid YAML in yaml/lb-policy.yaml: 4:12: mapping values are not allowed here")
    }

    @Test func anAbsentFileIsMissingAndNeverLoaded() async {
        let untouched = YAMLCollector { _, _ in
            Issue.record("the loader ran for an absent file")
            return ConfigValue(.scalar("", isQuoted: false), at: .start(of: "x"))
        }
        let result = await untouched.collect(
            Kit.spec(.yaml, path: "yaml/absent.yaml"), context: Kit.context())
        #expect(result.status == .missing)
    }

    @Test func badOptionsAreDiagnosed() {
        let spec = Kit.spec(
            .yaml, path: "yaml/lb-policy.yaml", options: "expect: { tls..x: 1 }\nmax: 3")
        #expect(
            Kit.codes(collector.validate(spec))
                == ["evidence.unknown-option 2:6", "evidence.invalid-expectation 1:11"])
    }
}

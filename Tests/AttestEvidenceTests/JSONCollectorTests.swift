import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestEvidence

@Suite struct JSONCollectorTests {
    let collector = JSONCollector()
    /// `sha256sum Tests/Fixtures/evidence/json/idp-policy.json`.
    static let policyHash = "9e09467de2a8974f196e14ef4d55892fdef78dfeb732d8e45d5e257c0960fd14"

    @Test func metExpectationsPass() async {
        let spec = Kit.spec(
            .json, path: "json/idp-policy.json",
            options: #"expect: { mfa.required: true, session.max_hours: { "<=": 12 } }"#)
        let result = await collector.collect(spec, context: Kit.context())
        #expect(result.status == .pass)
        #expect(result.message == "json/idp-policy.json: all 2 expectations met")
        #expect(result.sha256 == Self.policyHash)
        #expect(
            result.artifacts == [Artifact(path: "json/idp-policy.json", sha256: Self.policyHash)])
        #expect(result.observedAt == Kit.now)
        #expect(result.evidence == "test-evidence")
        #expect(result.control == "TST-01")
    }

    @Test func eachFailedExpectationIsNamed() async {
        let spec = Kit.spec(
            .json, path: "json/idp-policy.json",
            options: "expect: { mfa.required: true, session.max_hours: 8, sso.enabled: true }")
        let result = await collector.collect(spec, context: Kit.context())
        #expect(result.status == .fail)
        #expect(
            result.message
                == "json/idp-policy.json: session.max_hours: expected 8, found 12; "
                + "sso.enabled: not found"
        )
        #expect(result.sha256 == Self.policyHash)
    }

    @Test func observedAtComesFromTheDocumentWhenNamed() async {
        let spec = Kit.spec(
            .json, path: "json/idp-policy.json",
            options: "expect: { mfa.required: true }\nobserved_at: exported_at")
        let result = await collector.collect(spec, context: Kit.context())
        #expect(result.status == .pass)
        #expect(result.observedAt == Kit.day("2026-05-20").addingTimeInterval(8 * 3_600))
    }

    @Test func anObservedAtThatIsNotATimestampIsAnError() async {
        let spec = Kit.spec(.json, path: "json/idp-policy.json", options: "observed_at: provider")
        let result = await collector.collect(spec, context: Kit.context())
        #expect(result.status == .error)
        #expect(
            result.message
                == "json/idp-policy.json: date field provider is not a date (YYYY-MM-DD) or a "
                + #"date-time with a zone: "okta""#
        )
    }

    @Test func withoutExpectationsAParsableFilePasses() async {
        let result = await collector.collect(
            Kit.spec(.json, path: "json/idp-policy.json"), context: Kit.context())
        #expect(result.status == .pass)
        #expect(result.message == "json/idp-policy.json: parsed; no expectations")
    }

    @Test func anAbsentFileIsMissing() async {
        let result = await collector.collect(
            Kit.spec(.json, path: "json/absent.json", options: "expect: { a: 1 }"),
            context: Kit.context())
        #expect(result.status == .missing)
        #expect(result.message == "json/absent.json does not exist")
        #expect(result.sha256 == nil)
    }

    @Test(arguments: [
        ("json/malformed.json", "invalid JSON: json/malformed.json:3:33: expected a string key"),
        (
            "json/duplicate-key.json",
            "invalid JSON: json/duplicate-key.json:1:32: duplicate key 'mfa'"
        ),
    ])
    func malformedFilesAreErrors(_ path: String, _ message: String) async {
        let result = await collector.collect(
            Kit.spec(.json, path: path, options: "expect: { mfa.required: true }"),
            context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message == message)
        #expect(result.sha256?.count == 64)
    }

    @Test(arguments: ["../Package.swift", "/etc/hostname"])
    func pathsOutsideTheWorkspaceAreRefused(_ path: String) async {
        let spec = Kit.spec(.json, path: path, options: "expect: { a: 1 }")
        #expect(Kit.codes(collector.validate(spec)) == ["evidence.unsafe-path 1:1"])
        let result = await collector.collect(spec, context: Kit.context())
        #expect(result.status == .error)
        #expect(result.message.hasPrefix("invalid options: 'path': "))
    }

    @Test func aSymbolicLinkOutOfTheWorkspaceIsAnError() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.link(
            "evidence/policy.json",
            to: Kit.fixtures.appendingPathComponent("json/idp-policy.json").path)
        let result = await collector.collect(
            Kit.spec(.json, path: "evidence/policy.json"),
            context: Kit.context(root: workspace.root))
        #expect(result.status == .error)
        #expect(result.message == "refused: 'evidence/policy.json' resolves outside the workspace")
    }

    @Test(arguments: [
        ("", ["evidence.missing-path 1:1"]),
        ("expct: { a: 1 }", ["evidence.unknown-option 1:8"]),
        ("observed_at: a..b", ["evidence.invalid-option 1:14"]),
    ])
    func badOptionsAreDiagnosed(_ options: String, _ expected: [String]) {
        let path: String? = options.isEmpty ? nil : "json/idp-policy.json"
        #expect(
            Kit.codes(collector.validate(Kit.spec(.json, path: path, options: options))) == expected
        )
    }
}

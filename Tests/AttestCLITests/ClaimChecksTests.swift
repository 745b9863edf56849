import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCLI

/// What `attest validate` says about claims and what backs them: typed facts beside a proof,
/// certifications without proof, unknown backing controls, public claims with no backing and
/// public controls that nothing on the site shows — each at its position.
@Suite struct ClaimChecksTests {
    /// 2026-06-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    static let controls = """
        schema: 1
        controls:
          - id: C-SHOWN
            title: Shown control
            visibility: public
            satisfies: { demo: [D1.1] }
            evidence:
              - { id: e-1, collector: file, path: evidence/policy.md }
          - id: C-UNSHOWN
            title: Public control no item names
            visibility: public
            satisfies: { demo: [D1.1] }
            evidence:
              - { id: e-2, collector: file, path: evidence/policy.md }
          - id: C-HIDDEN
            title: Internal control
            visibility: internal
            satisfies: { demo: [D1.1] }
            evidence:
              - { id: e-3, collector: file, path: evidence/policy.md }

        """

    static func findings(programs: String = "", content: String) throws -> [Diagnostic] {
        let folder = try TemporaryWorkspace()
        try folder.write(
            "attest.yaml",
            "schema: 1\norganisation: { name: Org }\nframeworks: [demo]\n"
                + "include: [controls.yaml]\n" + programs + content)
        try folder.write("controls.yaml", controls)
        try folder.write(
            "controls/frameworks/demo.yaml",
            "schema: 1\nframework: { id: demo, name: Demo, kind: standard, issuer: T }\n"
                + "requirements:\n  - id: D1\n    title: D\n    requirements:\n"
                + "      - { id: D1.1, title: R }\n")
        try folder.write("evidence/policy.md", "---\nreviewed: 2026-05-01\n---\n# Policy\n")
        let validation = try WorkspaceLoader().validate(at: folder.root)
        return ValidateFindings.all(validation, root: folder.root, now: now, verbose: false)
    }

    static let sections = """
        trust_center:
          sections:
            - id: s
              title: S
              items:
                - title: Backed
                  backed_by: [C-SHOWN, C-HIDDEN]
                - title: Unbacked claim
          incident_response:
            commitments:
              - Breach notice within 24 hours.

        """

    @Test func aPublicClaimWithNoBackingIsAWarningAtTheClaim() throws {
        let found = try Self.findings(content: Self.sections).filter {
            $0.code == .trustCenterUnbackedClaim
        }
        #expect(found.map(\.severity) == [.warning, .warning])
        #expect(
            found.map { $0.position?.description } == ["attest.yaml:12:11", "attest.yaml:15:9"])
    }

    @Test func aPublicControlNoSectionShowsIsAWarningAtTheControl() throws {
        let found = try Self.findings(content: Self.sections).filter {
            $0.code == .trustCenterUnshownControl
        }
        #expect(found.map(\.severity) == [.warning])
        #expect(found.map { $0.position?.description } == ["controls.yaml:9:5"])
    }

    @Test func anUnknownBackingControlIsAnError() throws {
        let content = """
            trust_center:
              legal:
                policies:
                  - { title: Privacy, url: "https://example.com/p", backed_by: [C-NOPE] }

            """
        let found = try Self.findings(content: content).filter {
            $0.code == .trustCenterUnknownControl
        }
        #expect(found.map(\.severity) == [.error])
        #expect(found.first?.position?.description == "attest.yaml:8:9")
    }

    @Test func typedFactsBesideAProofAreErrorsAtEachTypedKey() throws {
        let programs = """
            programs:
              - id: cert
                title: Cert
                status: certified
                proof: { evidence: e-1 }
                external_score: 9.7/10
                expires_on: 2027-01-01

            """
        let found = try Self.findings(programs: programs, content: "").filter {
            $0.code == .programTypedBesideProof
        }
        #expect(found.map(\.severity) == [.error, .error])
        #expect(
            found.map { $0.position?.description } == ["attest.yaml:10:21", "attest.yaml:11:17"])
    }

    @Test func aCertifiedProgramWithoutProofIsAWarningAtTheProgram() throws {
        let programs = "programs:\n  - id: cert\n    title: Cert\n    status: certified\n"
        let found = try Self.findings(programs: programs, content: "").filter {
            $0.code == .programUnprovenCertification
        }
        #expect(found.map(\.severity) == [.warning])
        #expect(found.first?.position?.description == "attest.yaml:6:5")
    }

    @Test func aProofWhoseFileLacksTheCertificateFactsIsReportedAtTheProof() throws {
        let programs = """
            programs:
              - id: cert
                title: Cert
                status: certified
                proof: { evidence: e-1 }

            """
        let found = try Self.findings(programs: programs, content: "").filter {
            $0.code == .programProofUnverified
        }
        #expect(found.map(\.severity) == [.error])
        #expect(found.first?.position?.description == "attest.yaml:9:12")
    }
}

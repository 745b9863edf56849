import AttestTestSupport
import Foundation
import Testing

/// Claims bound to evidence, end to end with the built binary: a certified program shows what
/// its certificate file supports (Certified, Expired, Unverified) in the HTML of both locales,
/// the XML (validated against the XSD by the build) and the JSON; items backed by controls
/// show their live status without naming non-public controls; a program without a framework
/// shows the count its evidence carried.
@Suite struct ClaimsEndToEndTests {
    static let buildTime = "2026-06-01T00:00:00Z"

    /// The certificate file of the fixture; in force from 2026-01-15 through `expires`.
    static func letter(expires: String = "2027-01-14") -> String {
        """
        ---
        issuer: Example Lab SAS
        certified_on: 2026-01-15
        expires_on: \(expires)
        score: 9.7/10
        reviewed: 2026-01-15
        ---
        # Letter of validation

        Example Lab SAS validated the platform.
        """
    }

    static func sha256(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    /// What varies between the fixture workspaces.
    struct Variant {
        var letter = ClaimsEndToEndTests.letter()
        /// The hash `proof:` pins; nil pins the letter's own.
        var pinned: String?
        var proof = true
        var writeLetter = true
        /// Text the proof evidence requires in the letter (`contains:`).
        var contains = "Letter of validation"
        /// Whether the internal control's evidence exists (it passes) or not (it is missing).
        var internalPasses = true
        /// `trust_center.public_status`: nil leaves the default (`summary`).
        var publicStatus: String? = nil
    }

    static func workspace(_ variant: Variant) throws -> TemporaryWorkspace {
        let folder = try TemporaryWorkspace()
        let pin = try variant.pinned ?? sha256(variant.letter)
        let proof = variant.proof ? "    proof: { evidence: cert-letter, sha256: \(pin) }\n" : ""
        try folder.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Claims Org }
            frameworks: [demo]
            locales: [en, fr]
            include: [controls/library/*.yaml]
            programs:
              - id: lab-cert
                title: { en: Lab certification, fr: Certification du laboratoire }
                status: certified
            \(proof)  - id: fleet
                title: { en: Endpoint fleet, fr: Parc de postes }
                status: in-progress
                measured_by:
                  controls: [C-FLEET]
                  figure: fleet-count
                  unit: { en: laptops compliant, fr: ordinateurs portables conformes }
            trust_center:
            \(variant.publicStatus.map { "  public_status: \($0)\n" } ?? "")  sections:
                - id: practices
                  title: { en: Practices, fr: Pratiques }
                  items:
                    - title: { en: Backed by a public and an internal control }
                      backed_by: [C-PUB, HIDDEN-CTL-7]
              incident_response:
                commitments:
                  - text: { en: Breach notice within 24 hours, fr: Notification sous 24 heures }
                    backed_by: [HIDDEN-CTL-7]

            """)
        try folder.write(
            "controls/frameworks/demo.yaml",
            """
            schema: 1
            framework: { id: demo, name: Demo Framework, kind: standard, issuer: Attest tests }
            requirements:
              - id: D1
                title: Domain one
                requirements:
                  - { id: D1.1, title: First requirement }

            """)
        try folder.write(
            "controls/library/controls.yaml",
            """
            schema: 1
            controls:
              - id: C-PUB
                title: Public policy control
                visibility: public
                satisfies: { demo: [D1.1] }
                evidence:
                  - { id: e-pub, collector: file, path: evidence/policy.md }
              - id: HIDDEN-CTL-7
                title: SECRET-INTERNAL-TITLE
                visibility: internal
                satisfies: { demo: [D1.1] }
                evidence:
                  - { id: e-int, collector: file, path: evidence/internal.md }
              - id: C-CERT
                title: Independent assessment
                visibility: nda
                satisfies: { demo: [D1.1] }
                evidence:
                  - id: cert-letter
                    collector: file
                    path: evidence/cert/letter.md
                    contains: "\(variant.contains)"
              - id: C-FLEET
                title: Endpoint protection on every laptop
                visibility: public
                satisfies: { demo: [D1.1] }
                evidence:
                  - { id: fleet-count, collector: external, run: evidence/fleet.sh }

            """)
        let policy = "---\nreviewed: 2026-05-01\n---\n# Policy\n"
        try folder.write("evidence/policy.md", policy)
        if variant.internalPasses { try folder.write("evidence/internal.md", policy) }
        if variant.writeLetter { try folder.write("evidence/cert/letter.md", variant.letter) }
        try folder.write(
            "evidence/fleet.sh",
            """
            #!/bin/sh
            printf '{"status":"partial","score":0.9583,"tally":{"passed":46,"total":48},"message":"46 of 48"}\\n'

            """, executable: true)
        return folder
    }

    struct Built {
        var status: Int32
        var standardError: String
        var en: String
        var fr: String
        var xml: String
        var json: [String: Any]
    }

    static func build(_ variant: Variant) async throws -> Built {
        let folder = try workspace(variant)
        let out = folder.root.appendingPathComponent("out")
        let result = try await AttestBinary.run([
            "build", "--workspace", folder.root.path, "--out", out.path,
            "--store", folder.root.appendingPathComponent("s.sqlite").path,
            "--build-time", buildTime, "--quiet",
        ])
        func read(_ path: String) -> String {
            (try? String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)) ?? ""
        }
        let json =
            (try? JSONSerialization.jsonObject(with: Data(read("site/trust-center.json").utf8)))
            as? [String: Any] ?? [:]
        return Built(
            status: result.status, standardError: result.standardError,
            en: read("site/en/index.html"), fr: read("site/fr/index.html"),
            xml: read("site/trust-center.xml"), json: json)
    }

    /// The word of the first program status pill of a page.
    static func statusLabel(_ page: String) -> String? {
        guard let start = page.range(of: "<span class=\"status status-") else { return nil }
        let rest = page[start.upperBound...]
        guard let open = rest.firstIndex(of: ">"), let close = rest.range(of: "</span>") else {
            return nil
        }
        return String(rest[rest.index(after: open)..<close.lowerBound])
    }

    static func program(_ built: Built, _ id: String) -> [String: Any]? {
        (built.json["programs"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    static func xmlProgram(_ built: Built, _ id: String) -> String? {
        guard let start = built.xml.range(of: "<program id=\"\(id)\"") else { return nil }
        let rest = built.xml[start.lowerBound...]
        guard let end = rest.range(of: "</program>") else { return nil }
        return String(rest[..<end.upperBound])
    }

    @Test func aCertificateInForceShowsCertifiedWithTheFactsReadFromTheLetter() async throws {
        let built = try await Self.build(Variant())
        #expect(built.status == 0, "\(built.standardError)")
        #expect(Self.statusLabel(built.en) == "Certified")
        #expect(Self.statusLabel(built.fr) == "Certifié")
        #expect(Self.program(built, "lab-cert")?["standing"] as? String == "certified")
        #expect(Self.program(built, "lab-cert")?["externalScore"] as? String == "9.7/10")
        #expect(Self.program(built, "lab-cert")?["auditor"] as? String == "Example Lab SAS")
        #expect(Self.program(built, "lab-cert")?["expiresOn"] as? String == "2027-01-14")
        #expect(Self.xmlProgram(built, "lab-cert")?.contains("standing=\"certified\"") == true)
    }

    @Test func aCertificatePastItsExpiryAtBuildTimeShowsExpiredEverywhere() async throws {
        let built = try await Self.build(Variant(letter: Self.letter(expires: "2026-05-31")))
        // The build validates trust-center.xml against the XSD: success means it is valid.
        #expect(built.status == 0, "\(built.standardError)")
        #expect(Self.statusLabel(built.en) == "Expired")
        #expect(Self.statusLabel(built.fr) == "Expiré")
        #expect(!built.en.contains(">Certified<"))
        #expect(Self.program(built, "lab-cert")?["standing"] as? String == "expired")
        #expect(Self.xmlProgram(built, "lab-cert")?.contains("standing=\"expired\"") == true)
    }

    @Test func aTamperedLetterShowsUnverifiedWithoutItsFacts() async throws {
        let built = try await Self.build(Variant(pinned: String(repeating: "0", count: 64)))
        #expect(built.status == 0, "\(built.standardError)")
        #expect(Self.statusLabel(built.en) == "Unverified")
        #expect(Self.statusLabel(built.fr) == "Non vérifié")
        #expect(!built.en.contains("9.7/10"))
        #expect(Self.program(built, "lab-cert")?["standing"] as? String == "unverified")
        #expect(Self.program(built, "lab-cert")?["externalScore"] == nil)
        #expect(Self.xmlProgram(built, "lab-cert")?.contains("standing=\"unverified\"") == true)
    }

    @Test func aMissingLetterShowsUnverified() async throws {
        let built = try await Self.build(Variant(writeLetter: false))
        #expect(built.status == 0, "\(built.standardError)")
        #expect(Self.statusLabel(built.en) == "Unverified")
        #expect(Self.program(built, "lab-cert")?["standing"] as? String == "unverified")
    }

    @Test func aFailingProofShowsUnverified() async throws {
        let built = try await Self.build(Variant(contains: "text the letter does not hold"))
        #expect(built.status == 0, "\(built.standardError)")
        #expect(Self.statusLabel(built.en) == "Unverified")
        #expect(Self.statusLabel(built.fr) == "Non vérifié")
        #expect(Self.program(built, "lab-cert")?["standing"] as? String == "unverified")
    }

    @Test func aCertifiedProgramWithoutProofShowsUnverified() async throws {
        let built = try await Self.build(Variant(proof: false))
        #expect(built.status == 0, "\(built.standardError)")
        #expect(Self.statusLabel(built.en) == "Unverified")
        #expect(Self.program(built, "lab-cert")?["standing"] as? String == "unverified")
    }

    static func itemBacking(_ built: Built) -> [String: Any]? {
        let sections = built.json["sections"] as? [[String: Any]]
        let items = sections?.first?["items"] as? [[String: Any]]
        return items?.first?["backing"] as? [String: Any]
    }

    static func commitmentBacking(_ built: Built) -> [String: Any]? {
        let incident = built.json["incidentResponse"] as? [String: Any]
        return (incident?["commitmentBacking"] as? [[String: Any]])?.first
    }

    @Test func backedItemsShowTheirControlsStatusAndNeverNameInternalControls() async throws {
        let passing = try await Self.build(Variant())
        #expect(passing.status == 0, "\(passing.standardError)")
        #expect(Self.itemBacking(passing)?["status"] as? String == "met")
        #expect(Self.commitmentBacking(passing)?["status"] as? String == "met")
        #expect(passing.en.contains("chip-passing backing"))
        #expect(passing.xml.contains("<backing status=\"met\""))

        let failing = try await Self.build(Variant(internalPasses: false))
        #expect(failing.status == 0, "\(failing.standardError)")
        #expect(Self.itemBacking(failing)?["status"] as? String == "partly-met")
        #expect(Self.commitmentBacking(failing)?["status"] as? String == "not-met")
        // The default public status says "being improved", without the detail.
        #expect(failing.en.contains(">Being improved</span>"))
        #expect(failing.fr.contains(">En cours d"))
        #expect(!failing.en.contains("Not met"))
        #expect(!failing.en.contains("Partly met"))
        #expect(failing.xml.contains("<backing status=\"not-met\""))
        // public_status: detailed names each claim's status as before.
        let detailed = try await Self.build(
            Variant(internalPasses: false, publicStatus: "detailed"))
        #expect(detailed.status == 0, "\(detailed.standardError)")
        #expect(detailed.en.contains("Not met"))
        #expect(detailed.fr.contains("Non respecté"))
        #expect(!detailed.en.contains("Being improved"))

        for built in [passing, failing, detailed] {
            let json = String(
                decoding: try JSONSerialization.data(withJSONObject: built.json), as: UTF8.self)
            for output in [built.en, built.fr, built.xml, json] {
                #expect(!output.contains("HIDDEN-CTL-7"))
                #expect(!output.contains("SECRET-INTERNAL-TITLE"))
            }
        }
    }

    @Test func aProgramWithoutAFrameworkShowsTheCountItsEvidenceCarried() async throws {
        let built = try await Self.build(Variant())
        #expect(built.status == 0, "\(built.standardError)")
        #expect(built.en.contains("46 of 48 laptops compliant"))
        #expect(built.fr.contains("46 sur 48 ordinateurs portables conformes"))
        let measure = Self.program(built, "fleet")?["measure"] as? [String: Any]
        #expect(measure?["passed"] as? Int == 46)
        #expect(measure?["total"] as? Int == 48)
        #expect(Self.xmlProgram(built, "fleet")?.contains("passed=\"46\" total=\"48\"") == true)
    }

    @Test func theDemoShowsItsEndpointFigureAndItsCertificationFromItsLetter() async throws {
        let folder = try TemporaryWorkspace()
        let out = folder.root.appendingPathComponent("out")
        let result = try await AttestBinary.run([
            "build", "--workspace", Fixtures.packageRoot.path, "--out", out.path,
            "--store", folder.root.appendingPathComponent("s.sqlite").path,
            "--build-time", "2026-12-01T00:00:00Z", "--quiet",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let en = try String(
            contentsOf: out.appendingPathComponent("site/en/index.html"), encoding: .utf8)
        #expect(en.contains("46 of 48 laptops compliant"))
        #expect(Self.statusLabel(en) == "Certified")
        #expect(!en.contains("Unverified"))
    }
}

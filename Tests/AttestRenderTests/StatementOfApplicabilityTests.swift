import AttestCatalog
import AttestCore
import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// The ISO/IEC 27001:2022 Statement of Applicability: all 93 Annex A controls in order, the
/// justifications, statuses from known scores, and the HTML and CSV in English and French.
@Suite struct StatementOfApplicabilityTests {
    static let now = Date(timeIntervalSince1970: 1_780_272_000)

    /// A workspace with iso27001 and soc2 in scope, one exclusion, and controls whose scores
    /// are set by hand: A.5.1 100 %, A.5.2 50 % (one of two evidence passes), A.5.3 0 %,
    /// A.5.4 by an internal control (100 %), A.5.25 inherited from soc2/CC7.3 (subset-of).
    static func statement(
        frameworks: String = "[iso27001, soc2]", ceiling: Visibility = .internal,
        excluded: String = "iso27001/A.7.12", extra: String = ""
    ) throws -> StatementOfApplicability {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Test Org }
            frameworks: \(frameworks)
            locales: [en, fr]
            include: [controls.yaml]
            exclusions:
              - requirement: \(excluded)
                justification:
                  en: "No cabling of our own: every system runs in the cloud provider's data centres."
                  fr: "Aucun câblage propre : tous les systèmes tournent chez le fournisseur cloud."
            \(extra)
            """)
        try workspace.write("evidence/proof.md", "proof\n")
        func control(
            _ id: String, _ satisfies: String, _ evidence: [String], visibility: String
        )
            -> String
        {
            """
              - id: \(id)
                title: { en: "Control \(id)", fr: "Contrôle \(id)" }
                visibility: \(visibility)
                satisfies: { \(satisfies) }
                evidence:
            \(evidence.map { "      - { id: \($0), collector: file, path: evidence/proof.md }" }.joined(separator: "\n"))

            """
        }
        try workspace.write(
            "controls.yaml",
            "schema: 1\ncontrols:\n"
                + control("C-FULL", "iso27001: [A.5.1]", ["e-full"], visibility: "public")
                + control(
                    "C-HALF", "iso27001: [A.5.2]", ["e-pass", "e-fail"], visibility: "public")
                + control("C-ZERO", "iso27001: [A.5.3]", ["e-zero"], visibility: "public")
                + control("C-INT", "iso27001: [A.5.4]", ["e-int"], visibility: "internal")
                + control("C-SOC", "soc2: [CC7.3]", ["e-soc"], visibility: "public"))
        let graph = try WorkspaceLoader().validate(at: workspace.root).graph
        func result(
            _ id: EvidenceID, _ control: ControlID, _ status: EvidenceStatus
        )
            -> EvidenceResult
        {
            EvidenceResult(
                evidence: id, control: control, status: status, observedAt: now,
                sha256: String(repeating: "ab", count: 32), message: "m")
        }
        let results: [EvidenceID: EvidenceResult] = [
            "e-full": result("e-full", "C-FULL", .pass),
            "e-pass": result("e-pass", "C-HALF", .pass),
            "e-fail": result("e-fail", "C-HALF", .fail),
            "e-zero": result("e-zero", "C-ZERO", .fail),
            "e-int": result("e-int", "C-INT", .pass),
            "e-soc": result("e-soc", "C-SOC", .pass),
        ]
        let scores = Scores(graph: graph, results: results, now: now, expiringWithin: .days(30))
        return try StatementOfApplicability(scores: scores, ceiling: ceiling)
    }

    static func row(
        _ statement: StatementOfApplicability, _ id: String
    ) throws
        -> StatementOfApplicability.Row
    {
        try #require(statement.rows.first { $0.key.requirement.rawValue == id })
    }

    static func render(_ statement: StatementOfApplicability) throws -> [String: String] {
        let files = try SoARenderer(
            templates: TemplateSet(workspaceRoot: nil), labels: try SiteFixture.labels
        )
        .files(
            statement,
            heading: SoAHeading(organisation: "Test <Org>", asOf: now, source: "run 7"),
            locales: ["en", "fr"])
        return files.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func everyAnnexAControlHasOneRowInTheStandardsOrder() throws {
        let statement = try Self.statement()
        #expect(statement.rows.count == 93)
        let expected =
            (1...37).map { "A.5.\($0)" } + (1...8).map { "A.6.\($0)" }
            + (1...14).map { "A.7.\($0)" } + (1...34).map { "A.8.\($0)" }
        #expect(statement.rows.map(\.key.requirement.rawValue) == expected)
        #expect(statement.themes.map(\.key.requirement.rawValue) == ["A.5", "A.6", "A.7", "A.8"])
    }

    @Test func statusesComeFromTheScores() throws {
        let statement = try Self.statement()
        #expect(try Self.row(statement, "A.5.1").status == .implemented)
        #expect(try Self.row(statement, "A.5.1").score == 1)
        #expect(try Self.row(statement, "A.5.2").status == .partiallyImplemented)
        #expect(try Self.row(statement, "A.5.2").score == 0.5)
        #expect(try Self.row(statement, "A.5.3").status == .notImplemented)
        #expect(try Self.row(statement, "A.5.5").status == .notImplemented)
        #expect(try Self.row(statement, "A.5.25").status == .inherited)
        #expect(
            try Self.row(statement, "A.5.25").inheritedFrom == [RequirementKey("soc2", "CC7.3")])
        #expect(try Self.row(statement, "A.5.25").implementers.map(\.id) == ["C-SOC"])
        #expect(try Self.row(statement, "A.7.12").status == .notApplicable)
        #expect(try Self.row(statement, "A.7.12").score == nil)
        // 1 excluded; 2 implemented (A.5.1, A.5.4), 1 partial (A.5.2), 1 inherited (A.5.25).
        #expect(statement.count(.notApplicable) == 1)
        #expect(statement.count(.implemented) == 2)
        #expect(statement.count(.partiallyImplemented) == 1)
        #expect(statement.count(.inherited) == 1)
        #expect(statement.count(.notImplemented) == 88)
    }

    @Test func theImplementingControlsCarryTheirEvidenceAndHashes() throws {
        let row = try Self.row(try Self.statement(), "A.5.2")
        let control = try #require(row.implementers.first)
        #expect(control.id == "C-HALF")
        #expect(control.evidence.map(\.id) == ["e-pass", "e-fail"])
        #expect(control.evidence.map(\.status) == [.pass, .fail])
        #expect(control.evidence.allSatisfy { $0.sha256 == String(repeating: "ab", count: 32) })
    }

    @Test func thePageShortensHashesSoNoneBreaksMidWordWhileTheCSVKeepsThemWhole() throws {
        let files = try Self.render(try Self.statement())
        let html = try #require(files["statement-of-applicability.en.html"])
        let hash = String(repeating: "ab", count: 32)
        #expect(
            html.contains(#"<span class="mono" title="SHA-256 \#(hash)">abababababab…</span>"#))
        #expect(!html.contains(">\(hash)<"))
        let csv = try #require(files["statement-of-applicability.en.csv"])
        #expect(csv.contains("sha256:\(hash)"))
    }

    @Test func mappedRequirementsOfOtherFrameworksJustifyInclusion() throws {
        let row = try Self.row(try Self.statement(), "A.5.24")
        #expect(row.mappedFrom == [RequirementKey("soc2", "CC7.4")])
        let csv = try #require(
            try Self.render(try Self.statement())["statement-of-applicability.en.csv"])
        #expect(csv.contains("soc2/CC7.4"))
    }

    @Test func aControlAboveTheCeilingIsCountedNotNamed() throws {
        let row = try Self.row(try Self.statement(ceiling: .nda), "A.5.4")
        #expect(row.implementers.isEmpty)
        #expect(row.withheld == 1)
        #expect(row.status == .implemented)
        let files = try Self.render(try Self.statement(ceiling: .nda))
        #expect(files.values.allSatisfy { !$0.contains("C-INT") })
    }

    @Test func theExclusionsJustificationAppearsInEveryLanguage() throws {
        let files = try Self.render(try Self.statement())
        let english = try #require(files["statement-of-applicability.en.html"])
        let french = try #require(files["statement-of-applicability.fr.html"])
        #expect(
            english.contains(
                "No cabling of our own: every system runs in the cloud provider&#39;s data centres."
            ))
        #expect(
            french.contains(
                "Aucun câblage propre : tous les systèmes tournent chez le fournisseur cloud."))
        let csv = try #require(files["statement-of-applicability.fr.csv"])
        #expect(csv.contains("A.7.12,"))
        #expect(csv.contains("Aucun câblage propre"))
    }

    @Test func thePagesAreInTheirLanguageWithTheStatusWords() throws {
        let files = try Self.render(try Self.statement())
        let english = try #require(files["statement-of-applicability.en.html"])
        let french = try #require(files["statement-of-applicability.fr.html"])
        #expect(english.contains("<html lang=\"en\">"))
        #expect(french.contains("<html lang=\"fr\">"))
        #expect(english.contains("Partially implemented"))
        #expect(french.contains("Partiellement mise en œuvre"))
        #expect(french.contains("Déclaration d&#39;applicabilité"))
        #expect(english.contains("Test &lt;Org&gt;"))
        #expect(!english.contains("Test <Org>"))
        #expect(french.contains("50,0\u{202F}%"))
    }

    @Test func theCSVHasAHeaderAnd93Rows() throws {
        let csv = try #require(
            try Self.render(try Self.statement())["statement-of-applicability.en.csv"])
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 94)
        #expect(lines[0].hasPrefix("control,title,applicable,justification,status,"))
        #expect(lines[1].hasPrefix("A.5.1,Policies for information security,yes,"))
        #expect(lines[1].contains(",implemented,Implemented,100.0,C-FULL,e-full=pass:sha256:abab"))
    }

    @Test func withoutISO27001InScopeThereIsNoStatement() throws {
        #expect(throws: SoAError.self) { try Self.statement(frameworks: "[soc2]") }
    }

    @Test func excludingAThemeMakesEachOfItsControlsNotApplicableWithItsReason() throws {
        let statement = try Self.statement(excluded: "iso27001/A.7")
        let physical = statement.rows.filter { $0.theme == RequirementKey("iso27001", "A.7") }
        #expect(physical.count == 14)
        #expect(physical.allSatisfy { $0.status == .notApplicable && !$0.isApplicable })
        let files = try Self.render(statement)
        let csv = try #require(files["statement-of-applicability.en.csv"])
        #expect(
            csv.contains(
                #"A.7.3,"Securing offices, rooms and facilities",no,Excluded with A.7: No cabling"#
            ))
    }

    @Test func aTagFilterLeavesTheOtherControlsNotApplicable() throws {
        let statement = try Self.statement(
            frameworks: "[{ id: iso27001, tags: [technological] }, soc2]")
        #expect(try Self.row(statement, "A.5.1").exclusion == .outsideSelectedTags)
        #expect(try Self.row(statement, "A.8.1").isApplicable)
        #expect(statement.rows.count == 93)
        #expect(statement.rows.filter(\.isApplicable).count == 34)
    }

    /// EX-7 (internal) covers e-fail of C-HALF (A.5.2), open on 2026-06-01; EX-9 on C-ZERO
    /// (A.5.3) ended in 2025.
    static let exceptions = """
        exceptions:
          - id: EX-7
            evidence: e-fail
            period: { from: 2026-01-01, to: 2026-12-31 }
            description: Key rotation is manual
            owner: security
            management_response: { en: Rotation is being scripted, fr: La rotation est scriptée }
            remediation_date: 2026-09-30
            approved_by: jdoe
            expires: 2026-12-31
          - id: EX-9
            control: C-ZERO
            period: { from: 2025-01-01, to: 2025-12-31 }
            description: Old deviation
            owner: security
            management_response: Fixed
            remediation_date: 2025-06-30
            approved_by: jdoe
            expires: 2025-12-31
        """

    @Test func anOpenExceptionOnAnImplementingControlIsShownWithItsResponse() throws {
        let statement = try Self.statement(extra: Self.exceptions)
        #expect(
            try Self.row(statement, "A.5.2").exceptions == [
                .init(
                    id: "EX-7", control: "C-HALF",
                    managementResponse: LocalizedText([
                        "en": "Rotation is being scripted", "fr": "La rotation est scriptée",
                    ]),
                    remediationDate: "2026-09-30")
            ])
        // Outside its period: not shown.
        #expect(try Self.row(statement, "A.5.3").exceptions.isEmpty)
        let files = try Self.render(statement)
        #expect(
            files["statement-of-applicability.en.html"]?.contains(
                "Exception EX-7 on C-HALF: Rotation is being scripted (remediation by "
                    + "September 30, 2026).") == true)
        #expect(
            files["statement-of-applicability.fr.html"]?.contains(
                "Exception EX-7 sur C-HALF : La rotation est scriptée (remédiation d&#39;ici le "
                    + "30 septembre 2026).") == true)
        let csv = try #require(files["statement-of-applicability.en.csv"])
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0].hasSuffix(",evidence,exceptions,reasons"))
        let row = try #require(lines.first { $0.hasPrefix("A.5.2,") })
        #expect(
            row.hasSuffix(
                #","Exception EX-7 on C-HALF: Rotation is being scripted (remediation by "#
                    + #"September 30, 2026).","#))
    }

    @Test func anExceptionAboveTheCeilingShowsItsIdOnly() throws {
        let statement = try Self.statement(ceiling: .nda, extra: Self.exceptions)
        let note = try #require(try Self.row(statement, "A.5.2").exceptions.first)
        #expect(note.id == "EX-7")
        #expect(note.managementResponse == nil)
        #expect(note.remediationDate == nil)
        let html = try #require(
            try Self.render(statement)["statement-of-applicability.en.html"])
        #expect(html.contains("Exception EX-7 on C-HALF (details withheld)."))
        #expect(!html.contains("Rotation is being scripted"))
    }

    static let applicability = """
        applicability:
          iso27001/A.5.1:
            reasons: [legal, contract]
            note:
              en: Our customer contracts require a policy set.
              fr: Nos contrats clients exigent un jeu de politiques.
          iso27001/A.5.5:
            note: Authorities are listed in the crisis plan.
        """

    @Test func statedReasonsComeFirstInTheJustification() throws {
        let statement = try Self.statement(extra: Self.applicability)
        let row = try Self.row(statement, "A.5.1")
        #expect(row.stated?.reasons == [.legal, .contract])
        let files = try Self.render(statement)
        let english = try #require(files["statement-of-applicability.en.html"])
        let reasons = try #require(
            english.range(
                of: "<p>Included for a legal or regulatory requirement, a contractual "
                    + "obligation.</p><p>Our customer contracts require a policy set.</p>"
                    + "<p>Included: implemented by C-FULL.</p>"))
        #expect(!reasons.isEmpty)
        #expect(
            files["statement-of-applicability.fr.html"]?.contains(
                "<p>Retenue pour : exigence légale ou réglementaire, obligation contractuelle."
                    + "</p><p>Nos contrats clients exigent un jeu de politiques.</p>") == true)
        // A note alone, in English on the French page when it has no French version.
        #expect(
            files["statement-of-applicability.fr.html"]?.contains(
                "<p>Authorities are listed in the crisis plan.</p>") == true)
        let csv = try #require(files["statement-of-applicability.en.csv"])
        let line = try #require(
            csv.components(separatedBy: "\r\n").first { $0.hasPrefix("A.5.1,") })
        #expect(
            line.contains(
                #",yes,"Included for a legal or regulatory requirement, a contractual "#
                    + "obligation. Our customer contracts require a policy set. Included: "
                    + "implemented by C-FULL. Required by"))
        #expect(line.hasSuffix(",legal contract"))
    }
}

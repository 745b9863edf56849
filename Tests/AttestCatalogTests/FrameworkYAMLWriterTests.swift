import AttestCore
import AttestTestSupport
import Foundation
import Testing

@testable import AttestCatalog

/// Reads a framework catalog's text the way the workspace loader does.
func readFramework(_ text: String, file: String = "fw.yaml") -> (Framework?, [Diagnostic]) {
    let parsed = ParsedFile.decode(
        Array(text.utf8), file: file, isManifest: false, limits: .default)
    guard case .framework(let framework)? = parsed.document else {
        return (nil, parsed.diagnostics)
    }
    return (framework, parsed.diagnostics)
}

/// A framework with every position set to one place, so that two frameworks read from
/// different texts compare by content.
func withoutPositions(_ framework: Framework) -> Framework {
    let here = SourcePosition.start(of: "-")
    func strip(_ requirement: Requirement) -> Requirement {
        var copy = requirement
        copy.position = here
        copy.children = requirement.children.map(strip)
        return copy
    }
    var copy = framework
    copy.position = here
    copy.requirements = framework.requirements.map(strip)
    return copy
}

@Suite struct FrameworkYAMLWriterTests {
    static func roundTrip(_ framework: Framework) throws -> Framework {
        let text = FrameworkYAMLWriter.yaml(for: framework)
        let (read, diagnostics) = readFramework(text)
        #expect(diagnostics.filter { $0.severity == .error } == [], "\(text)")
        return try #require(read, "the written text did not read back:\n\(text)")
    }

    static var bundledFrameworkFiles: [URL] {
        guard let root = WorkspaceLoader.bundledCatalogs else { return [] }
        let folder = root.appendingPathComponent("frameworks")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map {
            folder.appendingPathComponent($0)
        }
    }

    @Test func thereAreBundledCatalogsToRoundTrip() {
        #expect(Self.bundledFrameworkFiles.count >= 5)
    }

    @Test(arguments: bundledFrameworkFiles)
    func everyBundledCatalogReadsBackEqual(file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let (original, diagnostics) = readFramework(text, file: file.lastPathComponent)
        #expect(diagnostics.filter { $0.severity == .error } == [])
        let framework = try #require(original)
        let again = try Self.roundTrip(framework)
        #expect(withoutPositions(again) == withoutPositions(framework))
    }

    @Test func writingIsDeterministicAndSortsMetadata() {
        let framework = Framework(
            id: "x", name: LocalizedText(["fr": "Cadre", "en": "Frame", "de": "Rahmen"]),
            kind: .standard, issuer: "Us", metadata: ["b": "2", "a": "1", "c": "3"],
            requirements: [], position: .start(of: "x"))
        let text = FrameworkYAMLWriter.yaml(for: framework)
        #expect(text == FrameworkYAMLWriter.yaml(for: framework))
        #expect(
            text == """
                schema: 1
                framework:
                  id: "x"
                  name:
                    "de": "Rahmen"
                    "en": "Frame"
                    "fr": "Cadre"
                  kind: standard
                  issuer: "Us"
                  metadata:
                    "a": "1"
                    "b": "2"
                    "c": "3"
                requirements: []

                """)
    }

    static let hostile: [String] = [
        "yes", "no", "null", "~", "1.0", "0x1F", "1e3", ".inf", "true", "", " ", "  lead",
        "trail  ", "a: b", "a #b", "#c", "- x", "-", "{}", "[a, b]", "{a: 1}", "'single'",
        "\"double\"", "back\\slash", "line\nbreak", "two\n\nlines\n", "\ttab", "carriage\r\n",
        "é 中文 😀", "*alias", "&anchor", "!tag", "%directive", "@at", "`tick`", "|", ">", "?",
        "---", "...", "a,b", "\u{7F}", "\u{85}next", "\u{2028}sep", "\u{FEFF}bom", "\u{1}ctl",
        "\u{0}nul",
        "ends with colon:", "  - : # ' \" { } [ ] ,",
    ]

    @Test func hostileStringsRoundTripEverywhere() throws {
        var generator = SplitMix64(seed: 2026)
        func pick() -> String {
            let first = Self.hostile[Int(generator.next() % UInt64(Self.hostile.count))]
            let second = Self.hostile[Int(generator.next() % UInt64(Self.hostile.count))]
            return generator.next() % 2 == 0 ? first : first + second
        }
        for round in 0..<60 {
            let parameter = RequirementParameter(
                id: "p\(round)", label: pick(), values: [pick(), pick()],
                selection: .init(howMany: .oneOrMore, choices: [pick(), pick()]),
                guidelines: [pick()], metadata: [pick(): pick(), "class": pick()])
            let leaf = Requirement(
                id: RequirementID("id-\(round)"),
                title: LocalizedText(["en": pick(), "fr": pick()]),
                summary: LocalizedText(english: pick()), tags: [pick(), pick()],
                weight: 2.5, metadata: [pick(): pick()], parameters: [parameter],
                position: .start(of: "x"))
            let framework = Framework(
                id: "f", name: LocalizedText(english: pick()), kind: .regulation, issuer: pick(),
                version: pick(), url: "https://example.com/\(round)",
                metadata: [pick(): pick(), "k": pick()], aggregate: .min,
                requirements: [
                    Requirement(
                        id: "domain", title: LocalizedText(english: pick()), children: [leaf],
                        position: .start(of: "x"))
                ], position: .start(of: "x"))
            let again = try Self.roundTrip(framework)
            #expect(withoutPositions(again) == withoutPositions(framework))
        }
    }

    @Test func aFrameworkWithNISTParametersRoundTrips() throws {
        // Parameters as NIST's 800-53 catalog writes them (ac-1's params, with a selection and
        // a value set by a profile), under a two-level tree like the imported catalog's.
        let parameters = [
            RequirementParameter(
                id: "ac-1_prm_1", label: "organization-defined personnel or roles"),
            RequirementParameter(
                id: "ac-1_prm_2",
                selection: .init(
                    howMany: .oneOrMore,
                    choices: [
                        "Organization-level", "Mission/business process-level", "System-level",
                    ])),
            RequirementParameter(
                id: "ac-1_prm_4", label: "organization-defined frequency", values: ["annually"],
                guidelines: ["At least {{ insert: param, ac-1_prm_3 }}: *yearly*."],
                metadata: ["class": "frequency", "oscal.depends-on": "ac-1_prm_3"]),
        ]
        let control = Requirement(
            id: "AC-1", title: "Policy and Procedures",
            summary: "Develop, document, and disseminate to {{ insert: param, ac-1_prm_1 }}:",
            metadata: ["oscal.id": "ac-1", "oscal.class": "SP800-53", "oscal.sort-id": "ac-01"],
            parameters: parameters, position: .start(of: "x"))
        let withdrawn = Requirement(
            id: "AC-2(10)", title: "Shared and Group Account Credential Change",
            isAssessable: false,
            metadata: ["oscal.id": "ac-2.10", "oscal.status": "withdrawn"],
            position: .start(of: "x"))
        let framework = Framework(
            id: "nist-800-53", name: "NIST SP 800-53 Rev. 5", kind: .standard, issuer: "NIST",
            version: "5.0.1", metadata: ["oscal.model": "catalog", "oscal.version": "1.0.0"],
            requirements: [
                Requirement(
                    id: "AC", title: "Access Control", metadata: ["oscal.id": "ac"],
                    children: [control, withdrawn], position: .start(of: "x"))
            ], position: .start(of: "x"))
        let again = try Self.roundTrip(framework)
        #expect(withoutPositions(again) == withoutPositions(framework))
        #expect(again.requirements.first?.children.first?.parameters == parameters)
    }
}

/// The whole NIST SP 800-53 catalog, imported as an `oscal:` framework is, so that the writer
/// meets NIST's real strings (`{{ insert: param, … }}`, quotes, colons, brackets) and the
/// importer's summaries, metadata and parameters.
@Suite struct FrameworkYAMLWriterNISTTests {
    static func framework() throws -> Framework {
        let workspace = try OSCALWorkspace(
            frameworks: "  - { oscal: o/catalog.json, id: nist-800-53 }",
            copies: ["o/catalog.json": OSCALWorkspace.catalogJSON])
        let loaded = try workspace.load()
        #expect(loaded.findings == [])
        return try #require(loaded.framework("nist-800-53"))
    }

    @Test func theNISTCatalogWithItsParametersRoundTrips() throws {
        let framework = try Self.framework()
        func all(_ requirements: [Requirement]) -> [Requirement] {
            requirements.flatMap { [$0] + all($0.children) }
        }
        let requirements = all(framework.requirements)
        // The catalog as NIST publishes it: 20 families, 1,189 controls and enhancements.
        #expect(requirements.count == 20 + 1_189)
        #expect(requirements.reduce(0) { $0 + $1.parameters.count } > 1_000)
        #expect(requirements.contains { $0.parameters.contains { $0.selection != nil } })
        let again = try FrameworkYAMLWriterTests.roundTrip(framework)
        #expect(withoutPositions(again) == withoutPositions(framework))
    }
}

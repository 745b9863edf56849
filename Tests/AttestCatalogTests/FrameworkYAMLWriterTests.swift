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

/// The whole NIST SP 800-53 catalog, read from NIST's JSON file into a `Framework` by a small
/// conversion of the test's own (groups and controls as requirements, params as parameters), so
/// that the writer meets NIST's real strings: `{{ insert: param, … }}`, quotes, colons, brackets.
@Suite struct FrameworkYAMLWriterNISTTests {
    static func framework() throws -> Framework {
        let file = "sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.json"
        let bytes = try OSCALXMLReaderTests.bytes(file)
        let root = try #require(try YAMLParser(file: file, limits: .default).parse(bytes).get())
        let catalog = try #require(root["catalog"])
        let here = SourcePosition.start(of: file)

        func scalars(_ value: ConfigValue?) -> [String] {
            value?.sequence?.compactMap(\.scalar) ?? []
        }
        func parameter(_ value: ConfigValue) -> RequirementParameter {
            var metadata: [String: String] = [:]
            if let kind = value["class"]?.scalar { metadata["class"] = kind }
            for prop in value["props"]?.sequence ?? [] {
                if let name = prop["name"]?.scalar, let text = prop["value"]?.scalar {
                    metadata["prop." + name] = text
                }
            }
            let selection = value["select"].map {
                RequirementParameter.Selection(
                    howMany: $0["how-many"]?.scalar.flatMap {
                        RequirementParameter.Selection.Cardinality(rawValue: $0)
                    }, choices: scalars($0["choice"]))
            }
            return RequirementParameter(
                id: value["id"]?.scalar ?? "", label: value["label"]?.scalar,
                values: scalars(value["values"]), selection: selection,
                guidelines: value["guidelines"]?.sequence?.compactMap { $0["prose"]?.scalar } ?? [],
                metadata: metadata)
        }
        func prose(_ part: ConfigValue) -> [String] {
            [part["prose"]?.scalar].compactMap { $0 }
                + (part["parts"]?.sequence ?? []).flatMap(prose)
        }
        func requirement(_ value: ConfigValue) -> Requirement {
            var metadata: [String: String] = [:]
            for prop in value["props"]?.sequence ?? [] {
                if let name = prop["name"]?.scalar, let text = prop["value"]?.scalar {
                    metadata["oscal." + name] = text
                }
            }
            let statement = (value["parts"]?.sequence ?? []).filter {
                $0["name"]?.scalar == "statement"
            }.flatMap(prose)
            let children = (value["groups"]?.sequence ?? []) + (value["controls"]?.sequence ?? [])
            let withdrawn = metadata["oscal.status"] == "withdrawn"
            return Requirement(
                id: RequirementID(value["id"]?.scalar ?? ""),
                title: LocalizedText(english: value["title"]?.scalar ?? ""),
                summary: statement.isEmpty
                    ? nil : LocalizedText(english: statement.joined(separator: "\n")),
                isAssessable: withdrawn ? false : nil, metadata: metadata,
                parameters: (value["params"]?.sequence ?? []).map(parameter),
                children: children.map(requirement), position: here)
        }
        return Framework(
            id: "nist-800-53",
            name: LocalizedText(english: catalog["metadata"]?["title"]?.scalar ?? ""),
            kind: .standard, issuer: "NIST", version: catalog["metadata"]?["version"]?.scalar,
            metadata: ["oscal.uuid": catalog["uuid"]?.scalar ?? ""],
            requirements: (catalog["groups"]?.sequence ?? []).map(requirement), position: here)
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

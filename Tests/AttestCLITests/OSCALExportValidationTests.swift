import AttestRender
import AttestTestSupport
import Foundation
import Testing

/// Every `attest export oscal` of the demo workspace and of a small workspace, in JSON, XML and
/// YAML, checked against NIST's OSCAL 1.2.1 schemas (XSD through libxml2, the JSON schema
/// through a PyPI JSON Schema validator) and by compliance-trestle, an independent OSCAL
/// implementation (docs/oscal.md, "Validation").
///
/// The Python tools come from the OSCAL test venv .ci/run installs; its `trestle` is linked
/// into /usr/local/bin, and the JSON Schema check runs with the `python3` beside the real
/// `trestle` (the venv's), so the venv never has to be first on PATH.
@Suite(.serialized) struct OSCALExportValidationTests: InProcessCommands {
    static let models = [
        "catalog", "assessment-results", "component-definition", "ssp", "mapping-collection",
    ]
    /// Models written for one framework (`--framework`).
    static let singleFramework: Set<String> = ["catalog", "ssp"]
    static let oscal = Fixtures.root.appendingPathComponent("oscal")

    /// The XSD of each model (NIST's 1.2.1 release).
    static func xsd(_ model: String) -> URL {
        switch model {
        case "catalog": oscal.appendingPathComponent("xsd-1.2.1/oscal_catalog_schema.xsd")
        case "assessment-results":
            oscal.appendingPathComponent("xsd-1.2.1/oscal_assessment-results_schema.xsd")
        case "ssp": oscal.appendingPathComponent("schemas-1.2.1/oscal_ssp_schema.xsd")
        case "mapping-collection":
            oscal.appendingPathComponent("schemas-1.2.1/oscal_mapping_schema.xsd")
        default: oscal.appendingPathComponent("schemas-1.2.1/oscal_component_schema.xsd")
        }
    }

    /// The JSON schema of each model.
    static func jsonSchema(_ model: String) -> URL {
        let name =
            ["component-definition": "component", "mapping-collection": "mapping"][model] ?? model
        return oscal.appendingPathComponent("schemas-1.2.1/oscal_\(name)_schema.json")
    }

    /// The workspaces exported: the demo (the repository root) and a small one whose texts
    /// carry what escaping must survive.
    enum Subject: String, CaseIterable, CustomTestStringConvertible {
        case demo, small
        var testDescription: String { rawValue }
    }

    /// A folder holding `MODEL.FORMAT` for every model and format, from one collected run.
    final class Exports: @unchecked Sendable {
        let folder: TemporaryWorkspace
        let workspace: TemporaryWorkspace?
        let root: URL
        let framework: String

        init(
            _ subject: Subject, run: ([String]) async -> (status: Int32, out: String, err: String)
        )
            async throws
        {
            folder = try TemporaryWorkspace()
            switch subject {
            case .demo:
                workspace = nil
                root = Fixtures.packageRoot
                framework = "soc2"
            case .small:
                let small = try TemporaryWorkspace()
                try Self.writeSmall(small)
                workspace = small
                root = small.root
                framework = "soc2"
            }
            let store = folder.root.appendingPathComponent("store.sqlite").path
            let collected = await run([
                "collect", "--workspace", root.path, "--store", store, "--quiet",
            ])
            // 1: some evidence fails in the demo, which is the point of it.
            #expect(collected.status <= 1, "\(collected.err)")
            for model in OSCALExportValidationTests.models {
                for format in ["json", "xml", "yaml"] {
                    var arguments = [
                        "export", "oscal", "--workspace", root.path, "--store", store, "--model",
                        model, "--out", file(model, format).path,
                    ]
                    if OSCALExportValidationTests.singleFramework.contains(model) {
                        arguments += ["--framework", framework]
                    }
                    let exported = await run(arguments)
                    #expect(exported.status == 0, "\(model).\(format): \(exported.err)")
                }
            }
        }

        func file(_ model: String, _ format: String) -> URL {
            folder.root.appendingPathComponent("\(model).\(format)")
        }

        static func writeSmall(_ workspace: TemporaryWorkspace) throws {
            try workspace.write(
                "evidence/policy ünïcode & <co>.md", "---\nreviewed: 2026-11-01\n---\nPolicy\n")
            try workspace.write(
                "attest.yaml",
                """
                schema: 1
                organisation: { name: "Små & <Co> \\"Ltd\\"" }
                frameworks: [soc2]
                include: [controls.yaml]
                freshness: { undated: accept }
                exclusions:
                  - requirement: soc2/CC6.4
                    justification: "No office: <physical> access & {{ insert: param, x }} is the cloud's."
                """)
            try workspace.write(
                "controls.yaml",
                """
                schema: 1
                controls:
                  - id: POL-01
                    title: "Policy <reviewed> & \\"signed\\" {{ x }}"
                    description: "First paragraph.\\n\\nSecond: a < b & c."
                    satisfies: { soc2: [CC1.1, CC5.3] }
                    evidence:
                      - { id: policy, collector: file, path: "evidence/policy ünïcode & <co>.md" }
                      - { id: absent, collector: file, path: evidence/absent.md }
                """)
        }
    }

    /// The venv's `python3`: beside the real `trestle` that /usr/local/bin links to.
    static func venvPython() throws -> URL {
        let trestle = try #require(LocalService.path(of: "trestle"), "trestle is not on PATH")
        return trestle.resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("python3")
    }

    /// Runs a program to its end; its exit status and its output (both streams).
    static func execute(
        _ executable: URL, _ arguments: [String], in folder: URL? = nil
    )
        throws -> (status: Int32, output: String)
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("Every XML export matches NIST's OSCAL 1.2.1 XSD", arguments: Subject.allCases)
    func xmlExportsMatchTheXSD(subject: Subject) async throws {
        let exports = try await Exports(subject, run: run)
        for model in Self.models {
            let validator = try TrustCenterXMLValidator(schemaURL: Self.xsd(model))
            let data = try Data(contentsOf: exports.file(model, "xml"))
            #expect(throws: Never.self, "\(model).xml") {
                try validator.validate(data, name: "\(model).xml")
            }
        }
    }

    @Test(
        "Every JSON and YAML export matches NIST's OSCAL 1.2.1 JSON schema",
        .enabled(if: LocalService.available("trestle")), arguments: Subject.allCases)
    func jsonAndYAMLExportsMatchTheJSONSchema(subject: Subject) async throws {
        let exports = try await Exports(subject, run: run)
        let python = try Self.venvPython()
        let script = Fixtures.packageRoot.appendingPathComponent("Tests/Tools/oscal-json-schema.py")
        for model in Self.models {
            let result = try Self.execute(
                python,
                [
                    script.path, Self.jsonSchema(model).path, exports.file(model, "json").path,
                    exports.file(model, "yaml").path,
                ])
            #expect(result.status == 0, "\(model): \(result.output)")
        }
    }

    @Test(
        "compliance-trestle imports and validates every JSON and YAML export",
        .enabled(if: LocalService.available("trestle")), arguments: Subject.allCases)
    func trestleAcceptsEveryExport(subject: Subject) async throws {
        let exports = try await Exports(subject, run: run)
        let trestle = try #require(LocalService.path(of: "trestle"))
        let workspace = try TemporaryWorkspace()
        let initialised = try Self.execute(trestle, ["init"], in: workspace.root)
        try #require(initialised.status == 0, "\(initialised.output)")
        let folders = [
            "catalog": "catalogs", "assessment-results": "assessment-results",
            "component-definition": "component-definitions", "ssp": "system-security-plans",
            "mapping-collection": "mapping-collections",
        ]
        var paths: [String] = []
        for model in Self.models {
            for format in ["json", "yaml"] {
                let name = "attest-\(model)-\(format)"
                // Import validates the document against trestle's OSCAL 1.2.1 models.
                let imported = try Self.execute(
                    trestle,
                    ["import", "-f", try Self.forTrestle(exports, model, format).path, "-o", name],
                    in: workspace.root)
                #expect(imported.status == 0, "import \(model).\(format): \(imported.output)")
                let file = model == "ssp" ? "system-security-plan" : model
                paths.append("\(folders[model] ?? model)/\(name)/\(file).\(format)")
            }
        }
        // Then every imported file is validated, in one trestle run (`validate -a` is
        // `validate -f` over each model of the workspace; one process keeps CI's load down).
        let validated = try Self.execute(trestle, ["validate", "-a"], in: workspace.root)
        #expect(validated.status == 0, "\(validated.output)")
        let valid = validated.output.split(separator: "\n").filter {
            $0.hasPrefix("VALID: Model ")
        }
        for path in paths {
            #expect(valid.contains { $0.contains("/\(path) passed") }, "\(validated.output)")
        }
    }

    /// The export trestle imports. An SSP's `import-profile` names the catalog's back-matter
    /// resource (`#uuid`), which trestle 5.2.0 cannot follow (its SSP check resolves the href
    /// without the SSP's back-matter); the copy trestle reads names the catalog export trestle
    /// imported before it instead, so trestle checks the rest of the plan against that catalog.
    static func forTrestle(_ exports: Exports, _ model: String, _ format: String) throws -> URL {
        let file = exports.file(model, format)
        guard model == "ssp" else { return file }
        let text = try String(contentsOf: file, encoding: .utf8)
        let pointed = text.replacingOccurrences(
            of: #"("?href"?: ")#[0-9a-f-]+(")"#,
            with: "$1trestle://catalogs/attest-catalog-\(format)/catalog.\(format)$2",
            options: .regularExpression,
            range: text.range(of: "import-profile").map {
                $0.lowerBound..<text.endIndex
            })
        #expect(pointed != text)
        let copy = exports.folder.root.appendingPathComponent("trestle-ssp.\(format)")
        try Data(pointed.utf8).write(to: copy)
        return copy
    }

    @Test("Each check rejects a document that breaks OSCAL's schema, so a pass means something")
    func checksRejectABrokenDocument() async throws {
        let exports = try await Exports(.small, run: run)
        // XSD: a result without its required reviewed-controls.
        let xml = try String(contentsOf: exports.file("assessment-results", "xml"), encoding: .utf8)
        let broken = xml.replacingOccurrences(
            of: #"<reviewed-controls>[\s\S]*</reviewed-controls>"#, with: "",
            options: .regularExpression)
        #expect(broken != xml)
        let validator = try TrustCenterXMLValidator(
            schemaURL: Self.xsd("assessment-results"))
        #expect(throws: RenderError.self) { try validator.validate(Data(broken.utf8)) }
        guard LocalService.available("trestle") else { return }
        // JSON schema and trestle: a uuid that is not a UUID.
        let json = try String(contentsOf: exports.file("catalog", "json"), encoding: .utf8)
        let bad = exports.folder.root.appendingPathComponent("bad.json")
        try Data(
            json.replacingOccurrences(
                of: #""uuid": "[0-9a-f-]+""#, with: #""uuid": "not-a-uuid""#,
                options: .regularExpression
            ).utf8
        ).write(to: bad)
        let script = Fixtures.packageRoot.appendingPathComponent("Tests/Tools/oscal-json-schema.py")
        let checked = try Self.execute(
            try Self.venvPython(), [script.path, Self.jsonSchema("catalog").path, bad.path])
        #expect(checked.status == 1, "\(checked.output)")
        #expect(checked.output.contains("/catalog/uuid"))
        let trestle = try #require(LocalService.path(of: "trestle"))
        let workspace = try TemporaryWorkspace()
        _ = try Self.execute(trestle, ["init"], in: workspace.root)
        let imported = try Self.execute(
            trestle, ["import", "-f", bad.path, "-o", "bad"], in: workspace.root)
        #expect(imported.status != 0, "\(imported.output)")
    }

    @Test("Two exports of one run are byte-identical, and every UUID in them is version 5")
    func exportsOfOneRunAreIdentical() async throws {
        let exports = try await Exports(.small, run: run)
        let store = exports.folder.root.appendingPathComponent("store.sqlite").path
        for model in Self.models {
            for format in ["json", "xml", "yaml"] {
                let again = exports.folder.root.appendingPathComponent("again-\(model).\(format)")
                var arguments = [
                    "export", "oscal", "--workspace", exports.root.path, "--store", store,
                    "--model", model, "--out", again.path,
                ]
                if Self.singleFramework.contains(model) { arguments += ["--framework", "soc2"] }
                let result = await run(arguments)
                #expect(result.status == 0, "\(result.err)")
                #expect(
                    try Data(contentsOf: again)
                        == Data(contentsOf: exports.file(model, format)), "\(model).\(format)")
            }
            let json = try String(contentsOf: exports.file(model, "json"), encoding: .utf8)
            let uuids = json.matches(of: /"(?:uuid|[a-z-]+-uuid)": "([^"]*)"/).map { String($0.1) }
            #expect(!uuids.isEmpty)
            for uuid in uuids {
                #expect(
                    uuid.wholeMatch(
                        of: /[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/)
                        != nil, "\(uuid)")
            }
        }
    }
}

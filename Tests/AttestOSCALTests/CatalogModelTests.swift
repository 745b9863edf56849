import AttestCore
import AttestOSCAL
import Foundation
import Testing

@Suite("OSCAL catalog export")
struct CatalogModelTests {
    static let position = SourcePosition(file: "f.yaml", line: 1, column: 1)

    static func requirement(
        _ id: String, _ title: String, assessable: Bool? = nil, metadata: [String: String] = [:],
        parameters: [RequirementParameter] = [], children: [Requirement] = []
    ) -> Requirement {
        Requirement(
            id: RequirementID(id), title: LocalizedText(english: title),
            summary: LocalizedText(english: "Summary of \(title)."), isAssessable: assessable,
            metadata: metadata, parameters: parameters, children: children, position: position)
    }

    /// A framework as an OSCAL import leaves it (groups, a control with an enhancement,
    /// parameters of each kind, a withdrawn control) beside native requirements whose ids are
    /// not OSCAL tokens.
    static let framework = Framework(
        id: "f", name: LocalizedText(english: "Test <catalog> & co"), kind: .standard,
        issuer: "NIST", version: "5.0.1",
        metadata: ["oscal.last-modified": "2021-06-08T13:00:00.000000-04:00"],
        requirements: [
            requirement(
                "AC", "Access Control", assessable: false,
                metadata: ["oscal.id": "ac", "oscal.kind": "group", "oscal.class": "family"],
                children: [
                    requirement(
                        "AC-1", "Policy and Procedures",
                        assessable: true,
                        metadata: ["oscal.id": "ac-1", "oscal.sort-id": "ac-01"],
                        parameters: [
                            RequirementParameter(
                                id: "ac-1_prm_1", label: "organization-defined personnel",
                                guidelines: ["Name the people.", "Second guideline."],
                                metadata: ["prop.alt-identifier": "ac-01_odp.01"]),
                            RequirementParameter(
                                id: "ac-1_prm_2",
                                selection: .init(
                                    howMany: .oneOrMore,
                                    choices: ["organization-level", "system-level"])),
                            RequirementParameter(id: "ac-1_prm_3", values: ["every 3 years"]),
                        ],
                        children: [
                            requirement(
                                "AC-1(1)", "Enhancement", metadata: ["oscal.id": "ac-1.1"])
                        ]),
                    requirement(
                        "AC-2", "Withdrawn", assessable: false,
                        metadata: ["oscal.id": "ac-2", "oscal.status": "withdrawn"]),
                ]),
            requirement(
                "164.312", "Technical safeguards",
                children: [
                    requirement("164.312(a)(1)", "Access control"),
                    requirement("Art 5", "Sub", children: [requirement("5.1", "Leaf")]),
                ]),
        ], position: position)

    /// Every control and group of a decoded OSCAL catalog, by id, with its JSON object.
    static func nodes(_ catalog: [String: Any]) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        func visit(_ object: [String: Any]) {
            if let id = object["id"] as? String { result[id] = object }
            for key in ["groups", "controls"] {
                for child in object[key] as? [[String: Any]] ?? [] { visit(child) }
            }
        }
        visit(catalog)
        return result
    }

    static func decode(_ bytes: [UInt8]) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        return try #require(object?["catalog"] as? [String: Any])
    }

    @Test("A framework goes out as a catalog whose ids, titles and parameters read back unchanged")
    func roundTripKeepsIDsTitlesAndParameters() throws {
        let document = CatalogModel.document(
            Self.framework, lastModified: Date(timeIntervalSince1970: 0))
        let catalog = try Self.decode(try document.data(in: .json))
        let nodes = Self.nodes(catalog)
        let ids = ControlIdentifiers(Self.framework)
        func walk(_ requirement: Requirement) throws {
            let oscalID = try #require(ids[requirement.id])
            let node = try #require(nodes[oscalID], "\(oscalID) missing")
            #expect(node["title"] as? String == requirement.title.english)
            let props = node["props"] as? [[String: Any]] ?? []
            let label = props.first { $0["name"] as? String == "label" }?["value"] as? String
            #expect(label == requirement.id.rawValue)
            let params = node["params"] as? [[String: Any]] ?? []
            #expect(params.map { $0["id"] as? String } == requirement.parameters.map(\.id))
            for (parameter, json) in zip(requirement.parameters, params) {
                #expect(json["label"] as? String == parameter.label)
                #expect((json["values"] as? [String] ?? []) == parameter.values)
                let select = json["select"] as? [String: Any]
                #expect((select?["choice"] as? [String]) == parameter.selection?.choices)
                #expect(select?["how-many"] as? String == parameter.selection?.howMany?.rawValue)
                let guidelines = (json["guidelines"] as? [[String: Any]] ?? []).map {
                    $0["prose"] as? String
                }
                #expect(guidelines == parameter.guidelines)
            }
            try requirement.children.forEach(walk)
        }
        try Self.framework.requirements.forEach(walk)
        // Imported ids are kept; native ones are derived tokens.
        #expect(
            Set(nodes.keys) == [
                "ac", "ac-1", "ac-1.1", "ac-2", "_164.312", "_164.312.a.1",
                "Art-5", "_5.1",
            ])
        #expect(nodes["ac"]?["class"] as? String == "family")
        // The group holding both a control and a group writes the group as a control.
        #expect((nodes["_164.312"]?["controls"] as? [Any])?.count == 2)
        #expect(nodes["_164.312"]?["groups"] == nil)
        // The imported catalog's own time is kept.
        let metadata = try #require(catalog["metadata"] as? [String: Any])
        #expect(metadata["last-modified"] as? String == "2021-06-08T17:00:00Z")
        #expect(metadata["oscal-version"] as? String == "1.2.1")
        let withdrawn = nodes["ac-2"]?["props"] as? [[String: Any]] ?? []
        #expect(withdrawn.contains { $0["name"] as? String == "status" })
    }

    @Test("Two exports of a catalog are byte-identical in every format, with version 5 UUIDs")
    func exportsAreDeterministic() throws {
        for format in OSCALFormat.allCases {
            let first = try CatalogModel.document(
                Self.framework, lastModified: Date(timeIntervalSince1970: 0)
            ).data(in: format)
            let second = try CatalogModel.document(
                Self.framework, lastModified: Date(timeIntervalSince1970: 0)
            ).data(in: format)
            #expect(first == second)
        }
        let catalog = try Self.decode(
            try CatalogModel.document(Self.framework, lastModified: Date()).data(in: .json))
        let uuid = try #require(catalog["uuid"] as? String)
        #expect(
            uuid.wholeMatch(
                of: /[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
    }

    @Test("XML carries a parameter's guideline as bare paragraphs and its choices as elements")
    func xmlParameterShape() throws {
        let xml = String(
            decoding: try CatalogModel.document(
                Self.framework, lastModified: Date(timeIntervalSince1970: 0)
            ).data(in: .xml), as: UTF8.self)
        #expect(
            xml.contains("<guideline>\n          <p>Name the people.</p>\n        </guideline>"))
        #expect(xml.contains("<select how-many=\"one-or-more\">"))
        #expect(xml.contains("<choice>organization-level</choice>"))
        #expect(xml.contains("<title>Test &lt;catalog&gt; &amp; co</title>"))
    }
}

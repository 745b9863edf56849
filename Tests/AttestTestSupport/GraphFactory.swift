import AttestCore

/// Small in-memory workspaces for graph and scoring tests, built without YAML.
public enum GraphFactory {
    public static func position(_ line: Int, file: String = "test.yaml") -> SourcePosition {
        SourcePosition(file: file, line: line, column: 1)
    }

    public static func requirement(
        _ id: RequirementID, _ children: [Requirement] = [], weight: Double = 1,
        assessable: Bool? = nil, tags: [String] = [], line: Int = 1
    ) -> Requirement {
        Requirement(
            id: id, title: LocalizedText(english: "Title of \(id)"), tags: tags, weight: weight,
            isAssessable: assessable, children: children, position: position(line))
    }

    public static func framework(
        _ id: FrameworkID, _ requirements: [Requirement], line: Int = 1
    ) -> Framework {
        Framework(
            id: id, name: LocalizedText(english: "Framework \(id)"), kind: .standard,
            issuer: "Tests",
            requirements: requirements, position: position(line, file: "\(id).yaml"))
    }

    public static func evidence(
        _ id: EvidenceID, control: ControlID, weight: Double = 1
    ) -> EvidenceSpec {
        EvidenceSpec(
            id: id, control: control, collector: .file, path: "evidence/\(id)", weight: weight,
            position: position(1))
    }

    public static func control(
        _ id: ControlID, satisfies: [String], evidence: [EvidenceID] = [], weight: Double = 1,
        notApplicable: String? = nil, visibility: Visibility = .public, line: Int = 1
    ) -> Control {
        Control(
            id: id, title: LocalizedText(english: "Control \(id)"), visibility: visibility,
            weight: weight, notApplicable: notApplicable,
            satisfies: satisfies.compactMap { RequirementKey(parsing: $0) }.map {
                RequirementReference($0, at: position(line))
            },
            evidence: evidence.map { self.evidence($0, control: id) }, position: position(line))
    }

    public static func mapping(_ from: String, _ relation: MappingRelation, _ to: String) -> Mapping
    {
        Mapping(
            from: RequirementKey(parsing: from)!, to: RequirementKey(parsing: to)!,
            relation: relation,
            source: "test", position: position(1))
    }

    public static func workspace(
        frameworks: [Framework], controls: [Control] = [], mappings: [Mapping] = [],
        selections: [FrameworkSelection] = [], exclusions: [Exclusion] = []
    ) -> Workspace {
        Workspace(
            manifest: Manifest(
                organisation: "Test", frameworks: selections, exclusions: exclusions,
                position: position(1)),
            frameworks: frameworks, controls: controls, mappings: mappings)
    }
}

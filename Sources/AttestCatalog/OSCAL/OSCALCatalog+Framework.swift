import AttestCore

/// Where a resolved catalog came from, for the framework's metadata and `attest catalog list`.
struct OSCALProvenance: Hashable, Sendable {
    /// `catalog` or `profile`: the model of the file `attest.yaml` names.
    var model: String
    /// That file, as the workspace path it was read from.
    var file: String
    /// For a profile: the catalog files its controls came from, in import order.
    var catalogs: [String] = []
    /// For a profile: how many controls those catalogs hold in all.
    var catalogControls = 0
}

/// Converts a catalog (read as is, or resolved from a profile) into an Attest framework.
///
/// Groups become domains (not assessable), controls and their enhancements become
/// requirements nested as in OSCAL, each assessable unless withdrawn; the control's label is
/// its id (`AC-2(1)`), its statement its summary. docs/oscal.md has the field-by-field table.
struct OSCALFrameworkBuilder {
    let source: OSCALFrameworkSource
    private(set) var diagnostics: [Diagnostic] = []
    private var seen: [String: SourcePosition] = [:]
    private var prose = OSCALProse(parameters: [:])

    init(source: OSCALFrameworkSource) {
        self.source = source
    }

    /// - Complexity: O(n) in the catalog's controls, parts and parameters.
    mutating func framework(
        from catalog: OSCALCatalog, provenance: OSCALProvenance
    ) -> Framework {
        var parameters: [String: OSCALParameter] = [:]
        Self.collectParameters(catalog.params, catalog.controls, catalog.groups, into: &parameters)
        prose = OSCALProse(parameters: parameters)
        var requirements: [Requirement] = []
        for control in catalog.controls {
            if let requirement = requirement(for: control, tags: []) {
                requirements.append(requirement)
            }
        }
        for (index, group) in catalog.groups.enumerated() {
            if let requirement = requirement(for: group, index: index, tags: []) {
                requirements.append(requirement)
            }
        }
        let metadata = catalog.metadata
        var facts: [String: String] = [
            "oscal.uuid": catalog.uuid, "oscal.version": metadata.oscalVersion,
            "oscal.model": provenance.model, "oscal.source": provenance.file,
            "oscal.title": metadata.title,
        ]
        if provenance.model == "profile" {
            facts["oscal.resolved-from"] = provenance.catalogs.joined(separator: ",")
            facts["oscal.resolved-from-controls"] = String(provenance.catalogControls)
        }
        if let modified = metadata.lastModified { facts["oscal.last-modified"] = modified }
        return Framework(
            id: source.id, name: source.name ?? LocalizedText(english: metadata.title),
            kind: source.kind ?? .standard, issuer: source.issuer ?? Self.issuer(metadata),
            version: metadata.version, metadata: facts, requirements: requirements,
            position: source.position)
    }

    /// The party with the role `publisher`, else `creator`, else the document's title.
    static func issuer(_ metadata: OSCALMetadata) -> String {
        for role in ["publisher", "creator"] {
            for entry in metadata.responsibleParties where entry.role == role {
                if let name = entry.parties.lazy.compactMap({ metadata.parties[$0] }).first {
                    return name
                }
            }
        }
        return metadata.title
    }

    // MARK: Requirements

    private mutating func requirement(
        for group: OSCALGroup, index: Int, tags: [String]
    ) -> Requirement? {
        let oscalID = group.id ?? "group-\(index + 1)"
        let tags = tags + [oscalID]
        var children: [Requirement] = []
        for child in group.controls {
            if let requirement = requirement(for: child, tags: tags) {
                children.append(requirement)
            }
        }
        for (position, child) in group.groups.enumerated() {
            if let requirement = requirement(for: child, index: position, tags: tags) {
                children.append(requirement)
            }
        }
        var metadata = ["oscal.id": oscalID, "oscal.kind": "group"]
        metadata["oscal.class"] = group.groupClass
        let id = Self.label(group.props) ?? oscalID
        guard unique(id, at: group.position) else { return nil }
        return Requirement(
            id: RequirementID(id), title: LocalizedText(english: group.title),
            tags: tags.dropLast().map { $0 }, isAssessable: false, metadata: metadata,
            children: children, position: group.position)
    }

    private mutating func requirement(for control: OSCALControl, tags: [String]) -> Requirement? {
        let status = control.props.first { $0.name == "status" }?.value
        let withdrawn = status == "withdrawn"
        var metadata = ["oscal.id": control.id]
        metadata["oscal.class"] = control.controlClass
        metadata["oscal.sort-id"] = control.props.first { $0.name == "sort-id" }?.value
        metadata["oscal.status"] = status
        let id = Self.label(control.props) ?? control.id
        guard unique(id, at: control.position) else { return nil }
        var children: [Requirement] = []
        for child in control.controls {
            if let requirement = requirement(for: child, tags: tags) {
                children.append(requirement)
            }
        }
        return Requirement(
            id: RequirementID(id), title: LocalizedText(english: control.title),
            summary: prose.statement(of: control).map(LocalizedText.init(english:)), tags: tags,
            isAssessable: !withdrawn, metadata: metadata,
            parameters: control.params.map(Self.parameter), children: children,
            position: control.position)
    }

    /// Requirement ids are unique in a framework: a second one is reported and left out.
    private mutating func unique(_ id: String, at position: SourcePosition) -> Bool {
        if let first = seen[id] {
            diagnostics.append(
                .error(
                    .oscalDuplicateID,
                    "requirement id '\(id)' is used twice in framework '\(source.id.rawValue)'; "
                        + "the second is left out", at: position,
                    notes: [.init("first used here", at: first)]))
            return false
        }
        seen[id] = position
        return true
    }

    /// The control's display label: a `label` prop without a class first, then SP 800-53's
    /// own class, then any other, and a zero-padded form (`AC-02`) last.
    static func label(_ props: [OSCALProperty]) -> String? {
        let labels = props.filter { $0.name == "label" && !$0.value.isEmpty }
        func rank(_ prop: OSCALProperty) -> Int {
            switch prop.propClass {
            case nil: 0
            case "sp800-53"?: 1
            case "zero-padded"?: 3
            default: 2
            }
        }
        return labels.min { rank($0) < rank($1) }?.value
    }

    static func parameter(_ parameter: OSCALParameter) -> RequirementParameter {
        var metadata: [String: String] = [:]
        metadata["class"] = parameter.paramClass
        metadata["depends-on"] = parameter.dependsOn
        metadata["usage"] = parameter.usage
        for prop in parameter.props where metadata["prop.\(prop.name)"] == nil {
            metadata["prop.\(prop.name)"] = prop.value
        }
        let selection = parameter.select.map {
            RequirementParameter.Selection(
                howMany: $0.howMany.flatMap(RequirementParameter.Selection.Cardinality.init),
                choices: $0.choices)
        }
        return RequirementParameter(
            id: parameter.id, label: parameter.label, values: parameter.values,
            selection: selection, guidelines: parameter.guidelines, metadata: metadata)
    }

    private static func collectParameters(
        _ params: [OSCALParameter], _ controls: [OSCALControl], _ groups: [OSCALGroup],
        into result: inout [String: OSCALParameter]
    ) {
        for parameter in params where result[parameter.id] == nil {
            result[parameter.id] = parameter
        }
        for control in controls {
            collectParameters(control.params, control.controls, [], into: &result)
        }
        for group in groups {
            collectParameters(group.params, group.controls, group.groups, into: &result)
        }
    }
}

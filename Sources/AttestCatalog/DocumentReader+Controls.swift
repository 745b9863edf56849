import AttestCore
import Foundation

extension ConfigReader {
    static let controlKeys: Set<String> = [
        "id", "title", "description", "owner", "visibility", "weight", "not_applicable",
        "satisfies", "evidence", "tags", "key", "level",
    ]
    static let satisfiesEntryKeys: Set<String> = ["id", "key", "level"]

    /// Reads a `controls:` list.
    mutating func readControls(_ value: ConfigValue) -> [Control] {
        guard let items = sequence(value, "controls") else { return [] }
        return items.compactMap { readControl($0) }
    }

    private mutating func readControl(_ value: ConfigValue) -> Control? {
        guard
            let fields = fields(
                value, "a control",
                allowed: Self.controlKeys,
                required: ["id", "title"])
        else { return nil }
        let id = fields["id"].flatMap { plainString($0, "control id") }
        let title = fields["title"].flatMap { text($0, "control title") }
        let description = fields["description"].flatMap { text($0, "description") }
        let owner = fields["owner"].flatMap { string($0, "owner") }
        let visibility =
            fields["visibility"].flatMap {
                choice($0, "visibility", as: Visibility.self, code: .controlInvalidVisibility)
            } ?? .internal
        let weight = fields["weight"].flatMap { boundedWeight($0) } ?? 1
        let notApplicable = fields["not_applicable"].flatMap {
            string($0, "not_applicable justification")
        }
        // `key` and `level` on the control apply to every requirement it satisfies unless an
        // entry of `satisfies` says otherwise.
        let isKey = fields["key"].flatMap { bool($0, "key") } ?? false
        let level =
            fields["level"].flatMap {
                choice($0, "level", as: EnforcementLevel.self)
            } ?? .meets
        let satisfies =
            fields["satisfies"].map { readSatisfies($0, isKey: isKey, level: level) } ?? []
        let tags = fields["tags"].flatMap { strings($0, "tags") } ?? []
        guard let id, let title else { return nil }
        let controlID = ControlID(id)
        let evidence =
            fields["evidence"].map {
                readEvidenceList($0, control: controlID, controlVisibility: visibility)
            } ?? []
        return Control(
            id: controlID, title: title, description: description, owner: owner,
            visibility: visibility, weight: weight, notApplicable: notApplicable,
            satisfies: satisfies, evidence: evidence, tags: tags, position: value.position)
    }

    /// `satisfies: { soc2: [CC6.1, CC6.7], iso27001: [A.8.24] }`; an entry may instead be
    /// `{ id: CC8.1, key: true, level: meets }` to set, for that requirement alone, what the
    /// control's own `key` and `level` (`isKey`, `level`) otherwise give.
    private mutating func readSatisfies(
        _ value: ConfigValue, isKey: Bool, level: EnforcementLevel
    ) -> [RequirementReference] {
        guard let entries = value.mapping else {
            error(
                .schemaWrongType,
                "expected a mapping of framework → requirement ids for satisfies, found \(value.shapeName)",
                at: value.position)
            return []
        }
        var result: [RequirementReference] = []
        for entry in entries {
            guard let items = sequence(entry.value, "satisfies.\(entry.key)") else { continue }
            for item in items {
                var entryKey = isKey
                var entryLevel = level
                var idValue = item
                if item.mapping != nil {
                    guard
                        let fields = fields(
                            item, "a satisfies entry", allowed: Self.satisfiesEntryKeys,
                            required: ["id"]),
                        let id = fields["id"]
                    else { continue }
                    idValue = id
                    if let given = fields["key"].flatMap({ bool($0, "key") }) { entryKey = given }
                    if let given = fields["level"].flatMap({
                        choice($0, "level", as: EnforcementLevel.self)
                    }) {
                        entryLevel = given
                    }
                }
                guard let id = string(idValue, "a requirement id of \(entry.key)") else {
                    continue
                }
                if entryKey, entryLevel == .exceeds {
                    // A key control is one the requirement cannot be met without; an
                    // `exceeds` control goes beyond what it asks. Both at once contradict.
                    error(
                        .controlKeyExceeds,
                        "a key control cannot exceed '\(entry.key)/\(id)': a key control is what the requirement needs, an exceeds control goes beyond it",
                        at: item.position)
                }
                result.append(
                    RequirementReference(
                        RequirementKey(FrameworkID(entry.key), RequirementID(id)),
                        at: item.position, frameworkAt: entry.keyPosition, isKey: entryKey,
                        level: entryLevel))
            }
        }
        return result
    }

    /// The keys every evidence item may have, whatever its collector (read one by one in
    /// ``readEvidence(_:control:controlVisibility:)``; the rest are the collector's options).
    private static let evidenceKeys: Set<String> = [
        "id", "title", "collector", "path", "max_age", "weight", "visibility",
    ]

    private mutating func readEvidenceList(
        _ value: ConfigValue, control: ControlID, controlVisibility: Visibility
    ) -> [EvidenceSpec] {
        guard let items = sequence(value, "evidence") else { return [] }
        return items.compactMap { item in
            readEvidence(item, control: control, controlVisibility: controlVisibility)
        }
    }

    private mutating func readEvidence(
        _ value: ConfigValue, control: ControlID, controlVisibility: Visibility
    ) -> EvidenceSpec? {
        guard let entries = value.mapping else {
            error(
                .schemaWrongType,
                "expected a mapping for an evidence item, found \(value.shapeName)",
                at: value.position)
            return nil
        }
        // One pass over the keys, the common ones by name: no dictionary for them (this runs
        // for every evidence item of the workspace).
        var id, titleValue, collectorValue, pathValue, maxAgeValue, weightValue,
            visibility: ConfigValue?
        var options: [String: ConfigValue] = [:]
        for entry in entries {
            switch entry.key {
            case "id": id = entry.value
            case "title": titleValue = entry.value
            case "collector": collectorValue = entry.value
            case "path": pathValue = entry.value
            case "max_age": maxAgeValue = entry.value
            case "weight": weightValue = entry.value
            case "visibility": visibility = entry.value
            default: options[entry.key] = entry.value
            }
        }
        // `recipe:` stands for a collector and its options (DocumentReader+Recipes.swift).
        let usesRecipe = options["recipe"] != nil
        let recipe = usesRecipe ? expandRecipe(entries, commonKeys: Self.evidenceKeys) : nil
        if id == nil {
            error(.schemaMissingKey, "an evidence item needs the key 'id'", at: value.position)
        }
        if !usesRecipe, collectorValue == nil {
            error(
                .schemaMissingKey, "an evidence item needs the key 'collector'",
                at: value.position)
        }
        let plainID = id.flatMap { plainString($0, "evidence id") }
        let title =
            titleValue.flatMap { text($0, "evidence title") }
            ?? recipe.map { LocalizedText(english: $0.title) }
        let collector =
            usesRecipe
            ? recipe?.collector
            : collectorValue.flatMap {
                choice($0, "collector", as: CollectorKind.self, code: .evidenceUnknownCollector)
            }
        let path = pathValue.flatMap { string($0, "path") }
        let maxAge = maxAgeValue.flatMap { timeSpan($0, "max_age") }
        let weight = weightValue.flatMap { boundedWeight($0) } ?? 1
        let own = visibility.flatMap {
            choice($0, "visibility", as: Visibility.self, code: .controlInvalidVisibility)
        }
        guard let plainID, let collector else { return nil }
        return EvidenceSpec(
            id: EvidenceID(plainID), control: control, title: title, collector: collector,
            path: path,
            maxAge: maxAge, weight: weight,
            // Evidence is never less restricted than the control it proves.
            visibility: max(controlVisibility, own ?? controlVisibility),
            options: recipe?.options ?? options, position: value.position,
            pathPosition: pathValue?.position)
    }
}

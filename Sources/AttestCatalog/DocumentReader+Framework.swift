import AttestCore

extension ConfigReader {
    static let requirementKeys: Set<String> = [
        "id", "title", "summary", "tags", "weight", "assessable", "metadata", "requirements",
        "aggregate", "parameters",
    ]
    static let relationKeys: Set<String> = ["from", "to", "relation", "source", "note"]

    /// Reads a framework catalog document (`framework:` and `requirements:`).
    mutating func readFramework(_ document: Fields) -> Framework? {
        guard let header = document["framework"],
            let fields = fields(
                header, "framework",
                allowed: [
                    "id", "name", "kind", "issuer", "version", "url", "metadata", "aggregate",
                ],
                required: ["id", "name", "kind", "issuer"])
        else { return nil }
        let id = fields["id"].flatMap { plainString($0, "framework id") }
        let name = fields["name"].flatMap { text($0, "framework name") }
        let kind = fields["kind"].flatMap { choice($0, "framework kind", as: Framework.Kind.self) }
        let issuer = fields["issuer"].flatMap { string($0, "issuer") }
        let version = fields["version"].flatMap { string($0, "version") }
        let url = fields["url"].flatMap { plainString($0, "url") }
        let metadata = fields["metadata"].flatMap { stringMap($0, "metadata") } ?? [:]
        let aggregate = fields["aggregate"].flatMap { choice($0, "aggregate", as: Aggregate.self) }
        var parameterIDs: [String: SourcePosition] = [:]
        let requirements =
            document["requirements"].map {
                readRequirements($0, depth: 0, parameterIDs: &parameterIDs)
            } ?? []
        guard let id, let name, let kind, let issuer else { return nil }
        return Framework(
            id: FrameworkID(id), name: name, kind: kind, issuer: issuer, version: version, url: url,
            metadata: metadata, aggregate: aggregate, requirements: requirements,
            position: header.position)
    }

    private mutating func readRequirements(
        _ value: ConfigValue, depth: Int, parameterIDs: inout [String: SourcePosition]
    ) -> [Requirement] {
        guard let items = sequence(value, "requirements") else { return [] }
        return items.compactMap { readRequirement($0, depth: depth, parameterIDs: &parameterIDs) }
    }

    private mutating func readRequirement(
        _ value: ConfigValue, depth: Int, parameterIDs: inout [String: SourcePosition]
    ) -> Requirement? {
        guard
            let fields = fields(
                value, "a requirement",
                allowed: Self.requirementKeys,
                required: ["id", "title"])
        else { return nil }
        let id = fields["id"].flatMap { plainString($0, "requirement id") }
        let title = fields["title"].flatMap { text($0, "requirement title") }
        let summary = fields["summary"].flatMap { text($0, "summary") }
        let tags = fields["tags"].flatMap { strings($0, "tags") } ?? []
        let weight = fields["weight"].flatMap { boundedWeight($0) } ?? 1
        let assessable = fields["assessable"].flatMap { bool($0, "assessable") }
        let metadata = fields["metadata"].flatMap { stringMap($0, "metadata") } ?? [:]
        let parameters =
            fields["parameters"].map { readParameters($0, seen: &parameterIDs) } ?? []
        let children =
            fields["requirements"].map {
                readRequirements($0, depth: depth + 1, parameterIDs: &parameterIDs)
            } ?? []
        let aggregate = fields["aggregate"].flatMap { choice($0, "aggregate", as: Aggregate.self) }
        if let given = fields["aggregate"], !(assessable ?? children.isEmpty) {
            // Only an assessable requirement combines controls; a domain is a mean of leaves.
            error(
                .schemaInvalidValue,
                "aggregate is only used on assessable requirements; '\(id ?? "")' has requirements under it, so set it on those or on the framework",
                at: given.position)
        }
        if let given = fields["weight"], !(assessable ?? children.isEmpty) {
            // A node's score is the weighted mean of its leaves: its own weight would be ignored.
            error(
                .schemaInvalidValue,
                "weight is only used on assessable requirements; '\(id ?? "")' has requirements under it, so weigh those instead",
                at: given.position)
        }
        guard let id, let title else { return nil }
        return Requirement(
            id: RequirementID(id), title: title, summary: summary, tags: tags, weight: weight,
            isAssessable: assessable, aggregate: aggregate, metadata: metadata,
            parameters: parameters, children: children, position: value.position)
    }

    /// Reads a mapping document (`mappings:` with `from`, `to`, `source`, `relations`).
    mutating func readMappings(_ document: Fields) -> [Mapping] {
        guard let header = document["mappings"],
            let fields = fields(
                header, "mappings", allowed: ["from", "to", "source", "relations"],
                required: ["from", "to", "source", "relations"])
        else { return [] }
        let from = fields["from"].flatMap { string($0, "mappings.from") }
        let to = fields["to"].flatMap { string($0, "mappings.to") }
        let source = fields["source"].flatMap { text($0, "mappings.source") }
        guard let from, let to, let source, let relations = fields["relations"],
            let items = sequence(relations, "relations")
        else { return [] }
        return items.compactMap { item in
            guard
                let relation = self.fields(
                    item, "a relation", allowed: Self.relationKeys,
                    required: ["from", "to", "relation"])
            else { return nil }
            let fromID = relation["from"].flatMap { string($0, "relation end 'from'") }
            let toID = relation["to"].flatMap { string($0, "relation end 'to'") }
            let type = relation["relation"].flatMap {
                choice($0, "relation", as: MappingRelation.self)
            }
            let ownSource = relation["source"].flatMap { text($0, "relation source") }
            let note = relation["note"].flatMap { text($0, "relation note") }
            guard let fromID, let toID, let type else { return nil }
            return Mapping(
                from: RequirementKey(FrameworkID(from), RequirementID(fromID)),
                to: RequirementKey(FrameworkID(to), RequirementID(toID)), relation: type,
                source: ownSource ?? source, note: note, position: item.position)
        }
    }
}

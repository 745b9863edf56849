import AttestCore

extension ConfigReader {
    static let requirementParameterKeys: Set<String> = [
        "id", "label", "values", "select", "guidelines", "metadata",
    ]

    /// Reads a requirement's `parameters:` list (docs/catalog-format.md, "Parameters").
    ///
    /// - Parameter seen: the ids already read in this framework with where, so that a
    ///   duplicate is reported with a note at the first.
    mutating func readParameters(
        _ value: ConfigValue, seen: inout [String: SourcePosition]
    ) -> [RequirementParameter] {
        guard let items = sequence(value, "parameters") else { return [] }
        return items.compactMap { readParameter($0, seen: &seen) }
    }

    private mutating func readParameter(
        _ value: ConfigValue, seen: inout [String: SourcePosition]
    ) -> RequirementParameter? {
        guard
            let fields = fields(
                value, "a parameter", allowed: Self.requirementParameterKeys, required: ["id"],
                suggesting: true)
        else { return nil }
        let id = fields["id"].flatMap { plainString($0, "parameter id") }
        let label = fields["label"].flatMap { string($0, "parameter label") }
        let values = fields["values"].flatMap { strings($0, "parameter values") } ?? []
        let selection = fields["select"].flatMap { readSelection($0) }
        let guidelines = fields["guidelines"].flatMap { strings($0, "parameter guidelines") } ?? []
        let metadata = fields["metadata"].flatMap { stringMap($0, "parameter metadata") } ?? [:]
        guard let id else { return nil }
        let at = fields["id"]?.position ?? value.position
        if let first = seen[id] {
            report(
                .error(
                    .parameterDuplicateID, "parameter '\(id)' is defined twice", at: at,
                    notes: [.init("first defined here", at: first)]))
            return nil
        }
        seen[id] = at
        return RequirementParameter(
            id: id, label: label, values: values, selection: selection, guidelines: guidelines,
            metadata: metadata)
    }

    private mutating func readSelection(_ value: ConfigValue) -> RequirementParameter.Selection? {
        guard
            let fields = fields(
                value, "a parameter selection", allowed: ["how_many", "choices"],
                required: ["choices"], suggesting: true)
        else { return nil }
        let howMany = fields["how_many"].flatMap {
            choice($0, "how_many", as: RequirementParameter.Selection.Cardinality.self)
        }
        guard let choices = fields["choices"].flatMap({ strings($0, "choices") }) else {
            return nil
        }
        return RequirementParameter.Selection(howMany: howMany, choices: choices)
    }
}

import AttestCore

/// Writes a ``Framework`` as an Attest framework catalog (docs/catalog-format.md), the text
/// that `attest import oscal … --out controls/frameworks/NAME.yaml` saves for teams that want to
/// edit a catalog they imported.
///
/// Reading the text back gives an equal framework, positions excepted: every string is written
/// double-quoted with YAML escapes, so no value can turn into a number, a boolean, a null, a
/// comment or a nested structure, whatever characters it holds. Output is deterministic: keys in
/// a fixed order, metadata and locales sorted. Defaults are left out (`weight: 1`, an
/// `assessable` equal to "is a leaf").
///
/// A framework that Attest's reader would refuse (a weight on a requirement with requirements
/// under it and not assessable) is written as it is, and refused on reading the same way.
public enum FrameworkYAMLWriter {
    /// The catalog text for `framework`, ending with a line break.
    public static func yaml(for framework: Framework) -> String {
        var out = YAMLLines()
        out.line(0, "schema: 1")
        out.line(0, "framework:")
        out.line(1, "id: " + quoted(framework.id.rawValue))
        out.text(1, "name", framework.name)
        out.line(1, "kind: " + framework.kind.rawValue)
        out.line(1, "issuer: " + quoted(framework.issuer))
        if let version = framework.version { out.line(1, "version: " + quoted(version)) }
        if let url = framework.url { out.line(1, "url: " + quoted(url)) }
        out.map(1, "metadata", framework.metadata)
        if let aggregate = framework.aggregate {
            out.line(1, "aggregate: " + aggregate.rawValue)
        }
        if framework.requirements.isEmpty {
            out.line(0, "requirements: []")
        } else {
            out.line(0, "requirements:")
            for requirement in framework.requirements { write(requirement, level: 1, to: &out) }
        }
        return out.text
    }

    private static func write(_ requirement: Requirement, level: Int, to out: inout YAMLLines) {
        out.line(level, "- id: " + quoted(requirement.id.rawValue))
        let level = level + 1
        out.text(level, "title", requirement.title)
        if let summary = requirement.summary { out.text(level, "summary", summary) }
        if !requirement.tags.isEmpty { out.list(level, "tags", requirement.tags) }
        if requirement.weight != 1 { out.line(level, "weight: \(requirement.weight)") }
        if requirement.isAssessable != requirement.children.isEmpty {
            out.line(level, "assessable: \(requirement.isAssessable)")
        }
        if let aggregate = requirement.aggregate {
            out.line(level, "aggregate: " + aggregate.rawValue)
        }
        out.map(level, "metadata", requirement.metadata)
        if !requirement.parameters.isEmpty {
            out.line(level, "parameters:")
            for parameter in requirement.parameters { write(parameter, level: level + 1, to: &out) }
        }
        if !requirement.children.isEmpty {
            out.line(level, "requirements:")
            for child in requirement.children { write(child, level: level + 1, to: &out) }
        }
    }

    private static func write(
        _ parameter: RequirementParameter, level: Int, to out: inout YAMLLines
    ) {
        out.line(level, "- id: " + quoted(parameter.id))
        let level = level + 1
        if let label = parameter.label { out.line(level, "label: " + quoted(label)) }
        if !parameter.values.isEmpty { out.list(level, "values", parameter.values) }
        if let selection = parameter.selection {
            out.line(level, "select:")
            if let howMany = selection.howMany {
                out.line(level + 1, "how_many: " + howMany.rawValue)
            }
            out.list(level + 1, "choices", selection.choices)
        }
        if !parameter.guidelines.isEmpty { out.list(level, "guidelines", parameter.guidelines) }
        out.map(level, "metadata", parameter.metadata)
    }

    static func quoted(_ text: String) -> String { YAMLScalar.quoted(text) }
}

/// Indented lines of YAML, two spaces a level.
private struct YAMLLines {
    private(set) var text = ""

    mutating func line(_ level: Int, _ content: String) {
        text += String(repeating: "  ", count: level) + content + "\n"
    }

    /// Localised text: a string when only English is set, else a mapping of sorted locales.
    mutating func text(_ level: Int, _ key: String, _ value: LocalizedText) {
        if value.values.count == 1, let english = value.values[LocalizedText.defaultLocale] {
            line(level, key + ": " + FrameworkYAMLWriter.quoted(english))
            return
        }
        line(level, key + ":")
        for locale in value.locales {
            line(
                level + 1,
                FrameworkYAMLWriter.quoted(locale) + ": "
                    + FrameworkYAMLWriter.quoted(value.values[locale] ?? ""))
        }
    }

    /// A string map with sorted keys; nothing when empty.
    mutating func map(_ level: Int, _ key: String, _ values: [String: String]) {
        guard !values.isEmpty else { return }
        line(level, key + ":")
        for name in values.keys.sorted() {
            line(
                level + 1,
                FrameworkYAMLWriter.quoted(name) + ": "
                    + FrameworkYAMLWriter.quoted(values[name] ?? ""))
        }
    }

    /// A list of strings, one item a line.
    mutating func list(_ level: Int, _ key: String, _ values: [String]) {
        guard !values.isEmpty else {
            line(level, key + ": []")
            return
        }
        line(level, key + ":")
        for value in values { line(level + 1, "- " + FrameworkYAMLWriter.quoted(value)) }
    }
}

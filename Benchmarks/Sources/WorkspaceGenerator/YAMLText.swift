/// A YAML document written line by line, with the quoting the generated values need.
struct YAMLText {
    private(set) var text = ""

    init(comment: String? = nil) {
        if let comment { text += "# \(comment)\n" }
    }

    /// Appends one line at `indent` levels of two spaces.
    mutating func line(_ indent: Int, _ content: String) {
        text += String(repeating: "  ", count: indent)
        text += content
        text += "\n"
    }

    /// `"text"` with backslashes and double quotes escaped.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for character in value {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.append(character)
            }
        }
        return result + "\""
    }

    /// An identifier as the shipped catalogs write it: quoted when it would read as a number
    /// (`"4.1"`), plain otherwise (`A.8.24`, `Art.5(1)(f)`).
    static func identifier(_ value: String) -> String {
        value.allSatisfy { $0.isNumber || $0 == "." } ? quoted(value) : value
    }

    /// `{ en: "…", fr: "…" }`.
    static func flowText(_ text: (en: String, fr: String)) -> String {
        "{ en: \(quoted(text.en)), fr: \(quoted(text.fr)) }"
    }

    /// `[a, b, c]` of identifiers.
    static func flowList(_ items: [String]) -> String {
        "[" + items.map(identifier).joined(separator: ", ") + "]"
    }

    /// Writes `key:` followed by the text as a block mapping of locales.
    mutating func blockText(_ indent: Int, _ key: String, _ text: (en: String, fr: String)) {
        line(indent, "\(key):")
        line(indent + 1, "en: \(Self.quoted(text.en))")
        line(indent + 1, "fr: \(Self.quoted(text.fr))")
    }
}

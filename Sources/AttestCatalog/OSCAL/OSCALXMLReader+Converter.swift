import AttestCore

/// Turns an OSCAL XML element tree into the `ConfigValue` tree of the same document in OSCAL
/// JSON, following ``OSCALXMLSchema``.
///
/// Rules, in order, for one element:
/// 1. a markup-multiline field (`remarks`, `description`…) is a Markdown string of its blocks;
/// 2. a field listed as unquoted (`as-is`, `percentage`) is a plain scalar (boolean, number);
/// 3. an element with attributes, child elements other than markup, or listed as an assembly
///    is a mapping: attributes (flags) first, then children under their JSON keys, repeated ones
///    as lists; its block markup is its `prose`; a field with flags keeps its text under its
///    value key (`link` → `text`, `hash` → `value`);
/// 4. an element holding block markup is a Markdown string of its blocks;
/// 5. any other element is a string: its text, with inline markup as Markdown.
///
/// Every node is placed at its element's line, column 1.
struct OSCALXMLConverter {
    let file: String

    /// The document as a mapping with one key, the root element's name (`catalog`…).
    func document(_ root: OSCALXMLElement) -> ConfigValue {
        let at = position(root.line)
        return ConfigValue(
            .mapping([ConfigEntry(key: root.name, keyPosition: at, value: value(of: root))]),
            at: at)
    }

    private func position(_ line: Int) -> SourcePosition {
        SourcePosition(file: file, line: max(line, 1), column: 1)
    }

    private func string(_ text: String, at line: Int) -> ConfigValue {
        ConfigValue(.scalar(text, isQuoted: true), at: position(line))
    }

    func value(of element: OSCALXMLElement) -> ConfigValue {
        let name = element.name
        if OSCALXMLSchema.markupMultiline.contains(name) {
            return string(OSCALXMLMarkdown.blocks(element.children), at: element.line)
        }
        if OSCALXMLSchema.unquoted.contains(name) {
            return ConfigValue(
                .scalar(OSCALXMLMarkdown.trimmed(element.children), isQuoted: false),
                at: position(element.line))
        }
        var hasStructure = false
        var hasBlocks = false
        var hasInlines = false
        for case .element(let child) in element.children {
            if OSCALXMLSchema.blocks.contains(child.name) {
                hasBlocks = true
            } else if OSCALXMLSchema.inlines.contains(child.name) {
                hasInlines = true
            } else {
                hasStructure = true
            }
        }
        if hasStructure || !element.attributes.isEmpty
            || OSCALXMLSchema.assemblies.contains(name)
        {
            return mapping(of: element)
        }
        if hasBlocks {
            return string(OSCALXMLMarkdown.blocks(element.children), at: element.line)
        }
        return string(text(of: element, hasInlines: hasInlines), at: element.line)
    }

    /// The text of a field: one Markdown line for markup, the trimmed text otherwise.
    private func text(of element: OSCALXMLElement, hasInlines: Bool) -> String {
        if hasInlines || OSCALXMLSchema.markupLine.contains(element.name) {
            return OSCALXMLMarkdown.line(element.children)
        }
        return OSCALXMLMarkdown.trimmed(element.children)
    }

    private func mapping(of element: OSCALXMLElement) -> ConfigValue {
        var builder = MappingBuilder()
        let at = position(element.line)
        for attribute in element.attributes {
            builder.add(
                attribute.name, at: at, string(attribute.value, at: element.line), isList: false)
        }
        var prose: [OSCALXMLElement.Child] = []
        var proseLine: Int?
        var hasFieldText = false
        var hasInlines = false
        for child in element.children {
            switch child {
            case .text(let text):
                if !OSCALXMLMarkdown.isBlank(text) { hasFieldText = true }
            case .element(let nested):
                if OSCALXMLSchema.blocks.contains(nested.name) {
                    prose.append(child)
                    proseLine = proseLine ?? nested.line
                } else if OSCALXMLSchema.inlines.contains(nested.name) {
                    hasFieldText = true
                    hasInlines = true
                } else {
                    let (key, isList) = OSCALXMLSchema.key(for: nested.name, in: element.name)
                    builder.add(key, at: position(nested.line), value(of: nested), isList: isList)
                }
            }
        }
        if !prose.isEmpty, let proseLine {
            builder.add(
                "prose", at: position(proseLine),
                string(OSCALXMLMarkdown.blocks(prose), at: proseLine), isList: false)
        }
        if hasFieldText {
            let key = OSCALXMLSchema.valueKey[element.name] ?? OSCALXMLSchema.defaultValueKey
            let text = text(of: element, hasInlines: hasInlines)
            let value =
                OSCALXMLSchema.unquoted.contains(key)
                ? ConfigValue(.scalar(text, isQuoted: false), at: at)
                : string(text, at: element.line)
            builder.add(key, at: at, value, isList: false)
        }
        return ConfigValue(.mapping(builder.entries), at: at)
    }
}

/// Collects a mapping's entries in document order, gathering list items under one key; a key
/// that is not a list but occurs again (an unknown repeated element) becomes a list too, so the
/// mapping never holds a key twice.
private struct MappingBuilder {
    private var pending:
        [(key: String, position: SourcePosition, items: [ConfigValue], list: Bool)] =
            []
    private var index: [String: Int] = [:]

    mutating func add(
        _ key: String, at position: SourcePosition, _ value: ConfigValue, isList: Bool
    ) {
        if let existing = index[key] {
            pending[existing].items.append(value)
            pending[existing].list = true
        } else {
            index[key] = pending.count
            pending.append((key, position, [value], isList))
        }
    }

    var entries: [ConfigEntry] {
        pending.map { entry in
            let value =
                entry.list
                ? ConfigValue(.sequence(entry.items), at: entry.position)
                : entry.items[0]
            return ConfigEntry(key: entry.key, keyPosition: entry.position, value: value)
        }
    }
}

import Foundation

/// Renders OSCAL XML markup as the Markdown that OSCAL JSON carries, following NIST's
/// markup-line and markup-multiline conventions: `<em>` → `*x*`, `<strong>` → `**x**`,
/// `<code>` → `` `x` ``, `<q>` → `"x"`, `<a href>` → `[x](href)`,
/// `<insert type="param" id-ref="x"/>` → `{{ insert: param, x }}`; paragraphs separated by a
/// blank line, list items as `- ` or `1. ` lines.
///
/// White space in text is collapsed as a browser would (XML indentation is not content), except
/// inside `<pre>`.
enum OSCALXMLMarkdown {
    /// Whether `text` is only XML white space.
    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy(isWhiteSpace)
    }

    /// The text of plain content, trimmed of white space at both ends.
    static func trimmed(_ children: [OSCALXMLElement.Child]) -> String {
        if children.count == 1, case .text(let only) = children[0] { return trim(only) }
        var text = ""
        for child in children {
            switch child {
            case .text(let piece): text += piece
            case .element(let element): text += trimmed(element.children)
            }
        }
        return trim(text)
    }

    /// One line of Markdown for inline content.
    static func line(_ children: [OSCALXMLElement.Child]) -> String {
        trim(collapse(inline(children)))
    }

    /// Markdown for block content: blocks separated by a blank line; loose text and inline
    /// elements between blocks form a paragraph of their own.
    static func blocks(_ children: [OSCALXMLElement.Child]) -> String {
        var rendered: [String] = []
        var loose: [OSCALXMLElement.Child] = []
        func flush() {
            let paragraph = line(loose)
            if !paragraph.isEmpty { rendered.append(paragraph) }
            loose = []
        }
        for child in children {
            if case .element(let element) = child, OSCALXMLSchema.blocks.contains(element.name) {
                flush()
                let block = self.block(element)
                if !block.isEmpty { rendered.append(block) }
            } else {
                loose.append(child)
            }
        }
        flush()
        return rendered.joined(separator: "\n\n")
    }

    private static func block(_ element: OSCALXMLElement) -> String {
        switch element.name {
        case "p": return line(element.children)
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let level = Int(element.name.dropFirst()) ?? 1
            return String(repeating: "#", count: level) + " " + line(element.children)
        case "hr": return "---"
        case "pre": return "```\n" + trimmed(element.children) + "\n```"
        case "blockquote":
            return blocks(element.children).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        case "ol", "ul": return list(element)
        case "table": return table(element)
        default: return line(element.children)
        }
    }

    /// A list, one item a line, nested lists indented under their item.
    private static func list(_ element: OSCALXMLElement) -> String {
        var lines: [String] = []
        let ordered = element.name == "ol"
        var number = Int(element.attributes.first { $0.name == "start" }?.value ?? "") ?? 1
        for item in element.elements where item.name == "li" {
            let marker = ordered ? "\(number). " : "- "
            number += 1
            let indent = String(repeating: " ", count: marker.count)
            var text: [OSCALXMLElement.Child] = []
            var nested: [String] = []
            for child in item.children {
                if case .element(let inner) = child, OSCALXMLSchema.blocks.contains(inner.name) {
                    nested.append(block(inner))
                } else {
                    text.append(child)
                }
            }
            lines.append(marker + line(text))
            for block in nested {
                lines += block.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : indent + $0 }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A pipe table; the first row is the header.
    private static func table(_ element: OSCALXMLElement) -> String {
        let rows = element.elements.filter { $0.name == "tr" }.map { row in
            row.elements.filter { $0.name == "td" || $0.name == "th" }.map {
                line($0.children).replacingOccurrences(of: "|", with: "\\|")
            }
        }
        guard let header = rows.first else { return "" }
        var lines = ["| " + header.joined(separator: " | ") + " |"]
        lines.append("|" + String(repeating: " --- |", count: max(header.count, 1)))
        for row in rows.dropFirst() { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    /// Inline content as Markdown, white space not yet collapsed.
    private static func inline(_ children: [OSCALXMLElement.Child]) -> String {
        var text = ""
        for child in children {
            switch child {
            case .text(let piece): text += piece
            case .element(let element): text += inline(element)
            }
        }
        return text
    }

    private static func inline(_ element: OSCALXMLElement) -> String {
        func attribute(_ name: String) -> String {
            element.attributes.first { $0.name == name }?.value ?? ""
        }
        let content = inline(element.children)
        switch element.name {
        case "em", "i": return "*" + content + "*"
        case "strong", "b": return "**" + content + "**"
        case "code": return "`" + content + "`"
        case "q": return "\"" + content + "\""
        case "sub": return "~" + content + "~"
        case "sup": return "^" + content + "^"
        case "a": return "[" + content + "](" + attribute("href") + ")"
        case "img": return "![" + attribute("alt") + "](" + attribute("src") + ")"
        case "br": return " "  // a markup line has no line breaks
        case "insert":
            return "{{ insert: " + attribute("type") + ", " + attribute("id-ref") + " }}"
        default: return content
        }
    }

    /// Runs of XML white space (space, tab, line feed, carriage return) become one space.
    ///
    /// Works on UTF-8 bytes: the white space is ASCII, and grapheme-by-grapheme iteration cost
    /// most of the time of reading a large catalog.
    private static func collapse(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if isWhiteSpace(byte) {
                pendingSpace = true
            } else {
                if pendingSpace, !result.isEmpty { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `text` without XML white space at either end.
    private static func trim(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isWhiteSpace($0) }),
            let last = utf8.lastIndex(where: { !isWhiteSpace($0) })
        else { return "" }
        if first == utf8.startIndex, last == utf8.index(before: utf8.endIndex) { return text }
        return String(text[first...last])
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

import CLibXML2

/// Writes OSCAL XML with libxml2's text writer, which escapes every text and attribute value:
/// the root in OSCAL's namespace, flags as attributes, children as elements in the tree's order,
/// markup-multiline as `<p>` paragraphs, `{{ insert: … }}` as `<insert/>`.
///
/// XML 1.0 cannot carry most control characters at all (not even escaped), so a text holding
/// one is an error rather than a silently altered document.
enum OSCALXMLWriter {
    static func write(_ document: OSCALDocument) throws(OSCALWriteError) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else {
            throw OSCALWriteError(code: .xmlWriter, detail: "libxml2: no buffer")
        }
        defer { xmlBufferFree(buffer) }
        guard let raw = xmlNewTextWriterMemory(buffer, 0) else {
            throw OSCALWriteError(code: .xmlWriter, detail: "libxml2: no text writer")
        }
        var writer = Writer(raw: raw)
        defer { xmlFreeTextWriter(raw) }
        writer.check(xmlTextWriterStartDocument(raw, "1.0", "UTF-8", nil), "the declaration")
        try writer.node(document.root, path: document.root.name, depth: 0, isRoot: true)
        writer.check(xmlTextWriterEndDocument(raw), "the end of the document")
        writer.check(xmlTextWriterFlush(raw), "the flush")
        if let failure = writer.failure {
            throw OSCALWriteError(code: .xmlWriter, detail: "libxml2 failed writing \(failure)")
        }
        guard let content = xmlBufferContent(buffer) else {
            throw OSCALWriteError(code: .xmlWriter, detail: "libxml2: empty buffer")
        }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// The text writer and the first failure it reported (libxml2 returns -1 on failure).
    private struct Writer {
        let raw: xmlTextWriterPtr
        var failure: String?

        mutating func check(_ status: Int32, _ what: @autoclosure () -> String) {
            if status < 0, failure == nil { failure = what() }
        }

        /// Writes `node` at `depth`. Indentation is written here as whitespace between
        /// elements, never inside mixed content (libxml2's own indentation would put spaces
        /// and line breaks into prose around an `<insert/>`). Returns whether it wrote
        /// elements, so the parent knows to indent its end tag.
        @discardableResult
        mutating func node(
            _ node: OSCALNode, path: String, depth: Int, isRoot: Bool = false
        )
            throws(OSCALWriteError) -> Bool
        {
            let inner = node.isWrappedInXML ? depth + 1 : depth
            if node.isWrappedInXML {
                if !isRoot { indent(depth, path) }
                check(xmlTextWriterStartElement(raw, node.name), path)
            }
            if isRoot {
                check(
                    xmlTextWriterWriteAttribute(raw, "xmlns", OSCALDocument.xmlNamespace), path)
            }
            for flag in node.flags {
                try Self.requireXMLText(flag.value, at: "\(path)/@\(flag.name)")
                check(xmlTextWriterWriteAttribute(raw, flag.name, flag.value), path)
            }
            var wroteElements = false
            switch node.value {
            case .none: break
            case .text(let text):
                try Self.requireXMLText(text, at: path)
                check(xmlTextWriterWriteString(raw, text), path)
            case .markupLine(let text):
                try Self.requireXMLText(text, at: path)
                inline(text, path: path)
            case .markupMultiline(let text):
                try Self.requireXMLText(text, at: path)
                for paragraph in OSCALMarkup.paragraphs(text) {
                    indent(inner, path)
                    check(xmlTextWriterStartElement(raw, "p"), path)
                    inline(paragraph, path: path)
                    check(xmlTextWriterEndElement(raw), path)
                    wroteElements = true
                }
            }
            for child in node.children {
                switch child {
                case .one(let item):
                    try self.node(item, path: "\(path)/\(item.name)", depth: inner)
                    wroteElements = true
                case .many(let groupAs, let items, let wrapped):
                    guard !items.isEmpty else { continue }
                    wroteElements = true
                    if wrapped {
                        indent(inner, path)
                        check(xmlTextWriterStartElement(raw, groupAs), path)
                    }
                    for item in items {
                        try self.node(
                            item, path: "\(path)/\(item.name)", depth: wrapped ? inner + 1 : inner)
                    }
                    if wrapped {
                        indent(inner, path)
                        check(xmlTextWriterEndElement(raw), path)
                    }
                }
            }
            guard node.isWrappedInXML else { return wroteElements }
            if wroteElements { indent(depth, path) }
            check(xmlTextWriterEndElement(raw), path)
            return true
        }

        /// A line break and two spaces per level, as text between elements.
        private mutating func indent(_ depth: Int, _ path: String) {
            let text = "\n" + String(repeating: "  ", count: depth)
            check(xmlTextWriterWriteString(raw, text), path)
        }

        /// Markup-line content: text with `<insert type="…" id-ref="…"/>` elements.
        private mutating func inline(_ text: String, path: String) {
            for piece in OSCALMarkup.pieces(text) {
                switch piece {
                case .text(let text): check(xmlTextWriterWriteString(raw, text), path)
                case .insert(let type, let idRef):
                    check(xmlTextWriterStartElement(raw, "insert"), path)
                    check(xmlTextWriterWriteAttribute(raw, "type", type), path)
                    check(xmlTextWriterWriteAttribute(raw, "id-ref", idRef), path)
                    check(xmlTextWriterEndElement(raw), path)
                }
            }
        }

        /// Throws when `text` holds a character outside XML 1.0's `Char` production.
        static func requireXMLText(_ text: String, at path: String) throws(OSCALWriteError) {
            for scalar in text.unicodeScalars {
                let value = scalar.value
                let allowed =
                    value == 0x9 || value == 0xA || value == 0xD
                    || (value >= 0x20 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD)
                    || value >= 0x10000
                guard allowed else {
                    throw OSCALWriteError(
                        code: .unrepresentableText,
                        detail:
                            "\(path): the character U+\(String(value, radix: 16, uppercase: true)) cannot be written in XML"
                    )
                }
            }
        }
    }
}

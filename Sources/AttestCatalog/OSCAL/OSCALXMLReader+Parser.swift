import AttestCore
import CLibXML2
import Foundation

/// An XML element as read, with its line, kept apart from libxml2's types so the conversion to
/// OSCAL's JSON shape is plain Swift.
struct OSCALXMLElement: Hashable, Sendable {
    /// A piece of an element's content.
    enum Child: Hashable, Sendable {
        case element(OSCALXMLElement)
        case text(String)
    }

    /// The local name (namespace prefixes and URIs are dropped: OSCAL uses one namespace).
    var name: String
    /// Attributes in document order.
    var attributes: [(name: String, value: String)]
    var children: [Child]
    /// The line of the start tag.
    var line: Int

    var elements: [OSCALXMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.name == rhs.name && lhs.line == rhs.line && lhs.children == rhs.children
            && lhs.attributes.elementsEqual(rhs.attributes) { $0 == $1 }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(line)
        hasher.combine(children)
        for attribute in attributes {
            hasher.combine(attribute.name)
            hasher.combine(attribute.value)
        }
    }
}

/// Parses XML with libxml2 into an ``OSCALXMLElement`` tree, refusing what could make a parse
/// read other files, reach the network or expand without bound.
///
/// Options: `NONET` (never fetch), `NOERROR`/`NOWARNING` (errors come back here, not on
/// stderr), `NOCDATA` (CDATA is text), `BIG_LINES` (true line numbers past 65,535). Never
/// `NOENT`, `DTDLOAD` or `DTDATTR`. The SAX entity-declaration callbacks (parsed and unparsed)
/// are replaced by one that stops the parser, so a document with `<!ENTITY …>` is refused before
/// any entity is used. Attributes in a namespace (`xsi:…`, `xml:…`) are not OSCAL flags and are
/// dropped.
enum OSCALXMLDocumentParser {
    static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)

    private static let initialized: Void = xmlInitParser()

    /// Parses `bytes` into the tree of its root element.
    ///
    /// - Returns: the root element, or a diagnostic at the line of the first problem.
    static func parse(
        _ bytes: [UInt8], display: String, maxDepth: Int
    ) -> Result<OSCALXMLElement, Diagnostic> {
        _ = initialized
        guard let context = xmlNewParserCtxt() else {
            return .failure(
                .error(.xmlSyntax, "libxml2 could not start", at: .start(of: display)))
        }
        defer { xmlFreeParserCtxt(context) }
        let recorder = ParseRecorder()
        context.pointee._private = Unmanaged.passUnretained(recorder).toOpaque()
        context.pointee.sax.pointee.entityDecl = ParseRecorder.entityDeclaration
        context.pointee.sax.pointee.unparsedEntityDecl = ParseRecorder.unparsedEntityDeclaration
        context.pointee.sax.pointee.serror = ParseRecorder.structuredError

        let document: xmlDocPtr? = withExtendedLifetime(recorder) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        xmlCtxtReadMemory(
                            context, $0, Int32(buffer.count), display, nil, options)
                    }
                }
            }
        }
        defer { if let document { xmlFreeDoc(document) } }

        if let line = recorder.entityLine {
            return .failure(
                .error(
                    .xmlEntityDeclaration,
                    "the document declares an entity; OSCAL documents need none, and entities "
                        + "are refused so that nothing outside the file is read",
                    at: SourcePosition(file: display, line: max(line, 1), column: 1),
                    hint: "remove the <!DOCTYPE …> declaration"))
        }
        guard let document, context.pointee.wellFormed == 1 else {
            let (line, column, message) = recorder.firstError ?? (0, 0, "")
            let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(
                .error(
                    .xmlSyntax, "invalid XML: \(text.isEmpty ? "not well-formed" : text)",
                    at: SourcePosition(
                        file: display, line: max(line, 1), column: max(column, 1))))
        }
        guard let root = xmlDocGetRootElement(document) else {
            return .failure(
                .error(.xmlSyntax, "the document has no root element", at: .start(of: display)))
        }
        return copy(root, depth: 1, display: display, maxDepth: maxDepth)
    }

    /// Copies an element and its content, refusing nesting deeper than `maxDepth`.
    private static func copy(
        _ node: xmlNodePtr, depth: Int, display: String, maxDepth: Int
    ) -> Result<OSCALXMLElement, Diagnostic> {
        let line = Int(xmlGetLineNo(node))
        guard depth <= maxDepth else {
            return .failure(
                .error(
                    .xmlTooDeep, "elements are nested more than \(maxDepth) deep",
                    at: SourcePosition(file: display, line: max(line, 1), column: 1)))
        }
        var element = OSCALXMLElement(
            name: string(node.pointee.name), attributes: [], children: [], line: line)
        var attribute = node.pointee.properties
        while let current = attribute {
            // OSCAL flags are unqualified; `xsi:schemaLocation` or `xml:lang` are not content.
            if current.pointee.ns == nil {
                element.attributes.append(
                    (string(current.pointee.name), text(of: current.pointee.children)))
            }
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                switch copy(current, depth: depth + 1, display: display, maxDepth: maxDepth) {
                case .success(let nested): element.children.append(.element(nested))
                case .failure(let diagnostic): return .failure(diagnostic)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let content = string(current.pointee.content)
                if case .text(let previous) = element.children.last {
                    element.children[element.children.count - 1] = .text(previous + content)
                } else {
                    element.children.append(.text(content))
                }
            default:
                break  // comments and processing instructions carry no OSCAL content
            }
            child = current.pointee.next
        }
        return .success(element)
    }

    /// The concatenated text of an attribute's value nodes.
    private static func text(of first: xmlNodePtr?) -> String {
        var result = ""
        var node = first
        while let current = node {
            result += string(current.pointee.content)
            node = current.pointee.next
        }
        return result
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

/// What libxml2 reported during one parse: the first error and the first entity declaration.
private final class ParseRecorder {
    private(set) var firstError: (line: Int, column: Int, message: String)?
    private(set) var entityLine: Int?

    private static func recorder(_ context: UnsafeMutableRawPointer?) -> ParseRecorder? {
        guard let context else { return nil }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let user = parser.pointee._private else { return nil }
        return Unmanaged<ParseRecorder>.fromOpaque(user).takeUnretainedValue()
    }

    /// Stops the parse at the first `<!ENTITY …>`, before the entity is recorded or used.
    static let entityDeclaration: entityDeclSAXFunc = { context, _, _, _, _, _ in
        refuseEntity(context)
    }

    /// Stops the parse at the first `<!ENTITY … NDATA …>`, like any other entity.
    static let unparsedEntityDeclaration: unparsedEntityDeclSAXFunc = { context, _, _, _, _ in
        refuseEntity(context)
    }

    private static func refuseEntity(_ context: UnsafeMutableRawPointer?) {
        guard let context else { return }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        if let recorder = recorder(context), recorder.entityLine == nil {
            recorder.entityLine = Int(xmlSAX2GetLineNumber(context))
        }
        xmlStopParser(parser)
    }

    /// Keeps the first error: libxml2 goes on and reports consequences of the first one.
    static let structuredError: xmlStructuredErrorFunc = { context, error in
        guard let error, let recorder = recorder(context), recorder.firstError == nil else {
            return
        }
        let message = error.pointee.message.map { String(cString: $0) } ?? ""
        recorder.firstError = (Int(error.pointee.line), Int(error.pointee.int2), message)
    }
}

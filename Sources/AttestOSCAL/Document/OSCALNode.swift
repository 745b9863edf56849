/// One node of an OSCAL document: an assembly, a field or the document's root, carrying just
/// what OSCAL's three serialisations need so that each model is built once and written as JSON,
/// YAML and XML by the writers (`OSCALDocument.data(in:)`).
///
/// How a node is written:
///
/// | node | XML | JSON / YAML |
/// | --- | --- | --- |
/// | `flags` | attributes, in order | string members, first, in order |
/// | `value` `.text` without flags | element with text | a string |
/// | `value` `.text` with flags | element with attributes and text | object: flags, then `jsonValueKey` |
/// | `value` `.markupLine` | element with text and `<insert/>` | a string |
/// | `value` `.markupMultiline` | element holding `<p>` per paragraph | a string, paragraphs `\n\n` apart |
/// | `children` | child elements, in the order given | members in the order given |
/// | `isWrappedInXML == false` | its content only, in the parent element | as usual |
///
/// A child is `.one(node)` (JSON key = the node's name) or `.many(groupAs, nodes)` (repeated
/// elements in XML, one JSON array named `groupAs`; `wrappedInXML` puts the elements inside an
/// element named `groupAs`, OSCAL's `in-xml="GROUPED"`). An empty `.many` is left out, since
/// OSCAL's arrays hold at least one item.
///
/// The builder is responsible for the order of children: OSCAL's XSDs are sequences, so the
/// children must come in the XSD's order. The JSON writer rejects two members with one key
/// (`OSCALWriteError.duplicateKey`), which is how a repeated child written as `.one` shows up.
///
/// Prose: Attest's texts are plain text, written as they are. In markup a paragraph break is a
/// blank line, and `{{ insert: param, ID }}` (OSCAL's JSON notation for a parameter reference,
/// which an imported catalog's prose carries) becomes `<insert type="param" id-ref="ID"/>` in
/// XML.
public struct OSCALNode: Hashable, Sendable {
    /// What a node holds besides its flags and children.
    public enum Value: Hashable, Sendable {
        /// An assembly (or a field with flags only, such as `prop`).
        case none
        /// A field's text, written exactly.
        case text(String)
        /// OSCAL `markup-line`: one line of prose.
        case markupLine(String)
        /// OSCAL `markup-multiline`: paragraphs separated by blank lines.
        case markupMultiline(String)
    }

    /// The XML element name, also the JSON key when the node is a `.one` child.
    public var name: String
    public var flags: [OSCALFlag]
    public var value: Value
    /// The JSON key of a field's value when the field also has flags (`hash` → `value`,
    /// `document-id` → `identifier`); unused otherwise.
    public var jsonValueKey: String
    public var children: [OSCALChild]
    /// False for a field OSCAL writes without its own element in XML (`in-xml="UNWRAPPED"`:
    /// a part's or a guideline's `prose`, whose paragraphs sit directly in the parent).
    public var isWrappedInXML: Bool

    public init(
        _ name: String, flags: [OSCALFlag] = [], value: Value = .none,
        jsonValueKey: String = "value", children: [OSCALChild] = [], isWrappedInXML: Bool = true
    ) {
        self.name = name
        self.flags = flags
        self.value = value
        self.jsonValueKey = jsonValueKey
        self.children = children
        self.isWrappedInXML = isWrappedInXML
    }

    /// An assembly: flags (nil values left out) and children (nil children left out).
    public static func assembly(
        _ name: String, flags: [OSCALFlag?] = [], _ children: [OSCALChild?] = []
    ) -> OSCALNode {
        OSCALNode(name, flags: flags.compactMap { $0 }, children: children.compactMap { $0 })
    }

    /// A field whose value is a plain string (`oscal-version`, `last-modified`, `value`).
    public static func text(
        _ name: String, _ text: String, flags: [OSCALFlag?] = []
    )
        -> OSCALNode
    {
        OSCALNode(name, flags: flags.compactMap { $0 }, value: .text(text))
    }

    /// A `markup-line` field (`title`, `label`, `choice`, a link's `text`).
    public static func line(_ name: String, _ text: String) -> OSCALNode {
        OSCALNode(name, value: .markupLine(text))
    }

    /// A `markup-multiline` field (`description`, `remarks`, `prose`).
    public static func prose(_ name: String, _ text: String) -> OSCALNode {
        OSCALNode(name, value: .markupMultiline(text))
    }

    /// OSCAL's unwrapped `prose` (in a `part` or a `guideline`): a JSON member `prose`, bare
    /// paragraphs in XML.
    public static func unwrappedProse(_ text: String) -> OSCALNode {
        OSCALNode("prose", value: .markupMultiline(text), isWrappedInXML: false)
    }

    /// An OSCAL `prop`: name and value, with the namespace and class when given.
    public static func prop(
        _ name: String, _ value: String, ns: String? = nil, class className: String? = nil
    ) -> OSCALNode {
        assembly(
            "prop",
            flags: [
                OSCALFlag("name", name), OSCALFlag("value", value), OSCALFlag("ns", ns),
                OSCALFlag("class", className),
            ])
    }
}

/// A flag: an XML attribute, a JSON string member.
public struct OSCALFlag: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Nil when `value` is nil, so optional flags can be listed inline and dropped.
    public init?(_ name: String, _ value: String?) {
        guard let value else { return nil }
        self.init(name, value)
    }
}

/// A child of a node: one node, or a group of repeated nodes (OSCAL's `group-as`).
public enum OSCALChild: Hashable, Sendable {
    case one(OSCALNode)
    /// Nodes written as repeated elements in XML (inside an element named `groupAs` when
    /// `wrappedInXML`) and as a JSON array named `groupAs`. Left out when empty.
    case many(String, [OSCALNode], wrappedInXML: Bool = false)

    /// `.one(node)` when node is not nil.
    public static func optional(_ node: OSCALNode?) -> OSCALChild? { node.map { .one($0) } }

    /// `.many(groupAs, nodes)`, or nil when `nodes` is empty.
    public static func group(
        _ groupAs: String, _ nodes: [OSCALNode], wrappedInXML: Bool = false
    )
        -> OSCALChild?
    {
        nodes.isEmpty ? nil : .many(groupAs, nodes, wrappedInXML: wrappedInXML)
    }
}

/// A whole OSCAL document: its root assembly (`catalog`, `assessment-results`,
/// `component-definition`, `system-security-plan`, `mapping-collection`).
public struct OSCALDocument: Hashable, Sendable {
    /// The OSCAL version every Attest export declares in `metadata/oscal-version`.
    public static let oscalVersion = "1.2.1"
    /// OSCAL's XML namespace.
    public static let xmlNamespace = "http://csrc.nist.gov/ns/oscal/1.0"
    /// The namespace of the props Attest adds (`ns` flag), per OSCAL's rule that props outside
    /// OSCAL's own vocabulary carry their owner's namespace.
    public static let attestNamespace = "https://attest.dev/ns/oscal"

    public var root: OSCALNode

    public init(root: OSCALNode) { self.root = root }

    /// The document in `format`, UTF-8, ending with a newline; deterministic: the same tree
    /// always gives the same bytes.
    /// - Throws: `OSCALWriteError` when the tree cannot be written (duplicate JSON keys, text
    ///   XML cannot carry, a libxml2 failure).
    public func data(in format: OSCALFormat) throws(OSCALWriteError) -> [UInt8] {
        switch format {
        case .json: try OSCALJSONWriter.write(self)
        case .yaml: try OSCALYAMLWriter.write(self)
        case .xml: try OSCALXMLWriter.write(self)
        }
    }
}

/// OSCAL's three serialisations.
public enum OSCALFormat: String, Hashable, Sendable, CaseIterable {
    case json, xml, yaml

    /// The format a file name's extension names (`.json`, `.xml`, `.yaml`/`.yml`), or nil.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "json": self = .json
        case "xml": self = .xml
        case "yaml", "yml": self = .yaml
        default: return nil
        }
    }
}

/// Why a document could not be written.
public struct OSCALWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// Two members of one JSON object would have the same key.
        case duplicateKey = "oscal.duplicate-key"
        /// A text holds a character XML 1.0 cannot carry (most control characters).
        case unrepresentableText = "oscal.unrepresentable-text"
        /// libxml2 failed to write.
        case xmlWriter = "oscal.xml-writer"
        /// The data given to a model is inconsistent (an unknown framework, say).
        case invalidInput = "oscal.invalid-input"
    }

    public var code: Code
    /// Where in the document (a path of element names) and what.
    public var detail: String

    public init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(detail) [\(code.rawValue)]" }
}

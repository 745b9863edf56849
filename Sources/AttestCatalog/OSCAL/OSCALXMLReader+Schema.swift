/// How OSCAL XML elements map to OSCAL JSON keys, for the catalog, profile and
/// mapping-collection models (and the metadata and back matter they share).
///
/// Taken from NIST's OSCAL 1.2.1 XSDs and JSON schemas (Tests/Fixtures/oscal/): the XSD says
/// which elements repeat, the JSON schema the name the repetition is grouped under ("group-as").
/// Element names are context-free in these models with one exception (`address`), so the tables
/// are keyed by element name. Elements not listed fall under generic rules (see
/// ``OSCALXMLConverter``): an unknown element keeps its own name and becomes a list only when it
/// repeats.
enum OSCALXMLSchema {
    /// Repeated elements and the JSON key their list is grouped under.
    static let groupAs: [String: String] = [
        "action": "actions",
        "add": "adds",
        "addr-line": "addr-lines",
        "address": "addresses",
        "alter": "alters",
        "choice": "choice",
        "constraint": "constraints",
        "control": "controls",
        "document-id": "document-ids",
        "email-address": "email-addresses",
        "exclude-controls": "exclude-controls",
        "external-id": "external-ids",
        "group": "groups",
        "guideline": "guidelines",
        "hash": "hashes",
        "import": "imports",
        "include-controls": "include-controls",
        "insert-controls": "insert-controls",
        "link": "links",
        "location": "locations",
        "location-uuid": "location-uuids",
        "map": "maps",
        "mapping": "mappings",
        "matching": "matching",
        "member-of-organization": "member-of-organizations",
        "param": "params",
        "part": "parts",
        "party": "parties",
        "party-uuid": "party-uuids",
        "prop": "props",
        "qualifier": "qualifiers",
        "remove": "removes",
        "resource": "resources",
        "responsible-party": "responsible-parties",
        "responsible-role": "responsible-roles",
        "revision": "revisions",
        "rlink": "rlinks",
        "role": "roles",
        "set-parameter": "set-parameters",
        "source": "sources",
        "target": "targets",
        "telephone-number": "telephone-numbers",
        "test": "tests",
        "unmapped-controls": "unmapped-controls",
        "url": "urls",
        "value": "values",
        "with-id": "with-ids",
    ]

    /// Elements that occur once under a particular parent although they repeat elsewhere:
    /// (parent, child).
    static let singleUnder: Set<[String]> = [["location", "address"]]

    /// Fields with flags: the JSON key that holds the element's text beside its flags.
    static let valueKey: [String: String] = [
        "base64": "value",
        "coverage": "target-coverage",
        "document-id": "identifier",
        "external-id": "id",
        "hash": "value",
        "link": "text",
        "telephone-number": "number",
    ]

    /// The JSON key of a field with flags not in ``valueKey`` (metaschema's default).
    static let defaultValueKey = "STRVALUE"

    /// Markup-line fields: their content is rendered as one line of Markdown.
    static let markupLine: Set<String> = ["choice", "label", "link", "text", "title"]

    /// Markup-multiline fields written as an element of their own; their blocks become one
    /// Markdown string.
    static let markupMultiline: Set<String> = [
        "description", "mapping-description", "remarks", "usage",
    ]

    /// Assemblies that are objects even when empty or holding only prose (`<include-all/>` is
    /// `{}`, `<guideline><p>…</p></guideline>` is `{prose: …}`).
    static let assemblies: Set<String> = [
        "back-matter", "combine", "confidence-score", "custom", "exclude-controls", "flat",
        "guideline", "include-controls", "insert-controls", "unmapped-controls",
        "include-all", "merge", "metadata", "modify", "part", "select",
    ]

    /// Fields whose JSON value is not a string: a boolean or a number, written unquoted.
    static let unquoted: Set<String> = ["as-is", "percentage", "target-coverage"]

    /// Block elements of OSCAL markup; in an assembly they are its unwrapped `prose`.
    static let blocks: Set<String> = [
        "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p", "pre", "table", "ul",
    ]

    /// Inline elements of OSCAL markup.
    static let inlines: Set<String> = [
        "a", "b", "br", "code", "em", "i", "img", "insert", "q", "strong", "sub", "sup",
    ]

    /// The JSON key for `child` inside `parent`, and whether it holds a list.
    static func key(for child: String, in parent: String) -> (key: String, isList: Bool) {
        if let plural = groupAs[child], !singleUnder.contains([parent, child]) {
            return (plural, true)
        }
        return (child, false)
    }
}

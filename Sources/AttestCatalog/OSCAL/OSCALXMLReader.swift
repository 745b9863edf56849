import AttestCore
import CLibXML2

/// Reads an OSCAL document written in XML into the tree its OSCAL JSON form gives, so that one
/// decoder serves JSON, YAML and XML alike (docs/oscal.md, "OSCAL XML").
///
/// The tree is the one the YAML parser builds from the JSON file: a root mapping with the model's
/// name (`catalog`, `profile`, `mapping-collection`), flags and fields as keys, repeated elements
/// as sequences under their JSON names, prose as Markdown text. Every node's position is its
/// element's line (column 1), which is what a diagnostic about it should point at.
///
/// Safety: libxml2 parses with `XML_PARSE_NONET` and without entity substitution or DTD loading;
/// a document that declares any entity is refused as soon as the declaration is read, so no
/// external entity is resolved and no expansion happens. Size and depth are bounded by `limits`.
enum OSCALXMLReader {
    /// Parses `bytes` and converts the document.
    ///
    /// - Parameters:
    ///   - bytes: the file's content.
    ///   - display: the file's name in diagnostics and positions.
    ///   - limits: the largest file and the deepest nesting accepted.
    /// - Returns: the JSON-shaped tree; `nil` for a file with nothing but white space; a
    ///   `Diagnostic` (`xml.*`) for a file that is not well-formed, too large, too deep or
    ///   declares entities.
    static func read(
        _ bytes: [UInt8], display: String, limits: YAMLLimits
    ) -> Result<ConfigValue?, Diagnostic> {
        guard bytes.count <= limits.maxFileBytes, bytes.count < Int(Int32.max) else {
            return .failure(
                .error(
                    .xmlFileTooLarge,
                    "file is \(bytes.count) bytes, more than the limit of \(limits.maxFileBytes)",
                    at: .start(of: display)))
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return .success(nil)
        }
        switch OSCALXMLDocumentParser.parse(bytes, display: display, maxDepth: limits.maxDepth) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let root):
            return .success(OSCALXMLConverter(file: display).document(root))
        }
    }
}

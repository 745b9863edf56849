import AttestCore

/// Turns the bytes of an OSCAL file into its JSON-shaped value tree, by the file's format.
///
/// OSCAL YAML goes through the workspace's libyaml parser, with its limits and its
/// `file:line:col` positions. OSCAL JSON goes through ``JSONTreeParser``, which builds the tree
/// libyaml builds from JSON (JSON is YAML's flow syntax) in a fraction of the time: catalogs are
/// large. OSCAL XML goes through the XML reader, which builds the same shape.
enum OSCALFile {
    /// The formats, by file extension.
    enum Format: Equatable, Sendable {
        case json, yaml, xml

        init(path: String) {
            let lowered = path.lowercased()
            if lowered.hasSuffix(".xml") {
                self = .xml
            } else if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
                self = .yaml
            } else {
                self = .json
            }
        }
    }

    /// Parses `bytes`, read from the file shown as `display`.
    ///
    /// - Returns: the root value, or the diagnostic that stopped the parse (a syntax error
    ///   at its position, a file over the size limit, an empty file).
    static func parse(
        _ bytes: [UInt8], display: String, limits: YAMLLimits
    ) -> Result<ConfigValue, Diagnostic> {
        let parsed: Result<ConfigValue?, Diagnostic>
        switch Format(path: display) {
        case .json:
            parsed = JSONTreeParser(file: display, limits: limits).parse(bytes)
        case .yaml:
            parsed = YAMLParser(file: display, limits: limits).parse(bytes)
        case .xml:
            parsed = OSCALXMLReader.read(bytes, display: display, limits: limits)
        }
        switch parsed {
        case let .success(root?): return .success(root)
        case .success(nil):
            return .failure(
                .error(.oscalNotOSCAL, "the file is empty", at: .start(of: display)))
        case let .failure(diagnostic): return .failure(diagnostic)
        }
    }
}

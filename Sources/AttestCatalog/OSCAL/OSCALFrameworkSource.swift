import AttestCore

/// A framework read from an OSCAL catalog or profile, as `attest.yaml` names it:
/// `frameworks: - { oscal: PATH, id: ID, name:, kind:, issuer:, tags:, catalogs: }`.
struct OSCALFrameworkSource: Hashable, Sendable {
    /// The OSCAL file, relative to the workspace.
    var path: OSCALPositioned
    var id: FrameworkID
    /// Overrides of what the OSCAL metadata says.
    var name: LocalizedText?
    var kind: Framework.Kind?
    var issuer: String?
    /// A profile's import hrefs (`#uuid` or the href as written) → workspace file, for
    /// imports whose own links do not lead to a workspace file.
    var catalogs: [String: OSCALPositioned] = [:]
    /// The framework item in `attest.yaml`.
    var position: SourcePosition
}

extension ConfigReader {
    /// The keys of an `oscal:` framework item.
    static let oscalFrameworkKeys: Set<String> = [
        "oscal", "id", "name", "kind", "issuer", "tags", "catalogs",
    ]

    /// Reads the OSCAL part of a framework item (the caller reads `id` and `tags`).
    mutating func readOSCALSource(_ fields: Fields, id: String) -> OSCALFrameworkSource? {
        guard let path = fields["oscal"],
            let text = plainString(path, "oscal")
        else { return nil }
        var source = OSCALFrameworkSource(
            path: OSCALPositioned(text: text, position: path.position), id: FrameworkID(id),
            position: fields.position)
        source.name = fields["name"].flatMap { self.text($0, "framework name") }
        source.kind = fields["kind"].flatMap {
            choice($0, "framework kind", as: Framework.Kind.self)
        }
        source.issuer = fields["issuer"].flatMap { string($0, "issuer") }
        if let catalogs = fields["catalogs"], let entries = catalogs.mapping {
            for entry in entries {
                guard let target = plainString(entry.value, "catalogs.\(entry.key)") else {
                    continue
                }
                source.catalogs[entry.key] = OSCALPositioned(
                    text: target, position: entry.value.position)
            }
        } else if let catalogs = fields["catalogs"] {
            error(
                .schemaWrongType,
                "expected a mapping of import href to workspace file for catalogs, found "
                    + catalogs.shapeName, at: catalogs.position)
        }
        return source
    }
}

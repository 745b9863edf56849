import AttestCore

/// The back-matter resource that stands for a framework's catalog wherever an export names it
/// (a mapping's source and target resources, an SSP's `import-profile`), with the same UUID in
/// every document (the component definition's control implementations use it too).
enum CatalogSource {
    /// The resource's UUID, from the framework id alone.
    static func uuid(_ framework: FrameworkID) -> StableUUID {
        StableUUID.attest("catalog-source", framework.rawValue)
    }

    /// The resource: the framework's name, its OSCAL source file (a catalog imported from
    /// OSCAL) or else its URL, and its Attest id as a prop.
    static func resource(_ framework: Framework) -> OSCALNode {
        var rlinks: [ResourceLink] = []
        if let source = framework.metadata["oscal.source"] {
            rlinks.append(ResourceLink(href: OSCALNode.uriReference(source)))
        } else if let url = framework.url {
            rlinks.append(ResourceLink(href: OSCALNode.uriReference(url)))
        }
        return .resource(
            uuid: uuid(framework.id), title: OSCALNode.oneLine(framework.name.english),
            description: "The catalog of Attest framework \(framework.id.rawValue) "
                + "(`attest export oscal --model catalog --framework \(framework.id.rawValue)` "
                + "writes it as OSCAL).",
            props: [
                .prop("framework", framework.id.rawValue, ns: OSCALDocument.attestNamespace)
            ],
            rlinks: rlinks)
    }
}

import AttestCore

extension OSCALDocument {
    /// OSCAL versions read: 1.0.x to 1.2.x (the catalog and profile models did not change in
    /// ways that matter to a framework within these).
    static let supportedVersions = 0...2

    /// Decodes a catalog or profile from its OSCAL JSON shape, whatever format it was written
    /// in: JSON and YAML parse to this shape directly, and the XML reader builds the same one.
    ///
    /// Fields Attest does not use are ignored; a missing required field or a value of the
    /// wrong shape is a finding at its position. Decoding goes on after a finding, so one run
    /// reports them all.
    ///
    /// - Parameters:
    ///   - root: the document's root value.
    ///   - file: the display path of the file, for findings about the whole document.
    /// - Returns: the document (nil when it is not a usable catalog or profile) and the
    ///   findings.
    static func decode(_ root: ConfigValue, file: String) -> (OSCALDocument?, [Diagnostic]) {
        var decoder = OSCALDecoder()
        let document = decoder.document(root)
        return (document, decoder.diagnostics)
    }
}

/// The OSCAL models that exist but are not frameworks, named when a file holds one.
private let otherModels: Set<String> = [
    "component-definition", "system-security-plan", "assessment-plan", "assessment-results",
    "plan-of-action-and-milestones", "mapping-collection",
]

/// Reads OSCAL JSON-shaped `ConfigValue` trees into the typed model, collecting findings.
struct OSCALDecoder {
    /// Deepest nesting of groups, controls and parts followed; deeper input is refused (the
    /// parsers bound nesting too, this keeps the decoder's recursion bounded on its own).
    static let maxNesting = 64

    private(set) var diagnostics: [Diagnostic] = []

    mutating func document(_ root: ConfigValue) -> OSCALDocument? {
        guard let entries = root.mapping else {
            error(
                .oscalNotOSCAL,
                "an OSCAL document is a mapping with 'catalog' or 'profile', "
                    + "found \(root.shapeName)", at: root.position)
            return nil
        }
        if let catalog = entries.first(where: { $0.key == "catalog" }) {
            return catalogModel(catalog.value).map(OSCALDocument.catalog)
        }
        if let profile = entries.first(where: { $0.key == "profile" }) {
            return profileModel(profile.value).map(OSCALDocument.profile)
        }
        if let other = entries.first(where: { otherModels.contains($0.key) }) {
            error(
                .oscalUnsupportedModel,
                "this is an OSCAL \(other.key); a framework is read from a catalog or a profile",
                at: other.keyPosition)
            return nil
        }
        error(
            .oscalNotOSCAL,
            "not an OSCAL catalog or profile: the root has no 'catalog' or 'profile' key "
                + "(found: \(entries.prefix(5).map(\.key).joined(separator: ", ")))",
            at: root.position)
        return nil
    }

    // MARK: Documents

    private mutating func catalogModel(_ value: ConfigValue) -> OSCALCatalog? {
        guard let fields = object(value, "catalog") else { return nil }
        let uuid = required(fields, "uuid", in: value, "catalog")
        let metadata = fields["metadata"].flatMap { metadataModel($0) }
        if fields["metadata"] == nil { missing("metadata", in: value, "catalog") }
        guard let metadata else { return nil }
        var catalog = OSCALCatalog(uuid: uuid ?? "", metadata: metadata, position: value.position)
        catalog.params = array(fields["params"], "params").compactMap { parameter($0) }
        catalog.controls = array(fields["controls"], "controls").compactMap {
            control($0, depth: 1)
        }
        catalog.groups = array(fields["groups"], "groups").compactMap { group($0, depth: 1) }
        catalog.backMatter = fields["back-matter"].map { backMatter($0) } ?? []
        return catalog
    }

    private mutating func profileModel(_ value: ConfigValue) -> OSCALProfile? {
        guard let fields = object(value, "profile") else { return nil }
        let uuid = required(fields, "uuid", in: value, "profile")
        let metadata = fields["metadata"].flatMap { metadataModel($0) }
        if fields["metadata"] == nil { missing("metadata", in: value, "profile") }
        let imports = array(fields["imports"], "imports").compactMap { importModel($0) }
        if fields["imports"] == nil { missing("imports", in: value, "profile") }
        guard let metadata else { return nil }
        return OSCALProfile(
            uuid: uuid ?? "", metadata: metadata, imports: imports,
            merge: fields["merge"].map { mergeModel($0) } ?? OSCALMerge(),
            modify: fields["modify"].map { modifyModel($0) } ?? OSCALModify(),
            backMatter: fields["back-matter"].map { backMatter($0) } ?? [],
            position: value.position)
    }

    private mutating func metadataModel(_ value: ConfigValue) -> OSCALMetadata? {
        guard let fields = object(value, "metadata") else { return nil }
        let title = required(fields, "title", in: value, "metadata")
        let version = required(fields, "version", in: value, "metadata")
        let lastModified = required(fields, "last-modified", in: value, "metadata")
        guard let oscalVersion = required(fields, "oscal-version", in: value, "metadata"),
            let title
        else { return nil }
        if !Self.isSupported(version: oscalVersion), let written = fields["oscal-version"] {
            error(
                .oscalUnsupportedVersion,
                "OSCAL version '\(oscalVersion)' is not read; Attest reads OSCAL 1.0.x to 1.2.x",
                at: written.position)
            return nil
        }
        var metadata = OSCALMetadata(
            title: title, version: version, oscalVersion: oscalVersion,
            lastModified: lastModified, position: value.position)
        for party in fields["parties"]?.sequence ?? [] {
            guard let uuid = party["uuid"]?.scalar else { continue }
            metadata.parties[uuid] = party["name"]?.scalar
        }
        for item in fields["responsible-parties"]?.sequence ?? [] {
            guard let role = item["role-id"]?.scalar else { continue }
            let parties = (item["party-uuids"]?.sequence ?? []).compactMap(\.scalar)
            metadata.responsibleParties.append(.init(role: role, parties: parties))
        }
        return metadata
    }

    /// Whether an `oscal-version` (`1.1.2`, `1.0.0-rc2`) is one of ``OSCALDocument/supportedVersions``.
    static func isSupported(version: String) -> Bool {
        let numbers = version.split(separator: ".", maxSplits: 2).prefix(2).map { Int($0) }
        guard numbers.count == 2, let major = numbers[0], let minor = numbers[1] else {
            return false
        }
        return major == 1 && OSCALDocument.supportedVersions.contains(minor)
    }

    // MARK: Catalog content

    private mutating func group(_ value: ConfigValue, depth: Int) -> OSCALGroup? {
        guard let fields = object(value, "a group"), deepEnough(depth, at: value) else {
            return nil
        }
        let title = required(fields, "title", in: value, "a group")
        var group = OSCALGroup(
            id: optional(fields["id"], "group id"), title: title ?? "", position: value.position)
        group.groupClass = optional(fields["class"], "group class")
        group.params = array(fields["params"], "params").compactMap { parameter($0) }
        group.props = array(fields["props"], "props").compactMap { property($0) }
        group.links = array(fields["links"], "links").compactMap { link($0) }
        group.parts = array(fields["parts"], "parts").compactMap { part($0, depth: depth + 1) }
        group.groups = array(fields["groups"], "groups").compactMap {
            self.group($0, depth: depth + 1)
        }
        group.controls = array(fields["controls"], "controls").compactMap {
            control($0, depth: depth + 1)
        }
        return title == nil ? nil : group
    }

    private mutating func control(_ value: ConfigValue, depth: Int) -> OSCALControl? {
        guard let fields = object(value, "a control"), deepEnough(depth, at: value) else {
            return nil
        }
        let id = required(fields, "id", in: value, "a control")
        let title = required(fields, "title", in: value, "a control")
        var control = OSCALControl(id: id ?? "", title: title ?? "", position: value.position)
        control.controlClass = optional(fields["class"], "control class")
        control.params = array(fields["params"], "params").compactMap { parameter($0) }
        control.props = array(fields["props"], "props").compactMap { property($0) }
        control.links = array(fields["links"], "links").compactMap { link($0) }
        control.parts = array(fields["parts"], "parts").compactMap { part($0, depth: depth + 1) }
        control.controls = array(fields["controls"], "controls").compactMap {
            self.control($0, depth: depth + 1)
        }
        guard id != nil, title != nil else { return nil }
        return control
    }

    mutating func part(_ value: ConfigValue, depth: Int) -> OSCALPart? {
        guard let fields = object(value, "a part"), deepEnough(depth, at: value) else {
            return nil
        }
        guard let name = required(fields, "name", in: value, "a part") else { return nil }
        var part = OSCALPart(name: name, position: value.position)
        part.id = optional(fields["id"], "part id")
        part.partClass = optional(fields["class"], "part class")
        part.title = optional(fields["title"], "part title")
        part.prose = optional(fields["prose"], "prose")
        part.props = array(fields["props"], "props").compactMap { property($0) }
        part.links = array(fields["links"], "links").compactMap { link($0) }
        part.parts = array(fields["parts"], "parts").compactMap { self.part($0, depth: depth + 1) }
        return part
    }

    mutating func parameter(_ value: ConfigValue) -> OSCALParameter? {
        guard let fields = object(value, "a parameter"),
            let id = required(fields, "id", in: value, "a parameter")
        else { return nil }
        var parameter = OSCALParameter(id: id, position: value.position)
        parameter.paramClass = optional(fields["class"], "param class")
        parameter.dependsOn = optional(fields["depends-on"], "depends-on")
        parameter.props = array(fields["props"], "props").compactMap { property($0) }
        parameter.links = array(fields["links"], "links").compactMap { link($0) }
        parameter.label = optional(fields["label"], "param label")
        parameter.usage = optional(fields["usage"], "usage")
        parameter.constraints = array(fields["constraints"], "constraints").compactMap {
            $0["description"].flatMap { optional($0, "constraint description") }
        }
        parameter.guidelines = array(fields["guidelines"], "guidelines").compactMap {
            $0["prose"].flatMap { optional($0, "guideline prose") }
        }
        parameter.values = array(fields["values"], "values").compactMap { optional($0, "a value") }
        parameter.select = fields["select"].flatMap { selection($0) }
        return parameter
    }

    mutating func selection(_ value: ConfigValue) -> OSCALSelection? {
        guard let fields = object(value, "select") else { return nil }
        return OSCALSelection(
            howMany: optional(fields["how-many"], "how-many"),
            choices: array(fields["choice"], "choice").compactMap { optional($0, "a choice") })
    }

    mutating func property(_ value: ConfigValue) -> OSCALProperty? {
        guard let fields = object(value, "a prop") else { return nil }
        let name = required(fields, "name", in: value, "a prop")
        let text = required(fields, "value", in: value, "a prop")
        guard let name, let text else { return nil }
        return OSCALProperty(
            name: name, value: text, propClass: optional(fields["class"], "prop class"),
            ns: optional(fields["ns"], "prop ns"))
    }

    mutating func link(_ value: ConfigValue) -> OSCALLink? {
        guard let fields = object(value, "a link"),
            let href = required(fields, "href", in: value, "a link")
        else { return nil }
        return OSCALLink(
            href: href, rel: optional(fields["rel"], "link rel"),
            text: optional(fields["text"], "link text"))
    }

    private mutating func backMatter(_ value: ConfigValue) -> [OSCALResource] {
        guard let fields = object(value, "back-matter") else { return [] }
        return array(fields["resources"], "resources").compactMap { resource in
            guard let entries = object(resource, "a resource"),
                let uuid = required(entries, "uuid", in: resource, "a resource")
            else { return nil }
            var result = OSCALResource(
                uuid: uuid, title: optional(entries["title"], "resource title"),
                position: resource.position)
            result.rlinks = array(entries["rlinks"], "rlinks").compactMap { rlink in
                guard let link = object(rlink, "an rlink"),
                    let href = required(link, "href", in: rlink, "an rlink")
                else { return nil }
                return OSCALResource.RLink(
                    href: href, mediaType: optional(link["media-type"], "media-type"),
                    position: link["href"]?.position ?? rlink.position)
            }
            return result
        }
    }

    // MARK: Shapes

    /// A mapping's entries by key (OSCAL keys are unique: the parsers refuse duplicates).
    mutating func object(_ value: ConfigValue, _ what: String) -> OSCALFields? {
        guard let entries = value.mapping else {
            error(
                .oscalMissingField, "expected an object for \(what), found \(value.shapeName)",
                at: value.position)
            return nil
        }
        return OSCALFields(entries: entries)
    }

    /// The items of an optional array (none when absent); a value that is not an array is a
    /// finding.
    mutating func array(_ value: ConfigValue?, _ what: String) -> [ConfigValue] {
        guard let value else { return [] }
        guard let items = value.sequence else {
            error(
                .oscalMissingField, "expected an array for '\(what)', found \(value.shapeName)",
                at: value.position)
            return []
        }
        return items
    }

    /// The text of a required scalar field, or nil and a finding at the object.
    mutating func required(
        _ fields: OSCALFields, _ key: String, in object: ConfigValue, _ what: String
    ) -> String? {
        guard let value = fields[key] else {
            missing(key, in: object, what)
            return nil
        }
        return optional(value, "'\(key)' of \(what)")
    }

    /// The text of a scalar, or nil and a finding when the value is a list or an object.
    mutating func optional(_ value: ConfigValue?, _ what: @autoclosure () -> String) -> String? {
        guard let value else { return nil }
        guard let text = value.scalar else {
            error(
                .oscalInvalidField, "expected a string for \(what()), found \(value.shapeName)",
                at: value.position)
            return nil
        }
        return text
    }

    mutating func missing(_ key: String, in object: ConfigValue, _ what: String) {
        error(.oscalMissingField, "\(what) needs the field '\(key)'", at: object.position)
    }

    private mutating func deepEnough(_ depth: Int, at value: ConfigValue) -> Bool {
        guard depth > Self.maxNesting else { return true }
        error(
            .oscalInvalidField,
            "groups, controls and parts nest deeper than \(Self.maxNesting) levels",
            at: value.position)
        return false
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at position: SourcePosition) {
        diagnostics.append(.error(code, message, at: position))
    }
}

/// The entries of an OSCAL object, looked up by key.
///
/// OSCAL objects are small (a control has at most a dozen keys), so a linear scan beats
/// building a dictionary for each of the thousands of objects in a catalog.
struct OSCALFields {
    let entries: [ConfigEntry]

    subscript(key: String) -> ConfigValue? {
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }
}

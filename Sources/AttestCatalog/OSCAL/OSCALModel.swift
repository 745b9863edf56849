import AttestCore

// The part of the OSCAL catalog and profile models that Attest reads, decoded from the OSCAL
// JSON shape whatever the file's format (JSON, YAML, or XML turned into the same shape).
// Every value keeps the position it was written at, so findings point into the OSCAL file.

/// A `prop`: a name and value, with an optional class and namespace.
struct OSCALProperty: Hashable, Sendable {
    var name: String
    var value: String
    var propClass: String?
    var ns: String?
}

/// A `link` to a resource, a control (`#ac-3`) or a web page.
struct OSCALLink: Hashable, Sendable {
    var href: String
    var rel: String?
    var text: String?
}

/// A `part` of a control: its statement, guidance, objectives, with nested items.
struct OSCALPart: Hashable, Sendable {
    var id: String?
    var name: String
    var partClass: String?
    var title: String?
    var props: [OSCALProperty] = []
    var prose: String?
    var parts: [OSCALPart] = []
    var links: [OSCALLink] = []
    var position: SourcePosition
}

/// A `select` of a parameter: choices, one or several.
struct OSCALSelection: Hashable, Sendable {
    var howMany: String?
    var choices: [String]
}

/// A `param`: a value the organisation chooses.
struct OSCALParameter: Hashable, Sendable {
    var id: String
    var paramClass: String?
    var dependsOn: String?
    var props: [OSCALProperty] = []
    var links: [OSCALLink] = []
    var label: String?
    var usage: String?
    var constraints: [String] = []
    var guidelines: [String] = []
    var values: [String] = []
    var select: OSCALSelection?
    var position: SourcePosition
}

/// A `control`, with its enhancements as nested controls.
struct OSCALControl: Hashable, Sendable {
    var id: String
    var controlClass: String?
    var title: String
    var params: [OSCALParameter] = []
    var props: [OSCALProperty] = []
    var links: [OSCALLink] = []
    var parts: [OSCALPart] = []
    var controls: [OSCALControl] = []
    var position: SourcePosition
}

/// A `group` of controls (a family such as Access Control), possibly holding groups.
struct OSCALGroup: Hashable, Sendable {
    var id: String?
    var groupClass: String?
    var title: String
    var params: [OSCALParameter] = []
    var props: [OSCALProperty] = []
    var links: [OSCALLink] = []
    var parts: [OSCALPart] = []
    var groups: [OSCALGroup] = []
    var controls: [OSCALControl] = []
    var position: SourcePosition
}

/// The `metadata` fields Attest uses.
struct OSCALMetadata: Hashable, Sendable {
    /// A `responsible-parties` entry: a role and the parties holding it.
    struct ResponsibleParty: Hashable, Sendable {
        var role: String
        var parties: [String]
    }

    var title: String
    var version: String?
    var oscalVersion: String
    var lastModified: String?
    /// Party UUID → name.
    var parties: [String: String] = [:]
    var responsibleParties: [ResponsibleParty] = []
    var position: SourcePosition
}

/// A back-matter `resource`: where a profile's `#uuid` import points.
struct OSCALResource: Hashable, Sendable {
    struct RLink: Hashable, Sendable {
        var href: String
        var mediaType: String?
        var position: SourcePosition
    }

    var uuid: String
    var title: String?
    var rlinks: [RLink] = []
    var position: SourcePosition
}

/// An OSCAL catalog, or a profile once resolved.
struct OSCALCatalog: Hashable, Sendable {
    var uuid: String
    var metadata: OSCALMetadata
    var params: [OSCALParameter] = []
    var controls: [OSCALControl] = []
    var groups: [OSCALGroup] = []
    var backMatter: [OSCALResource] = []
    var position: SourcePosition
}

/// A value written in the document with its position (an id in a `with-ids` list).
struct OSCALPositioned: Hashable, Sendable {
    var text: String
    var position: SourcePosition
}

/// One `include-controls` or `exclude-controls` entry.
struct OSCALControlSelector: Hashable, Sendable {
    var withChildControls = false
    var withIDs: [OSCALPositioned] = []
    /// Glob patterns (`ac-*`) matched against control ids.
    var patterns: [OSCALPositioned] = []
    var position: SourcePosition
}

/// One `import` of a profile.
struct OSCALImport: Hashable, Sendable {
    var href: OSCALPositioned
    var includeAll: Bool
    var include: [OSCALControlSelector] = []
    var exclude: [OSCALControlSelector] = []
    var position: SourcePosition
}

/// A profile's `merge` directive.
struct OSCALMerge: Hashable, Sendable {
    enum Structure: Hashable, Sendable {
        /// No structuring directive: NIST's resolver then produces a flat catalog.
        case unspecified
        case flat
        case asIs
        case custom
    }

    enum Combine: String, Hashable, Sendable {
        case keep
        case useFirst = "use-first"
        case merge
    }

    var structure: Structure = .unspecified
    var combine: Combine = .keep
    var position: SourcePosition?
}

/// One `set-parameters` entry: replaces or adds to a parameter's fields.
struct OSCALSetParameter: Hashable, Sendable {
    var paramID: OSCALPositioned
    var paramClass: String?
    var dependsOn: String?
    var props: [OSCALProperty] = []
    var links: [OSCALLink] = []
    var label: String?
    var usage: String?
    var constraints: [String] = []
    var guidelines: [String] = []
    var values: [String]?
    var select: OSCALSelection?
    var position: SourcePosition
}

/// One `alter` of a control: parts, props, params and links removed or added.
struct OSCALAlter: Hashable, Sendable {
    /// One `removes` entry: every matching part, prop or link goes.
    struct Remove: Hashable, Sendable {
        var byName: String?
        var byClass: String?
        var byID: String?
        var byItemName: String?
        var byNS: String?
        var position: SourcePosition
    }

    /// One `adds` entry, at `position` (`starting`, `ending`, `before`, `after`) relative to
    /// the control or to the part `byID`.
    struct Add: Hashable, Sendable {
        var where_: String
        var byID: String?
        var title: String?
        var params: [OSCALParameter] = []
        var props: [OSCALProperty] = []
        var links: [OSCALLink] = []
        var parts: [OSCALPart] = []
        var position: SourcePosition
    }

    var controlID: OSCALPositioned
    var removes: [Remove] = []
    var adds: [Add] = []
    var position: SourcePosition
}

/// A profile's `modify`.
struct OSCALModify: Hashable, Sendable {
    var setParameters: [OSCALSetParameter] = []
    var alters: [OSCALAlter] = []
}

/// An OSCAL profile: a selection and tailoring of controls from catalogs or profiles.
struct OSCALProfile: Hashable, Sendable {
    var uuid: String
    var metadata: OSCALMetadata
    var imports: [OSCALImport]
    var merge: OSCALMerge
    var modify: OSCALModify
    var backMatter: [OSCALResource] = []
    var position: SourcePosition
}

/// An OSCAL document Attest reads as a framework.
enum OSCALDocument: Hashable, Sendable {
    case catalog(OSCALCatalog)
    case profile(OSCALProfile)

    var metadata: OSCALMetadata {
        switch self {
        case let .catalog(catalog): catalog.metadata
        case let .profile(profile): profile.metadata
        }
    }

    var modelName: String {
        switch self {
        case .catalog: "catalog"
        case .profile: "profile"
        }
    }
}

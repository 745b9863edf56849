/// A framework put in scope by the workspace, optionally narrowed to some tags
/// (SOC 2 with only `security` and `availability`, say).
public struct FrameworkSelection: Hashable, Sendable {
    public var id: FrameworkID
    /// When set, only assessable requirements carrying one of these tags are in scope.
    public var tags: [String]?
    public var position: SourcePosition

    public init(id: FrameworkID, tags: [String]? = nil, position: SourcePosition) {
        self.id = id
        self.tags = tags
        self.position = position
    }
}

/// A requirement taken out of scope, with the reason an auditor will read.
///
/// The scope of a published percentage is part of what it means, so an exclusion is `public`
/// unless marked otherwise: its requirement and justification are then listed on the trust
/// center beside the figure it changes. An `nda` or `internal` exclusion still leaves the
/// score, but its justification stays in the reports of its audience.
public struct Exclusion: Hashable, Sendable {
    public var requirement: RequirementReference
    /// Per locale, English required.
    public var justification: LocalizedText
    public var visibility: Visibility
    public var position: SourcePosition

    public init(
        requirement: RequirementReference, justification: LocalizedText,
        visibility: Visibility = .public, position: SourcePosition
    ) {
        self.requirement = requirement
        self.justification = justification
        self.visibility = visibility
        self.position = position
    }
}

/// The workspace manifest, `attest.yaml`, with what its included fragments contributed.
public struct Manifest: Hashable, Sendable {
    public var organisation: String
    /// The `organisation:` mapping as written (legal name, website, …), for renderers.
    public var organisationProfile: ConfigValue?
    public var frameworks: [FrameworkSelection]
    public var programs: [Program]
    public var exclusions: [Exclusion]
    /// Locales the site is built in; the first is the default unless `defaultLocale` says.
    public var locales: [String]
    /// The locale the site's root page sends readers to (`default_locale:`, one of `locales`);
    /// nil for the first locale.
    public var defaultLocale: String?
    /// Output folder, workspace-relative.
    public var output: String
    /// SQLite store path, workspace-relative.
    public var store: String
    /// Evidence this close to its expiry is listed as expiring.
    public var expiringWithin: TimeSpan
    /// How evidence with an `assumed` date scores (`freshness.undated`).
    public var undated: UndatedPolicy = .warn
    /// How requirements combine their controls when neither the requirement nor its framework
    /// says (`aggregate:`); nil means `mean`.
    public var aggregate: Aggregate?
    /// `reports.period`: the period of observation the readiness reports and the trust page
    /// show (`90d`, `2026-01-01..2026-06-30`), as written and checked; nil for none.
    public var reportPeriod: String?
    /// Trust-center content; its shape is decided by the renderer.
    public var trustCenter: ConfigValue?
    /// Workspace-relative path of the Ed25519 public key that signs bundles, if any.
    public var publicKey: String?
    /// The people who may sign attestations (`signers:` of the manifest and included files,
    /// the manifest's first, then by file path).
    public var signers: [Signer] = []
    /// Known deviations (`exceptions:` of the manifest and included files, in the same order).
    public var exceptions: [Exception] = []
    /// Stated reasons for including Annex A controls (`applicability:`), in file order.
    public var applicability: [ApplicabilityStatement] = []
    /// The document library (`documents:` of the manifest and included files, in the same
    /// order).
    public var documents: [Document] = []
    /// OSCAL mapping collections read as mappings (`mappings:` of attest.yaml), in file order.
    public var mappingCollections: [MappingCollectionImport] = []
    /// The served portal (`portal:`); nil when the workspace does not serve one.
    public var portal: PortalSettings?
    public var position: SourcePosition
    /// Where each path-valued key (`output`, `store`, `public_key`) was written, so checks of
    /// those paths on disk can point at them.
    public var keyPositions: [String: SourcePosition] = [:]

    public init(
        organisation: String, frameworks: [FrameworkSelection] = [], programs: [Program] = [],
        exclusions: [Exclusion] = [], locales: [String] = ["en"], output: String = "reports",
        store: String = ".attest/attest.sqlite", expiringWithin: TimeSpan = .days(30),
        trustCenter: ConfigValue? = nil, publicKey: String? = nil, position: SourcePosition
    ) {
        self.organisation = organisation
        self.frameworks = frameworks
        self.programs = programs
        self.exclusions = exclusions
        self.locales = locales
        self.output = output
        self.store = store
        self.expiringWithin = expiringWithin
        self.trustCenter = trustCenter
        self.publicKey = publicKey
        self.position = position
    }
}

/// Everything a workspace declares, as loaded: the input of the control graph.
public struct Workspace: Hashable, Sendable {
    public var manifest: Manifest
    /// Framework catalogs available (bundled and the workspace's own), in load order.
    public var frameworks: [Framework]
    public var controls: [Control]
    public var mappings: [Mapping]
    /// Workspace-relative paths of every file that was read, sorted.
    public var files: [String]

    public init(
        manifest: Manifest, frameworks: [Framework], controls: [Control], mappings: [Mapping],
        files: [String] = []
    ) {
        self.manifest = manifest
        self.frameworks = frameworks
        self.controls = controls
        self.mappings = mappings
        self.files = files
    }
}

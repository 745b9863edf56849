import AttestCore

/// What the workspace writes under `trust_center:` in `attest.yaml`: the practice sections,
/// integrations, sub-processors, incident response and legal facts of the trust center.
///
/// Every item carries a visibility (default `public`); only `PublicProjection` decides what
/// reaches the public site.
public struct TrustCenterContent: Hashable, Sendable {
    public var title: LocalizedText?
    public var tagline: LocalizedText?
    public var contact: String?
    public var reportRequest: ReportRequest?
    public var sections: [Section]
    public var integrations: [Integration]
    public var subprocessors: [Subprocessor]
    public var incidentResponse: IncidentResponse?
    public var legal: Legal?
    /// What readers see of the controls behind claims (`public_status:`, default `summary`).
    public var publicStatus: SitePresentation.PublicStatus = .summary
    /// The frameworks the hero shows, in order (`featured:`); empty for all, as in attest.yaml.
    public var featured: [Featured] = []
    /// Score bands that colour rings and bars (`thresholds:`, default 90 and 60).
    public var thresholds: SitePresentation.Thresholds = .init()

    public init(
        title: LocalizedText? = nil, tagline: LocalizedText? = nil, contact: String? = nil,
        reportRequest: ReportRequest? = nil, sections: [Section] = [],
        integrations: [Integration] = [],
        subprocessors: [Subprocessor] = [], incidentResponse: IncidentResponse? = nil,
        legal: Legal? = nil
    ) {
        self.title = title
        self.tagline = tagline
        self.contact = contact
        self.reportRequest = reportRequest
        self.sections = sections
        self.integrations = integrations
        self.subprocessors = subprocessors
        self.incidentResponse = incidentResponse
        self.legal = legal
    }

    /// A framework id of `featured:`, with where it was written (an unknown id is blamed there).
    public struct Featured: Hashable, Sendable {
        public var id: String
        public var position: SourcePosition
    }

    /// How to ask for reports under NDA.
    public struct ReportRequest: Hashable, Sendable {
        public var email: String?
        public var url: String?
        public var text: LocalizedText?
    }

    /// A practice section such as "Encryption" or "Identity and access".
    public struct Section: Hashable, Sendable {
        public var id: String
        public var title: LocalizedText
        public var summary: LocalizedText?
        /// A domain whose live % the section shows, e.g. `soc2/CC6`.
        public var domain: RequirementKey?
        public var items: [Item]
        public var visibility: Visibility
        public var position: SourcePosition
    }

    /// One statement of a section, optionally backed by controls whose live status is shown.
    public struct Item: Hashable, Sendable {
        public var title: LocalizedText
        public var text: LocalizedText?
        /// The backing controls (`backed_by:`, or `controls:` as older workspaces write it).
        public var controls: [ControlID]
        public var visibility: Visibility
        public var position: SourcePosition
    }

    /// A connected service and the OAuth scopes Attest's organisation asks of it.
    public struct Integration: Hashable, Sendable {
        public var name: String
        public var scopes: [Scope]
        /// The scope manifest the scopes were read from, if any (workspace-relative).
        public var manifest: String?
        public var visibility: Visibility
        /// Controls whose live status the item shows (`backed_by:`).
        public var backedBy: [ControlID] = []
        public var position: SourcePosition? = nil
    }

    public struct Scope: Hashable, Sendable {
        public var scope: String
        /// `read`, `write`, `admin`… as the manifest says.
        public var access: String
        public var purpose: LocalizedText
        public var visibility: Visibility
    }

    public struct Subprocessor: Hashable, Sendable {
        public var name: String
        public var purpose: LocalizedText
        /// Where it processes data, per locale ("France", "États-Unis").
        public var location: LocalizedText
        public var url: String?
        public var visibility: Visibility
        /// Controls whose live status the item shows (`backed_by:`).
        public var backedBy: [ControlID] = []
        public var position: SourcePosition? = nil
    }

    public struct IncidentResponse: Hashable, Sendable {
        /// Channels in priority order (1 first).
        public var channels: [Channel]
        public var commitments: [Commitment]
    }

    /// A promise of the incident-response policy, such as "breach notice within 24 hours".
    public struct Commitment: Hashable, Sendable {
        public var text: LocalizedText
        public var visibility: Visibility
        /// Controls whose live status the item shows (`backed_by:`).
        public var backedBy: [ControlID] = []
        public var position: SourcePosition? = nil
    }

    public struct Channel: Hashable, Sendable {
        public var name: LocalizedText
        public var contact: String
        public var priority: Int
        public var visibility: Visibility
        /// Controls whose live status the item shows (`backed_by:`).
        public var backedBy: [ControlID] = []
        public var position: SourcePosition? = nil
    }

    public struct Legal: Hashable, Sendable {
        public var governingLaw: [GoverningLaw]
        public var presence: [Presence]
        public var policies: [Policy]
    }

    public struct GoverningLaw: Hashable, Sendable {
        public var customers: LocalizedText
        public var law: LocalizedText
        public var visibility: Visibility
        /// Controls whose live status the item shows (`backed_by:`).
        public var backedBy: [ControlID] = []
        public var position: SourcePosition? = nil
    }

    public struct Presence: Hashable, Sendable {
        public var place: LocalizedText
        public var role: LocalizedText
        public var visibility: Visibility
        /// Controls whose live status the item shows (`backed_by:`).
        public var backedBy: [ControlID] = []
        public var position: SourcePosition? = nil
    }

    public struct Policy: Hashable, Sendable {
        public var title: LocalizedText
        public var url: String
        public var visibility: Visibility
        /// Controls whose live status the item shows (`backed_by:`).
        public var backedBy: [ControlID] = []
        public var position: SourcePosition? = nil
    }
}

import AttestCore

/// Text in every locale the workspace gives, keyed by locale code (`{"en": …, "fr": …}`).
public typealias LocalizedStrings = [String: String]

/// The public trust center: everything the public site, `trust-center.json` and
/// `trust-center.xml` may show, and nothing else.
///
/// Built only by `PublicProjection`, the one place that applies visibility rules. Renderers
/// take this value, never the workspace, so `nda` and `internal` content cannot reach them.
public struct PublicTrustCenter: Codable, Hashable, Sendable {
    /// Version of this vocabulary (JSON and XML); bumped on incompatible change.
    public static let formatVersion = 1

    public var formatVersion: Int
    /// ISO 8601 time of the build.
    public var generatedAt: String
    public var buildID: String
    public var toolVersion: String
    /// Locales the site is built in, in the order of `locales:`; the site's default is the
    /// workspace's `default_locale:` (`SitePresentation`), else the first.
    public var locales: [String]
    public var organisation: Organisation
    public var title: LocalizedStrings?
    public var tagline: LocalizedStrings?
    public var contact: String?
    public var reportRequest: ReportRequest?
    public var programs: [Program]
    /// Live scores of the frameworks public programs show.
    public var frameworks: [FrameworkScore]
    /// Public exclusions of the frameworks in `frameworks`: requirements their % leaves out,
    /// with the justification; nil (left out) when there is none.
    public var exclusions: [Exclusion]? = nil
    public var sections: [Section]
    public var integrations: [Integration]
    public var subprocessors: [Subprocessor]
    public var incidentResponse: IncidentResponse?
    public var legal: Legal?
    public var changes: Changes?
    public var signingKey: SigningKey?
    /// The document library (``DocumentLibrary``): public documents with their file, nda ones
    /// by title; nil (left out) when the workspace lists none that may be shown.
    public var documents: [LibraryDocument]? = nil

    public struct Organisation: Codable, Hashable, Sendable {
        public var name: String
        public var legalName: String?
        public var website: String?
        public var country: String?
    }

    public struct ReportRequest: Codable, Hashable, Sendable {
        public var email: String?
        public var url: String?
        public var text: LocalizedStrings?
        /// Titles of the programs whose report can be requested under NDA.
        public var programs: [LocalizedStrings]
    }

    /// A point of a trend: the framework % at a past build.
    public struct TrendPoint: Codable, Hashable, Sendable {
        public var date: String
        public var percent: Double
    }

    /// A domain (a requirement with assessable leaves) and its live %.
    public struct Domain: Codable, Hashable, Sendable {
        public var framework: String
        public var id: String
        public var title: LocalizedStrings
        public var percent: Double
    }

    public struct Program: Codable, Hashable, Sendable {
        public var id: String
        public var title: LocalizedStrings
        /// What the workspace declares: `certified`, `in-progress` or `planned`.
        public var status: String
        /// For a `certified` program, what its proof supports at the build: `certified`,
        /// `expired` or `unverified`. Readers should trust this, not `status`.
        public var standing: String? = nil
        public var framework: String?
        public var frameworkName: LocalizedStrings?
        public var auditor: String?
        public var certifiedOn: String?
        public var expiresOn: String?
        public var externalScore: String?
        public var targetQuarter: String?
        public var reportUnderNDA: Bool
        public var description: LocalizedStrings?
        /// Live readiness % of `framework` (in-progress programs).
        public var percent: Double?
        public var coverage: Double?
        public var domains: [Domain]
        /// Oldest first, the current build last.
        public var trend: [TrendPoint]
        /// For a program without a framework: the controls it is measured by and its figure.
        public var measure: Measure? = nil
        /// The framework's figure over the period of `reports.period`, beside the live one;
        /// nil without a period.
        public var period: PeriodFigure? = nil
    }

    /// A framework's figure over a period of observation: the mean of its daily % (docs/audit.md).
    public struct PeriodFigure: Codable, Hashable, Sendable {
        /// First and last UTC day, both included (`2026-01-01`).
        public var first: String
        public var last: String
        /// Days of the period, and those a stored run gave a figure for.
        public var days: Int
        public var observedDays: Int
        /// 0–100, one decimal.
        public var percent: Double
    }

    /// How a program without a framework is measured, live.
    public struct Measure: Codable, Hashable, Sendable {
        /// The figure's count, e.g. 46 (of 48); nil when the evidence carried no count.
        public var passed: Int?
        public var total: Int?
        /// What the figure counts ("laptops compliant").
        public var unit: LocalizedStrings?
        /// Status of the measured controls together, as a backed item shows it.
        public var backing: Backing
    }

    /// The live status of the controls behind a claim. Non-public controls count in
    /// `status` and `percent` but are never named.
    public struct Backing: Codable, Hashable, Sendable {
        /// `met` (every control at 100 %), `not-met` (all at 0 %), else `partly-met`;
        /// `unbacked` for a claim naming no control (in aligned lists only).
        public var status: String
        /// Mean score of the backing controls, 0–100, one decimal; nil when unbacked.
        public var percent: Double?
        /// The public ones among the backing controls, with their state.
        public var controls: [ControlState]
    }

    public struct FrameworkScore: Codable, Hashable, Sendable {
        public var id: String
        public var name: LocalizedStrings
        public var percent: Double
        public var coverage: Double
    }

    /// A requirement taken out of a published framework's scope, and why.
    public struct Exclusion: Codable, Hashable, Sendable {
        public var framework: String
        public var frameworkName: LocalizedStrings
        public var requirement: String
        public var title: LocalizedStrings
        public var justification: LocalizedStrings
    }

    /// A public control's live state, as a practice item shows it.
    public struct ControlState: Codable, Hashable, Sendable {
        public var id: String
        public var title: LocalizedStrings
        /// `passing` (100 %), `attention` (some evidence short), `failing` (0 %).
        public var state: String
        public var percent: Double
    }

    public struct Item: Codable, Hashable, Sendable {
        public var title: LocalizedStrings
        public var text: LocalizedStrings?
        public var controls: [ControlState]
        public var backing: Backing? = nil
    }

    public struct Section: Codable, Hashable, Sendable {
        public var id: String
        public var title: LocalizedStrings
        public var summary: LocalizedStrings?
        public var domain: Domain?
        public var items: [Item]
    }

    public struct Scope: Codable, Hashable, Sendable {
        public var scope: String
        public var access: String
        public var purpose: LocalizedStrings
    }

    public struct Integration: Codable, Hashable, Sendable {
        public var name: String
        public var scopes: [Scope]
        public var backing: Backing? = nil
    }

    public struct Subprocessor: Codable, Hashable, Sendable {
        public var name: String
        public var purpose: LocalizedStrings
        /// The location in English, as format 1 has always written it.
        public var location: String
        public var url: String?
        public var backing: Backing? = nil
        /// The location in every locale the workspace gives.
        public var localizedLocation: LocalizedStrings? = nil
    }

    public struct Channel: Codable, Hashable, Sendable {
        public var priority: Int
        public var name: LocalizedStrings
        public var contact: String
        public var backing: Backing? = nil
    }

    public struct IncidentResponse: Codable, Hashable, Sendable {
        public var channels: [Channel]
        public var commitments: [LocalizedStrings]
        /// The backing of each commitment, in the same order; nil when none is backed.
        public var commitmentBacking: [Backing]? = nil
    }

    public struct GoverningLaw: Codable, Hashable, Sendable {
        public var customers: LocalizedStrings
        public var law: LocalizedStrings
        public var backing: Backing? = nil
    }

    public struct Presence: Codable, Hashable, Sendable {
        public var place: LocalizedStrings
        public var role: LocalizedStrings
        public var backing: Backing? = nil
    }

    public struct Policy: Codable, Hashable, Sendable {
        public var title: LocalizedStrings
        public var url: String
        public var backing: Backing? = nil
    }

    public struct Legal: Codable, Hashable, Sendable {
        public var governingLaw: [GoverningLaw]
        public var presence: [Presence]
        public var policies: [Policy]
    }

    /// What moved since the previous build recorded in the store.
    public struct Changes: Codable, Hashable, Sendable {
        public struct ProgramMove: Codable, Hashable, Sendable {
            public var id: String
            public var title: LocalizedStrings
            public var from: Double
            public var to: Double
            /// Set when the framework's scope changed since the previous build (a requirement
            /// was excluded or brought back): `only` when no control's score changed, so the
            /// move comes from the scope alone, else `also`. Nil for a change of evidence alone.
            public var scope: String? = nil
        }

        /// A public exclusion added (`excluded`, with its justification) or removed
        /// (`included`: back in scope) since the previous build.
        public struct ScopeChange: Codable, Hashable, Sendable {
            public var framework: String
            public var frameworkName: LocalizedStrings
            public var requirement: String
            public var title: LocalizedStrings
            /// `excluded` or `included`.
            public var change: String
            /// The justification of a new exclusion; nil when back in scope.
            public var justification: LocalizedStrings?
        }

        public struct ControlRef: Codable, Hashable, Sendable {
            public var id: String
            public var title: LocalizedStrings
        }

        /// A framework's % before and after.
        public struct FrameworkMove: Codable, Hashable, Sendable {
            public var id: String
            public var name: LocalizedStrings
            public var from: Double
            public var to: Double
        }

        /// A public control whose state (`passing`, `attention`, `failing`) changed.
        public struct ControlChange: Codable, Hashable, Sendable {
            public var id: String
            public var title: LocalizedStrings
            public var from: String
            public var to: String
            /// Published frameworks the control satisfies whose % moved.
            public var frameworks: [FrameworkMove]
        }

        /// ISO 8601 time of the previous build.
        public var since: String
        public var programs: [ProgramMove]
        /// Public requirements of published frameworks excluded or brought back in scope,
        /// by framework and requirement; nil (left out) when there is none or the previous
        /// build's scope is unknown.
        public var scopeChanges: [ScopeChange]? = nil
        public var controlsAdded: [ControlRef]
        public var controlsRemoved: [ControlRef]
        /// Public controls that changed state, new failures first.
        public var controlsChanged: [ControlChange] = []
        /// Evidence of public controls renewed since the previous build: a new artifact (another
        /// hash) or a later observation date from the source, never a mere re-reading.
        public var evidenceRenewed: Int
        /// Evidence of public controls that went stale since the previous build.
        public var evidenceExpired: Int
    }

    public struct SigningKey: Codable, Hashable, Sendable {
        public var algorithm: String
        /// SHA-256 of the raw public key, hex.
        public var fingerprint: String
    }
}

extension LocalizedText {
    /// The text as a plain locale map, for the public vocabulary.
    public var strings: LocalizedStrings { values }
}

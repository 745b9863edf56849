import AttestCore

/// How the public site presents the trust center: choices of the workspace that change the
/// page a reader sees, not what is public.
///
/// `PublicProjection` decides what may be shown; this value decides how the site shows it:
/// whether control states appear as internal detail or as a plain summary, which frameworks
/// the hero shows and in what order, the score bands that colour rings and bars, and the
/// locale the root page sends readers to. `trust-center.json` and `trust-center.xml` do not
/// read it (docs/site.md says why).
public struct SitePresentation: Hashable, Sendable {
    /// What readers see of the controls behind public claims (`trust_center.public_status`).
    public enum PublicStatus: String, CaseIterable, Hashable, Sendable {
        /// "In place" or "Being improved", with no control id and no failing chip.
        case summary
        /// Every public control by id with its state ("Passing", "Needs attention", "Failing").
        case detailed
    }

    /// Score bands (`trust_center.thresholds`): a % at or above `good` is good, at or above
    /// `fair` is fair, below is low. Both are percentages, 0–100, with `good ≥ fair`.
    public struct Thresholds: Hashable, Sendable {
        public var good: Double
        public var fair: Double

        public init(good: Double = 90, fair: Double = 60) {
            self.good = good
            self.fair = fair
        }

        /// The band of `percent`: `good`, `fair` or `low`.
        public func band(of percent: Double) -> String {
            percent >= good ? "good" : percent >= fair ? "fair" : "low"
        }
    }

    public var publicStatus: PublicStatus
    public var thresholds: Thresholds
    /// The frameworks the hero shows, in order (`trust_center.featured`); empty to show every
    /// published framework in `frameworkOrder`.
    public var featured: [String]
    /// The order of `frameworks:` in attest.yaml; frameworks not in it come after, by id.
    public var frameworkOrder: [String]
    /// The locale the root page sends readers to (`default_locale:`); nil or a locale the site
    /// is not built in means the first locale.
    public var defaultLocale: String?

    public init(
        publicStatus: PublicStatus = .summary, thresholds: Thresholds = Thresholds(),
        featured: [String] = [], frameworkOrder: [String] = [], defaultLocale: String? = nil
    ) {
        self.publicStatus = publicStatus
        self.thresholds = thresholds
        self.featured = featured
        self.frameworkOrder = frameworkOrder
        self.defaultLocale = defaultLocale
    }

    /// The presentation a workspace asks for: its `trust_center:` choices, the order of its
    /// `frameworks:` and its `default_locale:`.
    public init(content: TrustCenterContent, manifest: Manifest) {
        self.init(
            publicStatus: content.publicStatus, thresholds: content.thresholds,
            featured: content.featured.map(\.id),
            frameworkOrder: manifest.frameworks.map(\.id.rawValue),
            defaultLocale: manifest.defaultLocale)
    }

    /// `ids` in the order of `frameworks:` in attest.yaml; others after, in id order.
    ///
    /// - Complexity: O(n log n) for n ids.
    func ordered(_ ids: [String]) -> [String] {
        let rank = Dictionary(
            frameworkOrder.enumerated().map { ($0.element, $0.offset) },
            uniquingKeysWith: { a, _ in a })
        return ids.sorted {
            let left = rank[$0] ?? Int.max
            let right = rank[$1] ?? Int.max
            return left != right ? left < right : $0 < $1
        }
    }

    /// The frameworks the hero shows among `published`: the featured ones in their order, or
    /// every published one in the order of attest.yaml.
    func hero(_ published: [String]) -> [String] {
        guard !featured.isEmpty else { return ordered(published) }
        let available = Set(published)
        var seen = Set<String>()
        return featured.filter { available.contains($0) && seen.insert($0).inserted }
    }

    /// The locale the root page sends readers to among `locales`.
    func defaultLocale(among locales: [String]) -> String {
        if let defaultLocale, locales.contains(defaultLocale) { return defaultLocale }
        return locales.first ?? LocalizedText.defaultLocale
    }
}

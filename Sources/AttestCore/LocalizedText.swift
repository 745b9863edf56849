/// Text in one or more locales; English is the fallback.
///
/// Written in YAML either as a plain string (English) or as a map `{en: …, fr: …}`.
public struct LocalizedText: Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    /// Locale code → text, e.g. `["en": "Use of cryptography"]`.
    public var values: [String: String] {
        didSet { english = values[Self.defaultLocale] ?? "" }
    }

    /// English text (empty when missing, which the graph reports). Kept beside `values`, not
    /// looked up: every report reads it for every row.
    public private(set) var english: String

    public static let defaultLocale = "en"

    public init(_ values: [String: String]) {
        self.values = values
        english = values[Self.defaultLocale] ?? ""
    }
    public init(english: String) { self.init([Self.defaultLocale: english]) }
    public init(stringLiteral value: String) { self.init(english: value) }

    private enum CodingKeys: String, CodingKey { case values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode([String: String].self, forKey: .values))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(values, forKey: .values)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.values == rhs.values }

    public func hash(into hasher: inout Hasher) { hasher.combine(values) }

    /// The text in `locale`, falling back to English.
    public func text(for locale: String) -> String { values[locale] ?? english }

    /// Whether the text has an explicit translation for `locale`.
    public func hasTranslation(for locale: String) -> Bool { values[locale] != nil }

    /// Locales present, sorted.
    public var locales: [String] { values.keys.sorted() }
}

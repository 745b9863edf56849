/// Text in one or more locales; English is the fallback.
///
/// Written in YAML either as a plain string (English) or as a map `{en: …, fr: …}`.
public struct LocalizedText: Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    /// Locale code → text, e.g. `["en": "Use of cryptography"]`.
    public var values: [String: String]

    public static let defaultLocale = "en"

    public init(_ values: [String: String]) { self.values = values }
    public init(english: String) { self.values = [Self.defaultLocale: english] }
    public init(stringLiteral value: String) { self.init(english: value) }

    /// English text (empty when missing, which the graph reports).
    public var english: String { values[Self.defaultLocale] ?? "" }

    /// The text in `locale`, falling back to English.
    public func text(for locale: String) -> String { values[locale] ?? english }

    /// Whether the text has an explicit translation for `locale`.
    public func hasTranslation(for locale: String) -> Bool { values[locale] != nil }

    /// Locales present, sorted.
    public var locales: [String] { values.keys.sorted() }
}

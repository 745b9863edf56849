import AttestCore

extension TrustCenterContent {
    /// Keys whose value is always text a reader sees: a string (English) or a locale map.
    static let textKeys: Set<String> = [
        "title", "tagline", "text", "summary", "purpose", "location", "customers", "law", "place",
        "role",
    ]

    /// Keys whose value is text only when written as a locale map: an integration's or a
    /// sub-processor's `name` is a proper noun, a channel's may be translated.
    static let mappedTextKeys: Set<String> = ["name"]

    /// Warnings for public text of `trust_center:` that lacks one of `locales`, each at the
    /// text's position, so a French page never falls back to English unnoticed.
    ///
    /// Walks the content as written: an element whose `visibility` is not `public` is skipped
    /// with everything under it (the public site never shows it). The scope manifest of a
    /// public integration is read through `loadDocument` and its scopes walked the same way
    /// (a manifest that cannot be read is reported by the content's own reading, not here).
    ///
    /// - Complexity: O(size of the content and of the scope manifests).
    public static func missingLocales(
        _ value: ConfigValue?, locales: [String],
        loadDocument: (String, SourcePosition) -> Result<ConfigValue?, Diagnostic> = { _, _ in
            .success(nil)
        }
    ) -> [Diagnostic] {
        guard let value, locales.count > 1 else { return [] }
        var findings: [Diagnostic] = []
        func check(_ text: ConfigValue) {
            let given: Set<String>
            if text.scalar != nil {
                given = [LocalizedText.defaultLocale]
            } else if let entries = text.mapping {
                given = Set(entries.map(\.key))
            } else {
                return
            }
            let missing = locales.filter { !given.contains($0) }
            guard !missing.isEmpty else { return }
            findings.append(
                .warning(
                    .trustCenterMissingLocale,
                    "public text has no \(missing.joined(separator: ", ")) version; the "
                        + "\(missing.joined(separator: ", ")) page shows it in English",
                    at: text.position))
        }
        func walk(_ value: ConfigValue) {
            if let items = value.sequence {
                items.forEach(walk)
                return
            }
            guard let entries = value.mapping else { return }
            if let visibility = value["visibility"]?.scalar,
                visibility != Visibility.public.rawValue
            {
                return
            }
            for entry in entries {
                if entry.key == "manifest", let path = entry.value.scalar,
                    case let .success(document?) = loadDocument(path, entry.value.position),
                    let scopes = document["scopes"]
                {
                    walk(scopes)
                } else if textKeys.contains(entry.key)
                    || (mappedTextKeys.contains(entry.key) && entry.value.mapping != nil)
                {
                    check(entry.value)
                } else if entry.key == "commitments", let items = entry.value.sequence {
                    // A commitment is a text, or `{ text: …, visibility: … }`.
                    for item in items where item["text"] == nil { check(item) }
                    for item in items where item["text"] != nil { walk(item) }
                } else {
                    walk(entry.value)
                }
            }
        }
        walk(value)
        return findings
    }
}

extension Manifest {
    /// Warnings for public programs and exclusions whose text lacks one of the site's locales,
    /// at the program or exclusion.
    public var missingLocales: [Diagnostic] {
        guard locales.count > 1 else { return [] }
        var findings: [Diagnostic] = []
        func check(_ text: LocalizedText?, _ what: String, at position: SourcePosition) {
            guard let text else { return }
            let missing = locales.filter { !text.hasTranslation(for: $0) }
            guard !missing.isEmpty else { return }
            findings.append(
                .warning(
                    .trustCenterMissingLocale,
                    "\(what) has no \(missing.joined(separator: ", ")) version; the "
                        + "\(missing.joined(separator: ", ")) page shows it in English",
                    at: position))
        }
        for program in programs where program.visibility == .public {
            check(program.title, "the title of program '\(program.id)'", at: program.position)
            check(
                program.description, "the description of program '\(program.id)'",
                at: program.position)
        }
        for exclusion in exclusions where exclusion.visibility == .public {
            check(
                exclusion.justification,
                "the justification of the exclusion of \(exclusion.requirement.key)",
                at: exclusion.position)
        }
        return findings
    }
}

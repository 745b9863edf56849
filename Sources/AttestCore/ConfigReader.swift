import Foundation

/// Reads typed fields out of `ConfigValue` trees, collecting a diagnostic for every value of
/// the wrong shape, every missing key and every unknown key.
///
/// Decoding goes on after a finding, so one run reports all of them. The workspace loader,
/// collectors (for their options) and renderers (for trust-center content) share it.
public struct ConfigReader {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    public mutating func error(
        _ code: DiagnosticCode, _ message: String, at position: SourcePosition
    ) {
        diagnostics.append(.error(code, message, at: position))
    }

    // MARK: Shapes

    /// The entries of a mapping, or nil (and a finding) for any other shape. Unknown keys are
    /// reported at the key; with `suggesting`, with a "did you mean" hint naming the closest
    /// allowed key (``Spelling``).
    public mutating func fields(
        _ value: ConfigValue, _ what: @autoclosure () -> String, allowed: Set<String>,
        required: [String] = [], suggesting: Bool = false
    ) -> Fields? {
        guard let entries = value.mapping else {
            error(
                .schemaWrongType, "expected a mapping for \(what()), found \(value.shapeName)",
                at: value.position)
            return nil
        }
        var byKey: [String: ConfigEntry] = [:]
        for entry in entries {
            if allowed.contains(entry.key) {
                byKey[entry.key] = entry
            } else {
                report(
                    .error(
                        .schemaUnknownKey, "unknown key '\(entry.key)' in \(what())",
                        at: entry.keyPosition,
                        notes: [
                            .init("expected one of: " + allowed.sorted().joined(separator: ", "))
                        ],
                        hint: suggesting
                            ? Spelling.closest(
                                to: entry.key, among: allowed.sorted(), maxEdits: 3
                            ).map { "did you mean '\($0)'?" } : nil))
            }
        }
        for key in required where byKey[key] == nil {
            error(.schemaMissingKey, "\(what()) needs the key '\(key)'", at: value.position)
        }
        return Fields(entries: byKey, position: value.position, ordered: entries)
    }

    /// The items of a sequence, or nil (and a finding).
    public mutating func sequence(
        _ value: ConfigValue, _ what: @autoclosure () -> String
    ) -> [ConfigValue]? {
        guard let items = value.sequence else {
            error(
                .schemaWrongType, "expected a list for \(what()), found \(value.shapeName)",
                at: value.position)
            return nil
        }
        return items
    }

    // MARK: Scalars

    /// Scalar text as written; a null or a container is reported.
    public mutating func string(_ value: ConfigValue, _ what: @autoclosure () -> String) -> String?
    {
        guard let text = value.scalar else {
            error(
                .schemaWrongType, "expected a string for \(what()), found \(value.shapeName)",
                at: value.position)
            return nil
        }
        if value.isNull {
            error(
                .schemaWrongType, "expected a string for \(what()), found null", at: value.position)
            return nil
        }
        return text
    }

    /// An identifier or a URL: a string without control or bidirectional formatting
    /// characters, which would make two ids look alike or reorder a link's text on a page.
    public mutating func plainString(
        _ value: ConfigValue, _ what: @autoclosure () -> String
    ) -> String? {
        guard let text = string(value, what()) else { return nil }
        if let bad = text.unicodeScalars.first(where: {
            $0.value < 0x20 || (0x7f...0x9f).contains($0.value) || BidiControls.isFormatting($0)
        }) {
            error(
                .schemaInvalidValue,
                "\(what()) contains the invisible control character U+"
                    + String(bad.value, radix: 16, uppercase: true)
                    + "; remove it (identifiers and URLs must be plain text)",
                at: value.position)
            return nil
        }
        return text
    }

    public mutating func bool(_ value: ConfigValue, _ what: @autoclosure () -> String) -> Bool? {
        if case let .bool(flag)? = value.resolvedScalar { return flag }
        error(
            .schemaWrongType, "expected true or false for \(what()), found \(value.describedValue)",
            at: value.position)
        return nil
    }

    /// A finite number greater than zero (weights).
    public mutating func positiveNumber(
        _ value: ConfigValue, _ what: @autoclosure () -> String
    ) -> Double? {
        guard let number = value.resolvedScalar?.number, number.isFinite else {
            error(
                .schemaWrongType, "expected a number for \(what()), found \(value.describedValue)",
                at: value.position)
            return nil
        }
        guard number > 0 else {
            error(
                .schemaInvalidValue, "\(what()) must be greater than 0, found \(number)",
                at: value.position)
            return nil
        }
        return number
    }

    /// An enumerated value, reported with `code` and the allowed spellings when unknown.
    public mutating func choice<T: RawRepresentable & CaseIterable>(
        _ value: ConfigValue, _ what: @autoclosure () -> String, as type: T.Type,
        code: DiagnosticCode = .schemaInvalidValue
    ) -> T? where T.RawValue == String {
        guard let text = string(value, what()) else { return nil }
        if let result = T(rawValue: text) { return result }
        report(
            .error(
                code, "'\(text)' is not a valid \(what())", at: value.position,
                notes: [
                    .init("expected one of: " + T.allCases.map(\.rawValue).joined(separator: ", "))
                ]))
        return nil
    }

    /// A duration such as `90d`.
    public mutating func timeSpan(
        _ value: ConfigValue, _ what: @autoclosure () -> String
    ) -> TimeSpan? {
        guard let text = string(value, what()) else { return nil }
        if let span = TimeSpan(parsing: text) { return span }
        report(
            .error(
                .evidenceInvalidDuration, "'\(text)' is not a valid duration for \(what())",
                at: value.position,
                notes: [.init("write a positive whole number and a unit: 30s, 15m, 12h, 90d, 2w")]))
        return nil
    }

    /// An ISO date `YYYY-MM-DD`, kept as written.
    public mutating func date(_ value: ConfigValue, _ what: @autoclosure () -> String) -> String? {
        guard let text = string(value, what()) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let valid =
            parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
            && (1...12).contains(Int(parts[1]) ?? 0) && (1...31).contains(Int(parts[2]) ?? 0)
        guard valid else {
            error(
                .schemaInvalidValue, "'\(text)' is not a date (YYYY-MM-DD) for \(what())",
                at: value.position)
            return nil
        }
        return text
    }

    /// A list of strings; a single string is not accepted (lists stay lists).
    public mutating func strings(
        _ value: ConfigValue, _ what: @autoclosure () -> String
    ) -> [String]? {
        guard let items = sequence(value, what()) else { return nil }
        return items.compactMap { string($0, "an item of \(what())") }
    }

    /// Localised text: a string (English) or a map of locale → string with `en` required.
    public mutating func text(
        _ value: ConfigValue, _ what: @autoclosure () -> String
    ) -> LocalizedText? {
        if value.scalar != nil {
            return string(value, what()).map(LocalizedText.init(english:))
        }
        guard let entries = value.mapping else {
            error(
                .schemaWrongType,
                "expected text or a map of locales for \(what()), found \(value.shapeName)",
                at: value.position)
            return nil
        }
        var values: [String: String] = Dictionary(minimumCapacity: entries.count)
        for entry in entries {
            let key = entry.key.utf8
            guard key.count >= 2, key.count <= 8,
                key.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == 0x2D })
            else {
                error(
                    .schemaUnknownKey, "'\(entry.key)' is not a locale code in \(what())",
                    at: entry.keyPosition)
                continue
            }
            if let text = string(entry.value, "\(what()) (\(entry.key))") {
                values[entry.key] = text
            }
        }
        guard values[LocalizedText.defaultLocale] != nil else {
            error(.schemaMissingKey, "\(what()) needs an English text ('en')", at: value.position)
            return nil
        }
        return LocalizedText(values)
    }

    /// A map of string keys to scalar strings.
    public mutating func stringMap(
        _ value: ConfigValue, _ what: @autoclosure () -> String
    ) -> [String: String]? {
        guard let entries = value.mapping else {
            error(
                .schemaWrongType, "expected a mapping for \(what()), found \(value.shapeName)",
                at: value.position)
            return nil
        }
        var result: [String: String] = [:]
        for entry in entries {
            if let text = string(entry.value, "\(what()).\(entry.key)") { result[entry.key] = text }
        }
        return result
    }
}

/// A mapping's entries by key, for a reader to pick from.
public struct Fields: Sendable {
    public let entries: [String: ConfigEntry]
    public let position: SourcePosition
    public let ordered: [ConfigEntry]

    public subscript(key: String) -> ConfigValue? { entries[key]?.value }
}

extension ConfigValue {
    /// "a string", "a list", "a mapping" — for messages.
    public var shapeName: String {
        switch kind {
        case .scalar: resolvedScalar == .null ? "null" : "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// The scalar text quoted, or the shape name, for messages.
    public var describedValue: String {
        if let text = scalar, resolvedScalar != .null { return "'\(text)'" }
        return shapeName
    }
}

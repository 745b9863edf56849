import AttestCore
import Foundation

/// What an evidence item written with `recipe:` stands for.
struct RecipeExpansion {
    var collector: CollectorKind
    var options: [String: ConfigValue]
    var title: String
}

extension Recipe {
    /// Fills the template with `with:` values and the defaults, checking every value first.
    ///
    /// Values are checked against their parameter's kind and pattern, and a string that could
    /// change the command line or URL it goes into (a leading `-`, shell or URL syntax, `..`,
    /// spaces, control characters) is refused whatever the pattern says. A placeholder that is
    /// a whole scalar becomes one scalar (one argument of a command: programs run without a
    /// shell), typed as its parameter; a placeholder inside text is replaced in it.
    ///
    /// Every node of the result is positioned at `position` (the `recipe:` value), except
    /// values taken from `with:`, which keep their own position, so a finding about the
    /// expanded item points into the control file, not into the bundled recipe.
    func expand(
        with values: ConfigValue?, at position: SourcePosition, reader: inout ConfigReader
    ) -> RecipeExpansion? {
        var given: [String: ConfigValue] = [:]
        if let values {
            if let entries = values.mapping {
                for entry in entries {
                    guard parameter(entry.key) != nil else {
                        reader.report(
                            .error(
                                .recipeUnknownParameter,
                                "recipe '\(id)' has no parameter '\(entry.key)'",
                                at: entry.keyPosition,
                                notes: [.init("its parameters: " + parameterList)]))
                        continue
                    }
                    given[entry.key] = entry.value
                }
            } else {
                reader.error(
                    .schemaWrongType,
                    "expected a mapping of parameter → value for with, found \(values.shapeName)",
                    at: values.position)
                return nil
            }
        }
        var filled: [String: ConfigValue] = [:]
        var valid = true
        for parameter in parameters {
            let value: ConfigValue
            if let written = given[parameter.name] {
                value = written
            } else if let fallback = parameter.defaultValue {
                value = ConfigValue(.scalar(fallback, isQuoted: false), at: position)
            } else {
                reader.report(
                    .error(
                        .recipeMissingParameter,
                        "recipe '\(id)' needs the parameter '\(parameter.name)' in 'with:'",
                        at: values?.position ?? position,
                        hint: "\(parameter.name): \(parameter.summary)"))
                valid = false
                continue
            }
            guard let checked = parameter.check(value, reader: &reader) else {
                valid = false
                continue
            }
            filled[parameter.name] = checked
        }
        guard valid else { return nil }
        var options: [String: ConfigValue] = [:]
        for entry in template {
            options[entry.key] = Self.fill(entry.value, with: filled, at: position)
        }
        return RecipeExpansion(collector: collector, options: options, title: title)
    }

    /// `bucket (required), min_length (default 14)`.
    var parameterList: String {
        parameters.isEmpty
            ? "none"
            : parameters.map {
                $0.name + ($0.defaultValue.map { " (default \($0))" } ?? " (required)")
            }.joined(separator: ", ")
    }

    private static func fill(
        _ value: ConfigValue, with values: [String: ConfigValue], at position: SourcePosition
    ) -> ConfigValue {
        switch value.kind {
        case .scalar(let text, let quoted):
            let pieces = RecipePlaceholders.pieces(of: text)
            if pieces.count == 1, case .placeholder(let name) = pieces[0], let filled = values[name]
            {
                return filled
            }
            guard pieces.contains(where: { if case .placeholder = $0 { true } else { false } })
            else { return ConfigValue(.scalar(text, isQuoted: quoted), at: position) }
            let joined = pieces.map { piece -> String in
                switch piece {
                case .literal(let literal): return literal
                case .placeholder(let name): return values[name]?.scalar ?? ""
                }
            }.joined()
            return ConfigValue(.scalar(joined, isQuoted: true), at: position)
        case .sequence(let items):
            return ConfigValue(
                .sequence(items.map { fill($0, with: values, at: position) }), at: position)
        case .mapping(let entries):
            return ConfigValue(
                .mapping(
                    entries.map {
                        ConfigEntry(
                            key: $0.key, keyPosition: position,
                            value: fill($0.value, with: values, at: position))
                    }), at: position)
        }
    }
}

extension RecipeParameter {
    /// Characters no string parameter may hold: shell syntax, URL syntax (`/`, `?`, `#`, `%`),
    /// quotes and brackets. Kept out whatever a recipe's pattern allows.
    static let unsafeCharacters = Set(#"/\?#%;|&$`<>"'(){}[]*!~^=,"#.unicodeScalars)

    /// The value as it goes into the template, or nil (with a finding) when it is refused.
    func check(_ value: ConfigValue, reader: inout ConfigReader) -> ConfigValue? {
        func refuse(_ code: DiagnosticCode, _ problem: String) -> ConfigValue? {
            reader.error(code, "parameter '\(name)' \(problem)", at: value.position)
            return nil
        }
        guard let text = value.scalar, !value.isNull else {
            return refuse(
                .recipeInvalidParameter, "must be a single value, found \(value.shapeName)")
        }
        switch kind {
        case .integer:
            guard case .int(let number)? = value.resolvedScalar else {
                return refuse(
                    .recipeInvalidParameter, "must be a whole number, found \(value.describedValue)"
                )
            }
            if let range, !range.contains(number) {
                return refuse(
                    .recipeInvalidParameter,
                    "must be from \(range.lowerBound) to \(range.upperBound), found \(number)")
            }
            return ConfigValue(.scalar(String(number), isQuoted: false), at: value.position)
        case .env:
            guard Self.isVariableName(text) else {
                return refuse(
                    .recipeInvalidParameter,
                    "names an environment variable (letters, digits, _); '\(text)' is not one")
            }
        case .url:
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                scheme == "https" || scheme == "http", url.host?.isEmpty == false,
                url.query == nil, url.fragment == nil, url.user == nil, url.password == nil,
                !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F })
            else {
                return refuse(
                    .recipeInvalidParameter,
                    "must be an absolute http or https URL without credentials, query or "
                        + "fragment, such as https://api.example.com")
            }
            var trimmed = Substring(text)
            while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            return ConfigValue(.scalar(String(trimmed), isQuoted: true), at: value.position)
        case .string:
            if let bad = text.unicodeScalars.first(where: {
                $0.value <= 0x20 || $0.value == 0x7F || Self.unsafeCharacters.contains($0)
                    || $0.properties.isWhitespace
            }) {
                return refuse(
                    .recipeUnsafeParameter,
                    "may not contain \(Self.describe(bad)): it would change the command or URL "
                        + "it is put into")
            }
            if text.hasPrefix("-") {
                return refuse(
                    .recipeUnsafeParameter,
                    "may not start with '-': the program would read it as an option")
            }
            if text.contains("..") {
                return refuse(.recipeUnsafeParameter, "may not contain '..'")
            }
            if text.isEmpty {
                return refuse(.recipeInvalidParameter, "may not be empty")
            }
            if let pattern, !Self.fullyMatches(text, pattern) {
                return refuse(
                    .recipeInvalidParameter,
                    "'\(text)' is not of the expected form (\(summary))")
            }
        }
        return ConfigValue(.scalar(text, isQuoted: true), at: value.position)
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        scalar.value <= 0x20 || scalar.value == 0x7F || scalar.properties.isWhitespace
            ? "spaces or control characters (U+"
                + String(scalar.value, radix: 16, uppercase: true) + ")"
            : "'\(scalar)'"
    }

    static func fullyMatches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else {
            return false
        }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
        }
    }
}

import AttestCore
import AttestSystem
import Foundation

/// Reads a collector's options into typed settings, collecting a diagnostic for each problem.
///
/// Every collector parses its options through one of these both in `validate` (reporting the
/// diagnostics) and in `collect` (refusing to run with invalid options), so the two can never
/// disagree about what is valid.
struct OptionReader {
    let spec: EvidenceSpec
    let collectorName: String
    private(set) var diagnostics: [Diagnostic] = []

    /// Starts reading and reports every option not in `allowed`.
    init(_ spec: EvidenceSpec, allowed: Set<String>) {
        self.spec = spec
        self.collectorName = spec.collector.rawValue
        for key in spec.options.keys.sorted() where !allowed.contains(key) {
            let known =
                allowed.isEmpty
                ? "it takes none" : "known: \(allowed.sorted().joined(separator: ", "))"
            diagnostics.append(
                .error(
                    .evidenceUnknownOption,
                    "unknown option '\(key)' for the \(collectorName) collector (\(known))",
                    at: spec.options[key]?.position ?? spec.position))
        }
    }

    /// Whether no error was reported.
    var isValid: Bool { !diagnostics.containsErrors }

    mutating func report(
        _ code: DiagnosticCode, _ message: String, at position: SourcePosition?,
        hint: String? = nil
    ) {
        diagnostics.append(.error(code, message, at: position ?? spec.position, hint: hint))
    }

    /// The evidence's `path:`, required and checked to stay inside the workspace.
    mutating func requiredPath() -> WorkspacePath? {
        guard let text = spec.path else {
            report(
                .evidenceMissingPath,
                "the \(collectorName) collector needs 'path:' naming the file to read", at: nil)
            return nil
        }
        return safePath(text, label: "path", at: spec.pathPosition ?? spec.position)
    }

    /// Warns when `path:` is set for a collector that ignores it.
    mutating func unusedPath() {
        guard spec.path != nil else { return }
        diagnostics.append(
            .warning(
                .evidenceUnusedPath,
                "the \(collectorName) collector does not read 'path:'; it is ignored",
                at: spec.position))
    }

    /// Checks a workspace-relative path written in an option or in `path:`.
    mutating func safePath(
        _ text: String, label: String, at position: SourcePosition
    )
        -> WorkspacePath?
    {
        do {
            return try WorkspacePath(text)
        } catch {
            diagnostics.append(
                .error(
                    .evidenceUnsafePath, "'\(label)': \(error) ('\(text)')", at: position,
                    hint: WorkspacePathHint.hint(for: error, text: text)))
            return nil
        }
    }

    /// A string option.
    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key, required: required, shape: "a string") else { return nil }
        guard let text = value.scalar, !text.isEmpty else {
            invalid(key, "must be a non-empty string", value)
            return nil
        }
        return text
    }

    /// A list of strings; a single string is accepted as a list of one.
    mutating func strings(_ key: String) -> [String]? {
        guard let value = value(key, required: false, shape: "a list of strings") else {
            return nil
        }
        if let text = value.scalar { return [text] }
        let texts = value.sequence?.compactMap(\.scalar)
        guard let texts, texts.count == value.sequence?.count else {
            invalid(key, "must be a list of strings", value)
            return nil
        }
        return texts
    }

    /// A duration such as `30s` or `2m`.
    mutating func timeSpan(_ key: String) -> TimeSpan? {
        guard let value = value(key, required: false, shape: "a duration") else { return nil }
        guard let text = value.scalar, let span = TimeSpan(parsing: text) else {
            invalid(key, "must be a duration such as 30s, 5m or 1h", value)
            return nil
        }
        return span
    }

    /// A number within `range`.
    mutating func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = value(key, required: false, shape: "a number") else { return nil }
        guard let number = value.resolvedScalar?.number, range.contains(number) else {
            invalid(key, "must be a number from \(range.lowerBound) to \(range.upperBound)", value)
            return nil
        }
        return number
    }

    /// A whole number within `range`.
    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = value(key, required: false, shape: "a whole number") else { return nil }
        guard case .int(let number) = value.resolvedScalar, range.contains(number) else {
            invalid(
                key, "must be a whole number from \(range.lowerBound) to \(range.upperBound)", value
            )
            return nil
        }
        return number
    }

    /// The largest document a file collector reads: `max_bytes:` as a whole number of bytes
    /// or with a unit (`512KiB`, `32MiB`, `1GiB`), from 1 byte to `ByteLimit.maximum`; nil
    /// when absent (the run's default applies).
    mutating func byteLimit(_ key: String = "max_bytes") -> Int? {
        guard let value = value(key, required: false, shape: "a size") else { return nil }
        guard let text = value.scalar, let bytes = ByteLimit.parse(text) else {
            invalid(
                key, "must be a size from 1 byte to 1GiB, such as 1048576, 512KiB or 32MiB",
                value)
            return nil
        }
        return bytes
    }

    /// One of fixed words.
    mutating func choice(_ key: String, _ words: [String]) -> String? {
        guard let value = value(key, required: false, shape: "a word") else { return nil }
        guard let text = value.scalar, words.contains(text) else {
            invalid(key, "must be one of \(words.joined(separator: ", "))", value)
            return nil
        }
        return text
    }

    /// A regular expression (NSRegularExpression syntax).
    mutating func pattern(_ key: String) -> Assertion.Pattern? {
        guard let source = string(key) else { return nil }
        guard let regex = try? NSRegularExpression(pattern: source) else {
            invalid(key, "is not a valid regular expression", spec.options[key])
            return nil
        }
        return Assertion.Pattern(source: source, regex: regex)
    }

    /// `expect:` assertions; `adjust` may rewrite the value first (lower-cased header names).
    mutating func expectations(
        _ key: String, adjust: (ConfigValue) -> ConfigValue = { $0 }
    ) -> Assertion? {
        guard let value = spec.options[key] else { return nil }
        return Assertion.expectations(adjust(value), option: key, diagnostics: &diagnostics)
    }

    /// The raw value, reporting it when required and absent.
    mutating func value(_ key: String, required: Bool, shape: String) -> ConfigValue? {
        if let value = spec.options[key] { return value }
        if required {
            report(
                .evidenceMissingOption,
                "the \(collectorName) collector needs '\(key):' (\(shape))", at: nil)
        }
        return nil
    }

    mutating func invalid(_ key: String, _ problem: String, _ value: ConfigValue?) {
        report(.evidenceInvalidOption, "'\(key)' \(problem)", at: value?.position)
    }
}

/// Sizes written in options: `1048576`, `512KiB`, `32MiB`, `1GiB` (binary units).
enum ByteLimit {
    /// The largest `max_bytes:` accepted (1 GiB): beyond it no evidence document is plausible,
    /// and parsing costs a multiple of the size in memory.
    static let maximum = 1 << 30

    /// The size `text` names, or nil when it is not a size from 1 byte to `maximum`.
    static func parse(_ text: String) -> Int? {
        let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        var multiplier = 1
        for (unit, factor) in units where digits.hasSuffix(unit) {
            digits = digits.dropLast(unit.count)
            multiplier = factor
            break
        }
        digits = Substring(digits.trimmingCharacters(in: .whitespaces))
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            digits.count <= 10, let number = Int(digits)
        else { return nil }
        let bytes = number * multiplier  // at most 10 digits × 2^30: no overflow
        return (1...maximum).contains(bytes) ? bytes : nil
    }
}

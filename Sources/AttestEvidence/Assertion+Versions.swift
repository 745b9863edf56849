import AttestCore

extension Assertion {
    /// Warnings for unquoted decimals under a version key in `expect:` (`min_version: 1.3`,
    /// `version: 1.10`).
    ///
    /// YAML reads such a value as a number: `1.10` becomes 1.1, and a number never equals the
    /// text `"1.3"` that JSON and YAML documents usually hold for a version, so the assertion
    /// fails (or passes on the wrong version). A key "is a version" when its last path segment
    /// contains `version` in any case. Operands of `<`, `<=`, `>`, `>=` are numbers by design
    /// and are left alone.
    static func unquotedVersions(in value: ConfigValue) -> [Diagnostic] {
        var found: [Diagnostic] = []
        collectUnquotedVersions(in: value, isVersion: false, into: &found)
        return found
    }

    private static func collectUnquotedVersions(
        in value: ConfigValue, isVersion: Bool, into found: inout [Diagnostic]
    ) {
        switch value.kind {
        case .scalar(let text, let isQuoted):
            guard isVersion, !isQuoted, isPlainDecimal(text),
                case .double(let number) = value.resolvedScalar
            else { return }
            let reading =
                "\(number)" == text
                ? "is a number, which never equals a version written as text (\"\(text)\")"
                : "is read as the number \(number), not the version \(text)"
            found.append(
                .warning(
                    .evidenceUnquotedVersion, "the unquoted version \(text) \(reading)",
                    at: value.position, hint: "quote it: \"\(text)\""))
        case .sequence(let items):
            for item in items {
                collectUnquotedVersions(in: item, isVersion: isVersion, into: &found)
            }
        case .mapping(let entries):
            for entry in entries {
                let keyIsVersion: Bool
                switch entry.key {
                case "<", "<=", ">", ">=", "exists", "matches": continue
                case "==", "!=", "in", "all", "any": keyIsVersion = isVersion
                default: keyIsVersion = isVersionKey(entry.key)
                }
                collectUnquotedVersions(in: entry.value, isVersion: keyIsVersion, into: &found)
            }
        }
    }

    /// Whether the last `.` segment of `key` contains `version` in any case.
    static func isVersionKey(_ key: String) -> Bool {
        var bytes = key
        if let found = bytes.withUTF8(asciiIsVersionKey) { return found }
        let last = key.split(separator: ".").last.map(String.init) ?? key
        return last.lowercased().contains("version")
    }

    /// `isVersionKey` for an ASCII key, on its bytes: the answer of lowercasing and searching,
    /// without a copy of the key or a generic search (each cost more than parsing the
    /// `expect:` blocks of a 100,000-spec workspace: docs/benchmarks.md); nil when the key is
    /// not ASCII (a `.` may then join the character after it, so segments are not bytes).
    private static func asciiIsVersionKey(_ key: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard key.allSatisfy({ $0 < 0x80 }) else { return nil }
        let dot = UInt8(ascii: ".")
        // The last non-empty segment, as `split(separator: ".").last` gives it.
        var end = key.count
        while end > 0, key[end - 1] == dot { end -= 1 }
        var start = end
        while start > 0, key[start - 1] != dot { start -= 1 }
        if end == 0 { (start, end) = (0, key.count) }
        let word = versionWord
        guard end - start >= word.count else { return false }
        return (start...(end - word.count)).contains { offset in
            word.indices.allSatisfy { lowered(key[offset + $0]) == word[$0] }
        }
    }

    private static let versionWord = Array("version".utf8)

    /// An ASCII letter in lower case; any other byte as it is.
    private static func lowered(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    /// Digits, one `.`, digits: `1.3`, `1.10`, `2.0` (not `1e3`, `.5` or `1.2.3`).
    private static func isPlainDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

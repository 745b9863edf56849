import AttestCore

/// A JSON parser that builds the same `ConfigValue` tree, positions included, as the
/// workspace's libyaml parser builds from the same JSON text, about ten times faster.
///
/// Why it exists: OSCAL catalogs are large (NIST's SP 800-53 catalog is 3 to 10 MB of JSON)
/// and `attest validate` on such a workspace must stay fast (docs/oscal.md, "Performance").
/// libyaml reads JSON as YAML flow syntax correctly but spends most of its time on YAML's
/// generality; Foundation's `JSONSerialization` and the JSON libraries of this machine's
/// package mirror are fast but give no line and column, which every finding needs. This
/// parser reads strict JSON (RFC 8259) in one pass over the bytes.
///
/// The tree is libyaml's: strings are quoted scalars, numbers, `true`, `false` and `null` are
/// plain scalars as written, objects are mappings in document order and arrays sequences; a
/// value's position is its first character (`{`, `[`, `"`, a digit), columns count characters.
/// The limits are the YAML ones: the file size, the nesting depth (`yaml.too-deep`), duplicate
/// keys (`yaml.duplicate-key` with a note at the first). A syntax error is `yaml.syntax` at its
/// position; bytes that are not UTF-8 are `yaml.invalid-utf8`.
struct JSONTreeParser {
    let file: String
    let limits: YAMLLimits

    /// Parses `bytes`; nil for a file holding only whitespace.
    func parse(_ bytes: [UInt8]) -> Result<ConfigValue?, Diagnostic> {
        guard bytes.count <= limits.maxFileBytes else {
            return .failure(
                .error(
                    .yamlFileTooLarge,
                    "file is \(bytes.count) bytes, more than the limit of \(limits.maxFileBytes)",
                    at: .start(of: file)))
        }
        return bytes.withUnsafeBufferPointer { buffer in
            if let encoding = YAMLEncoding.foreign(buffer) {
                return .failure(
                    .error(
                        .yamlInvalidEncoding, "the file is \(encoding), not UTF-8",
                        at: .start(of: file), hint: YAMLEncoding.hint))
            }
            var scanner = JSONScanner(file: file, limits: limits, bytes: buffer)
            do throws(Diagnostic) {
                return .success(try scanner.document())
            } catch {
                return .failure(error)
            }
        }
    }
}

/// One parse: the input, the read offset, and what turns an offset into a line and column.
private struct JSONScanner {
    let file: String
    let limits: YAMLLimits
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    var depth = 0
    /// Line of `offset` (1-based) and the offset where that line starts.
    var line = 1
    var lineStart = 0
    /// The last column computed on the current line, so columns are counted incrementally:
    /// linear overall even when the whole document is one line.
    var columnOffset = 0
    var column = 1

    init(file: String, limits: YAMLLimits, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.limits = limits
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            offset = 3
            lineStart = 3
            columnOffset = 3
        }
    }

    mutating func document() throws(Diagnostic) -> ConfigValue? {
        skipWhitespace()
        guard offset < bytes.count else { return nil }
        let root = try value()
        skipWhitespace()
        if offset < bytes.count {
            throw syntax("unexpected text after the end of the JSON value")
        }
        return root
    }

    // MARK: Values

    private mutating func value() throws(Diagnostic) -> ConfigValue {
        let here = position()
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try object(at: here)
        case UInt8(ascii: "["): return try array(at: here)
        case UInt8(ascii: "\""): return ConfigValue(.scalar(try string(), isQuoted: true), at: here)
        case UInt8(ascii: "t"): return try literal("true", at: here)
        case UInt8(ascii: "f"): return try literal("false", at: here)
        case UInt8(ascii: "n"): return try literal("null", at: here)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return ConfigValue(.scalar(try number(), isQuoted: false), at: here)
        default:
            throw syntax(
                "expected a JSON value (an object, array, string, number, true, false or null)")
        }
    }

    private mutating func object(at here: SourcePosition) throws(Diagnostic) -> ConfigValue {
        try enter(at: here)
        offset += 1
        var entries: [ConfigEntry] = []
        var keys: Set<String> = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return ConfigValue(.mapping(entries), at: here)
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else {
                throw syntax("expected a string key in an object")
            }
            let keyPosition = position()
            let key = try string()
            // Most objects are small: a linear scan beats hashing every key; big ones use a set.
            let seen =
                entries.count < 16
                ? entries.contains { $0.key == key } : keys.contains(key)
            if seen, let first = entries.first(where: { $0.key == key }) {
                throw Diagnostic.error(
                    .yamlDuplicateKey, "key '\(key)' appears twice in this mapping",
                    at: keyPosition, notes: [.init("first used here", at: first.keyPosition)])
            }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw syntax("expected ':' after a key") }
            offset += 1
            skipWhitespace()
            guard offset < bytes.count else { throw syntax("expected a value after ':'") }
            let item = try value()
            entries.append(ConfigEntry(key: key, keyPosition: keyPosition, value: item))
            if entries.count == 16 {
                keys = Set(entries.map(\.key))
            } else if entries.count > 16 {
                keys.insert(key)
            }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                depth -= 1
                return ConfigValue(.mapping(entries), at: here)
            default: throw syntax("expected ',' or '}' after an object member")
            }
        }
    }

    private mutating func array(at here: SourcePosition) throws(Diagnostic) -> ConfigValue {
        try enter(at: here)
        offset += 1
        var items: [ConfigValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return ConfigValue(.sequence(items), at: here)
        }
        while true {
            skipWhitespace()
            guard offset < bytes.count else { throw syntax("expected a value in an array") }
            items.append(try value())
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                depth -= 1
                return ConfigValue(.sequence(items), at: here)
            default: throw syntax("expected ',' or ']' after an array item")
            }
        }
    }

    private mutating func enter(at here: SourcePosition) throws(Diagnostic) {
        guard depth < limits.maxDepth else {
            throw Diagnostic.error(
                .yamlTooDeep, "nesting is deeper than the limit of \(limits.maxDepth)", at: here)
        }
        depth += 1
    }

    private mutating func literal(
        _ word: StaticString, at here: SourcePosition
    )
        throws(Diagnostic) -> ConfigValue
    {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard offset + expected.count <= bytes.count,
            expected.indices.allSatisfy({ bytes[offset + $0] == expected[$0] })
        else { throw syntax("expected a JSON value") }
        offset += expected.count
        return ConfigValue(.scalar(word.description, isQuoted: false), at: here)
    }

    /// A number as written: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func number() throws(Diagnostic) -> String {
        let start = offset
        if peek == UInt8(ascii: "-") { offset += 1 }
        let integer = offset
        let count = digits()
        guard count > 0 else { throw syntax("expected a digit") }
        if count > 1, bytes[integer] == UInt8(ascii: "0") {
            offset = start
            throw syntax("a number does not start with 0")
        }
        if peek == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw syntax("expected a digit after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            offset += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw syntax("expected a digit in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    private mutating func digits() -> Int {
        let start = offset
        while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 { offset += 1 }
        return offset - start
    }

    /// A string at `offset` (on its opening quote), unescaped.
    private mutating func string() throws(Diagnostic) -> String {
        offset += 1
        let start = offset
        // Fast path: no escape, the bytes are the text.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                guard
                    let text = UTF8Text.string(
                        validating: UnsafeBufferPointer(rebasing: bytes[start..<offset]))
                else { throw invalidUTF8(at: start) }
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw syntax("a control character must be escaped in a string") }
            offset += 1
        }
        var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = UTF8Text.string(validating: scratch) else {
                    throw invalidUTF8(at: start)
                }
                offset += 1
                return text
            case UInt8(ascii: "\\"):
                offset += 1
                guard offset < bytes.count else { break }
                try escape(into: &scratch)
            case 0..<0x20:
                throw syntax("a control character must be escaped in a string")
            default:
                scratch.append(byte)
                offset += 1
            }
        }
        throw syntax("a string is not closed")
    }

    /// One escape after its backslash, appended as UTF-8.
    private mutating func escape(into scratch: inout [UInt8]) throws(Diagnostic) {
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                    bytes[offset + 1] == UInt8(ascii: "u")
                else { throw syntax("an unpaired surrogate in a \\u escape") }
                offset += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw syntax("an unpaired surrogate in a \\u escape")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw syntax("an unpaired surrogate in a \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw syntax("an invalid \\u escape")
            }
            UTF8.encode(unicode) { scratch.append($0) }
        default:
            offset -= 1
            throw syntax("an unknown escape in a string")
        }
    }

    private mutating func hex4() throws(Diagnostic) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw syntax("a \\u escape needs 4 hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: throw syntax("a \\u escape needs 4 hex digits")
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    /// Bytes that are not UTF-8 in the string starting at `start`.
    private mutating func invalidUTF8(at start: Int) -> Diagnostic {
        offset = start - 1
        return .error(
            .yamlInvalidUTF8, "a string holds bytes that are not UTF-8", at: position(),
            hint: "save the file as UTF-8")
    }

    // MARK: Positions

    private var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// Skips spaces, tabs and line breaks, counting lines.
    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): offset += 1
            case UInt8(ascii: "\n"):
                offset += 1
                line += 1
                lineStart = offset
                columnOffset = offset
                column = 1
            default: return
            }
        }
    }

    /// The position of `offset`: its line, and its column in characters.
    private mutating func position() -> SourcePosition {
        if columnOffset < lineStart || columnOffset > offset {
            columnOffset = lineStart
            column = 1
        }
        while columnOffset < offset {
            if bytes[columnOffset] & 0xC0 != 0x80 { column += 1 }
            columnOffset += 1
        }
        return SourcePosition(file: file, line: line, column: column)
    }

    private mutating func syntax(_ message: String) -> Diagnostic {
        .error(.yamlSyntax, message, at: position())
    }
}

import AttestCore
import Foundation

/// Reads JSON (RFC 8259) into the same `ConfigValue` tree that YAML produces, so a single
/// assertion engine serves both formats.
///
/// Strings become quoted scalars and numbers, booleans and `null` unquoted ones, which the
/// YAML core schema then types exactly as JSON does. Written by hand rather than with
/// `JSONSerialization` to keep key order, the literal text of numbers (`1.30` stays `1.30`),
/// line and column positions, and to refuse duplicate keys instead of keeping one silently.
struct JSONReader {
    /// Workspace-relative name used in positions.
    let file: String
    /// Deepest nesting accepted; hostile input cannot exhaust the stack.
    var maxDepth = 256

    /// A syntax error with where it happened.
    struct SyntaxError: Error, CustomStringConvertible {
        var message: String
        var position: SourcePosition
        var description: String { "\(position): \(message)" }
    }

    /// Parses one JSON document.
    ///
    /// - Throws: `SyntaxError` for anything that is not exactly one valid JSON value.
    func parse(_ data: Data) throws(SyntaxError) -> ConfigValue {
        try parse(data, keeping: .everything)
    }

    /// Parses one JSON document, building only the parts `filter` names.
    ///
    /// The whole document is checked exactly as `parse(_:)` checks it (syntax, duplicate keys,
    /// nesting, UTF-8), but values outside the filter are dropped as they are read, so a large
    /// export judged on a few fields costs little more memory than its bytes. The bytes are
    /// read in place, not copied.
    ///
    /// - Parameter filter: What to build; nil builds nothing and returns a null scalar.
    /// - Throws: `SyntaxError` for anything that is not exactly one valid JSON value.
    func parse(_ data: Data, keeping filter: KeepFilter?) throws(SyntaxError) -> ConfigValue {
        let parsed: Result<ConfigValue, SyntaxError> = data.withUnsafeBytes { raw in
            var cursor = Cursor(
                bytes: raw.bindMemory(to: UInt8.self), file: file, maxDepth: maxDepth)
            if cursor.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { cursor.index = 3 }  // UTF-8 BOM
            do throws(SyntaxError) {
                cursor.skipWhitespace()
                let start = cursor.position
                let value = try cursor.value(depth: 0, keeping: filter)
                cursor.skipWhitespace()
                guard cursor.index == cursor.bytes.count else {
                    throw cursor.error("unexpected text after the JSON value")
                }
                return .success(value ?? ConfigValue(.scalar("null", isQuoted: false), at: start))
            } catch {
                return .failure(error)
            }
        }
        return try parsed.get()
    }
}

/// Which parts of a document to build while parsing; the rest is checked and dropped.
///
/// Derived from what will be read (the paths of `expect:` assertions, the fields a SARIF
/// summary counts). A value of the wrong shape for its filter (a mapping where items were
/// expected) is kept whole, since a message may show it.
indirect enum KeepFilter: Sendable {
    /// The value and everything below it.
    case everything
    /// Of a mapping, the named keys (each as its filter says), or all of it when `keys` is nil;
    /// of a sequence, every item as `items` says, or all of it when `items` is nil.
    case parts(keys: [String: KeepFilter]?, items: KeepFilter?)

    /// Keeps the key `key` (as `filter` says) of a mapping.
    static func key(_ key: String, _ filter: KeepFilter) -> KeepFilter {
        .parts(keys: [key: filter], items: nil)
    }

    /// Keeps every item (as `filter` says) of a sequence.
    static func items(_ filter: KeepFilter) -> KeepFilter { .parts(keys: nil, items: filter) }

    /// What either filter keeps.
    func merged(with other: KeepFilter) -> KeepFilter {
        guard case .parts(let keys, let items) = self,
            case .parts(let otherKeys, let otherItems) = other
        else { return .everything }
        var mergedKeys: [String: KeepFilter]?
        if let keys, let otherKeys {
            mergedKeys = keys.merging(otherKeys) { $0.merged(with: $1) }
        }
        var mergedItems: KeepFilter?
        if let items, let otherItems { mergedItems = items.merged(with: otherItems) }
        return .parts(keys: mergedKeys, items: mergedItems)
    }

    /// The filter of a mapping's value under `key`; nil when it is dropped.
    func child(forKey key: String) -> KeepFilter? {
        guard case .parts(let keys, _) = self, let keys else { return .everything }
        return keys[key]
    }

    /// The filter of a sequence's items.
    var itemFilter: KeepFilter {
        guard case .parts(_, let items) = self, let items else { return .everything }
        return items
    }
}

extension ConfigValue {
    /// The parts of this value `filter` keeps: what ``JSONReader/parse(_:keeping:)`` builds
    /// from the same document with the same filter (nil: nothing is kept). Lets a YAML
    /// document, which libyaml builds whole, be judged and cached as a JSON one is.
    func kept(by filter: KeepFilter?) -> ConfigValue? {
        guard let filter else { return nil }
        if case .everything = filter { return self }
        switch kind {
        case .scalar: return self
        case .mapping(let entries):
            let kept = entries.compactMap { entry in
                entry.value.kept(by: filter.child(forKey: entry.key)).map {
                    ConfigEntry(key: entry.key, keyPosition: entry.keyPosition, value: $0)
                }
            }
            return ConfigValue(.mapping(kept), at: position)
        case .sequence(let items):
            let itemFilter = filter.itemFilter
            return ConfigValue(
                .sequence(items.compactMap { $0.kept(by: itemFilter) }), at: position)
        }
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let maxDepth: Int
    var index = 0
    var line = 1
    var lineStart = 0
    /// The keys read so far of every object being read, innermost last; each object checks
    /// its own part for a duplicate key.
    private var openKeys: [String] = []
    /// An object with fewer keys than this compares a new key with each of them, which costs
    /// less than hashing it; a larger one keeps them in a set.
    private static let keysCompared = 16

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, maxDepth: Int) {
        self.bytes = bytes
        self.file = file
        self.maxDepth = maxDepth
    }

    var position: SourcePosition {
        SourcePosition(file: file, line: line, column: index - lineStart + 1)
    }

    func error(_ message: String) -> JSONReader.SyntaxError {
        JSONReader.SyntaxError(message: message, position: position)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    /// The value here, built as `filter` says, or nil (after checking it) when `filter` is nil.
    mutating func value(
        depth: Int, keeping filter: KeepFilter?
    ) throws(JSONReader.SyntaxError) -> ConfigValue? {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let start = position
        guard let byte = current else { throw error("unexpected end of the document") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth, start: start, keeping: filter)
        case UInt8(ascii: "["): return try array(depth: depth, start: start, keeping: filter)
        case UInt8(ascii: "\""):
            guard filter != nil else {
                try skipString()
                return nil
            }
            return ConfigValue(.scalar(try string(), isQuoted: true), at: start)
        case UInt8(ascii: "t"):
            let value = try literal("true", start)
            return filter.map { _ in value }
        case UInt8(ascii: "f"):
            let value = try literal("false", start)
            return filter.map { _ in value }
        case UInt8(ascii: "n"):
            let value = try literal("null", start)
            return filter.map { _ in value }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let text = try number()
            return filter.map { _ in ConfigValue(.scalar(text, isQuoted: false), at: start) }
        default: throw error("unexpected character '\(printable(byte))'")
        }
    }

    private func printable(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : String(format: "\\x%02X", byte)
    }

    private mutating func literal(
        _ word: String, _ start: SourcePosition
    )
        throws(JSONReader.SyntaxError) -> ConfigValue
    {
        let expected = word.utf8
        guard bytes.count - index >= expected.count,
            bytes[index..<index + expected.count].elementsEqual(expected)
        else { throw error("invalid literal; expected '\(word)'") }
        index += expected.count
        return ConfigValue(.scalar(word, isQuoted: false), at: start)
    }

    private mutating func object(
        depth: Int, start: SourcePosition, keeping filter: KeepFilter?
    )
        throws(JSONReader.SyntaxError) -> ConfigValue?
    {
        index += 1
        var entries: [ConfigEntry] = []
        let firstKey = openKeys.count
        var manyKeys: Set<String>?
        defer { openKeys.removeSubrange(firstKey...) }
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return filter.map { _ in ConfigValue(.mapping([]), at: start) }
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let keyPosition = position
            let key = try string()
            guard isNew(key, from: firstKey, manyKeys: &manyKeys) else {
                throw JSONReader.SyntaxError(
                    message: "duplicate key '\(key)'", position: keyPosition)
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            index += 1
            skipWhitespace()
            if let value = try value(depth: depth + 1, keeping: filter?.child(forKey: key)) {
                entries.append(ConfigEntry(key: key, keyPosition: keyPosition, value: value))
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return filter.map { _ in ConfigValue(.mapping(entries), at: start) }
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    /// Records `key` as read in the object whose keys start at `firstKey` in `openKeys`, or in
    /// `manyKeys` once it has many; false when the object already has it.
    private mutating func isNew(
        _ key: String, from firstKey: Int, manyKeys: inout Set<String>?
    ) -> Bool {
        if var keys = manyKeys {
            manyKeys = nil  // so the set is not shared while it grows
            let inserted = keys.insert(key).inserted
            manyKeys = keys
            return inserted
        }
        // By index, not through a slice: a slice alive at the append would share the buffer
        // and make the append copy it.
        guard openKeys.count - firstKey >= Self.keysCompared else {
            for index in firstKey..<openKeys.count where openKeys[index] == key { return false }
            openKeys.append(key)
            return true
        }
        var keys = Set(openKeys[firstKey...])
        let inserted = keys.insert(key).inserted
        manyKeys = keys
        return inserted
    }

    private mutating func array(
        depth: Int, start: SourcePosition, keeping filter: KeepFilter?
    )
        throws(JSONReader.SyntaxError) -> ConfigValue?
    {
        index += 1
        var items: [ConfigValue] = []
        let itemFilter = filter?.itemFilter
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return filter.map { _ in ConfigValue(.sequence([]), at: start) }
        }
        while true {
            skipWhitespace()
            if let item = try value(depth: depth + 1, keeping: itemFilter) { items.append(item) }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return filter.map { _ in ConfigValue(.sequence(items), at: start) }
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func number() throws(JSONReader.SyntaxError) -> String {
        let start = index
        func digits(_ cursor: inout Cursor) -> Int {
            let from = cursor.index
            while let byte = cursor.current, (0x30...0x39).contains(byte) { cursor.index += 1 }
            return cursor.index - from
        }
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
        } else if digits(&self) == 0 {
            throw error("invalid number")
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw error("invalid number: digits must follow '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw error("invalid number: exponent without digits") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Checks a string that is dropped. Plain ASCII text with no escape is valid as it stands,
    /// so no String is made for it; anything else is read by `string()`, which reports it.
    private mutating func skipString() throws(JSONReader.SyntaxError) {
        var scan = index + 1
        while scan < bytes.count {
            let byte = bytes[scan]
            guard byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"),
                (0x20..<0x80).contains(byte)
            else { break }
            scan += 1
        }
        if scan < bytes.count, bytes[scan] == UInt8(ascii: "\"") {
            index = scan + 1
            return
        }
        _ = try string()
    }

    private mutating func string() throws(JSONReader.SyntaxError) -> String {
        index += 1  // opening quote
        // Most strings hold no escape: they are made from the bytes in place, in one step.
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""),
            bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20
        {
            index += 1
        }
        if current == UInt8(ascii: "\"") {
            index += 1
            guard
                let text = UTF8Text.string(
                    validating: UnsafeBufferPointer(rebasing: bytes[start..<index - 1]))
            else { throw error("string is not valid UTF-8") }
            return text
        }
        var out = Array(bytes[start..<index])
        while true {
            guard let byte = current else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = UTF8Text.string(validating: out) else {
                    throw error("string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &out)
            case 0x00..<0x20:
                throw error("control character in a string; it must be escaped")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func escape(into out: inout [UInt8]) throws(JSONReader.SyntaxError) {
        guard let byte = current else { throw error("unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count,
                    bytes[index + 1] == UInt8(ascii: "u")
                else { throw error("unpaired surrogate in \\u escape") }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error("invalid low surrogate in \\u escape")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw error("invalid \\u escape")
            }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default: throw error("invalid escape '\\\(printable(byte))'")
        }
    }

    private mutating func hex4() throws(JSONReader.SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw error("invalid \\u escape; expected four hex digits")
        }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape; expected four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }
}

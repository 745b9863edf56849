import AttestCore
import Foundation

/// Appends the binary form of cached readings: little-endian integers, variable-length counts,
/// byte strings with their length first.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func count(_ value: Int) {
        var rest = UInt64(value)
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// Empties the bytes, keeping their storage.
    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    mutating func word(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads what ``CacheWriter`` wrote. Every read is checked against the end of the bytes, and
/// counts against what is left, so damaged bytes give `CacheReader.Damaged`, never a crash or a
/// huge allocation (a cache file is authenticated before it is read; this is the second line).
struct CacheReader {
    struct Damaged: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func byte() throws(Damaged) -> UInt8 {
        guard index < bytes.count else { throw Damaged() }
        defer { index += 1 }
        return bytes[index]
    }

    /// The next `count` bytes.
    mutating func take(_ count: Int) throws(Damaged) -> UnsafeBufferPointer<UInt8> {
        guard count >= 0, bytes.count - index >= count else { throw Damaged() }
        defer { index += count }
        return UnsafeBufferPointer(rebasing: bytes[index..<(index + count)])
    }

    /// A count, at most the number of bytes left (each item counted takes at least one).
    mutating func count() throws(Damaged) -> Int {
        let value = try variableLength()
        guard value <= UInt64(bytes.count - index) else { throw Damaged() }
        return Int(value)
    }

    /// A whole number that is not a count (a line, a total), up to 2^63 − 1.
    mutating func number() throws(Damaged) -> Int {
        let value = try variableLength()
        guard value <= UInt64(Int.max) else { throw Damaged() }
        return Int(value)
    }

    /// Seven bits a byte, low first, the high bit set on every byte but the last.
    private mutating func variableLength() throws(Damaged) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 63 else { throw Damaged() }
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
    }

    mutating func word() throws(Damaged) -> UInt64 {
        guard bytes.count - index >= 8 else { throw Damaged() }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[index + offset]) << (8 * offset) }
        index += 8
        return value
    }

    mutating func text() throws(Damaged) -> String {
        let length = try count()
        let slice = UnsafeBufferPointer(rebasing: bytes[index..<(index + length)])
        index += length
        guard let text = UTF8Text.string(validating: slice) else { throw Damaged() }
        return text
    }
}

extension CacheWriter {
    private enum Tag: UInt8 {
        case plain = 0, quoted, sequence, mapping
    }

    /// Writes `value` with every position's line and column; positions name `file`, which is
    /// not written. False, with nothing usable written, when a position names another file or
    /// the value is deeper than a reader accepts (``CacheReader/maxDepth``).
    mutating func value(_ value: ConfigValue, file: String, depth: Int = 0) -> Bool {
        guard value.position.file == file, depth <= CacheReader.maxDepth else { return false }
        switch value.kind {
        case .scalar(let text, let quoted):
            byte(quoted ? Tag.quoted.rawValue : Tag.plain.rawValue)
            position(value.position)
            self.text(text)
        case .sequence(let items):
            byte(Tag.sequence.rawValue)
            position(value.position)
            count(items.count)
            for item in items where !self.value(item, file: file, depth: depth + 1) { return false }
        case .mapping(let entries):
            byte(Tag.mapping.rawValue)
            position(value.position)
            count(entries.count)
            for entry in entries {
                guard entry.keyPosition.file == file else { return false }
                text(entry.key)
                position(entry.keyPosition)
                guard self.value(entry.value, file: file, depth: depth + 1) else { return false }
            }
        }
        return true
    }

    private mutating func position(_ position: SourcePosition) {
        count(position.line)
        count(position.column)
    }
}

extension CacheReader {
    /// A value as ``CacheWriter/value(_:file:)`` wrote it, its positions in `file`.
    mutating func value(file: String, depth: Int = 0) throws(Damaged) -> ConfigValue {
        guard depth <= Self.maxDepth else { throw Damaged() }
        let tag = try byte()
        let position = try position(file)
        switch tag {
        case 0, 1: return ConfigValue(.scalar(try text(), isQuoted: tag == 1), at: position)
        case 2:
            let count = try count()
            var items: [ConfigValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try value(file: file, depth: depth + 1)) }
            return ConfigValue(.sequence(items), at: position)
        case 3:
            let count = try count()
            var entries: [ConfigEntry] = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let key = try text()
                let keyPosition = try self.position(file)
                let value = try value(file: file, depth: depth + 1)
                entries.append(ConfigEntry(key: key, keyPosition: keyPosition, value: value))
            }
            return ConfigValue(.mapping(entries), at: position)
        default: throw Damaged()
        }
    }

    /// Deeper than any parser builds (JSON's limit is 256), so a value read back is never
    /// refused for its depth, while a damaged one cannot exhaust the stack.
    static let maxDepth = 1_024

    private mutating func position(_ file: String) throws(Damaged) -> SourcePosition {
        let line = try number()
        let column = try number()
        return SourcePosition(file: file, line: line, column: column)
    }
}

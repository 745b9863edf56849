import AttestCore
import Foundation

/// A small YAML subset reader for tests only, standing in for AttestCatalog's libyaml reader
/// (which the CLI injects): block mappings and sequences, one-line flow collections, plain,
/// single- and double-quoted scalars, `|` block scalars and `#` comments, with positions.
///
/// It is deliberately tiny; fixtures are written within the subset.
struct MiniYAML {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let file: String

    /// Loads a file; the `DocumentLoader` the tests inject.
    static let loader: @Sendable (Data, String) throws -> ConfigValue = { data, display in
        try MiniYAML(file: display).parse(String(decoding: data, as: UTF8.self))
    }

    func parse(_ text: String) throws -> ConfigValue {
        var lines: [Line] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let content = String(raw).replacingOccurrences(of: "\r", with: "")
            let indent = content.prefix { $0 == " " }.count
            let body = String(content.dropFirst(indent))
            if body.isEmpty || body.hasPrefix("#") || body == "---" { continue }
            lines.append(Line(number: index + 1, indent: indent, text: body))
        }
        var cursor = BlockCursor(file: file, lines: lines)
        guard let first = cursor.lines.first else {
            return ConfigValue(.scalar("", isQuoted: false), at: position(1, 1))
        }
        let value = try cursor.block(indent: first.indent)
        guard cursor.index == cursor.lines.count else {
            throw Failure(
                description: "\(file):\(cursor.lines[cursor.index].number): unexpected indentation")
        }
        return value
    }

    private func position(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(file: file, line: line, column: column)
    }
}

private struct Line {
    var number: Int
    var indent: Int
    var text: String
}

private struct BlockCursor {
    let file: String
    var lines: [Line]
    var index = 0

    init(file: String, lines: [Line]) {
        self.file = file
        self.lines = lines
    }

    func position(_ line: Line, offset: Int = 0) -> SourcePosition {
        SourcePosition(file: file, line: line.number, column: line.indent + offset + 1)
    }

    mutating func block(indent: Int) throws -> ConfigValue {
        let line = lines[index]
        if line.text == "-" || line.text.hasPrefix("- ") { return try sequence(indent: indent) }
        return try mapping(indent: indent)
    }

    mutating func sequence(indent: Int) throws -> ConfigValue {
        let start = position(lines[index])
        var items: [ConfigValue] = []
        while index < lines.count, lines[index].indent == indent,
            lines[index].text == "-" || lines[index].text.hasPrefix("- ")
        {
            let line = lines[index]
            let rest = String(line.text.dropFirst(1).drop { $0 == " " })
            let offset = line.text.count - rest.count
            if rest.isEmpty {
                index += 1
                guard index < lines.count, lines[index].indent > indent else {
                    items.append(ConfigValue(.scalar("", isQuoted: false), at: position(line)))
                    continue
                }
                items.append(try block(indent: lines[index].indent))
            } else if Self.keyEnd(rest) != nil {
                // `- key: value` opens a mapping whose keys sit at this column.
                lines[index] = Line(number: line.number, indent: indent + offset, text: rest)
                items.append(try mapping(indent: indent + offset))
            } else {
                items.append(try inline(rest, line: line, offset: offset))
                index += 1
            }
        }
        return ConfigValue(.sequence(items), at: start)
    }

    mutating func mapping(indent: Int) throws -> ConfigValue {
        let start = position(lines[index])
        var entries: [ConfigEntry] = []
        while index < lines.count, lines[index].indent == indent,
            !(lines[index].text == "-" || lines[index].text.hasPrefix("- "))
        {
            let line = lines[index]
            guard let (key, valueOffset) = Self.keyEnd(line.text) else {
                throw MiniYAML.Failure(description: "\(file):\(line.number): expected 'key: value'")
            }
            let keyPosition = position(line)
            let rest = String(line.text.dropFirst(valueOffset))
            let valueText = Self.stripComment(rest).trimmingCharacters(in: .whitespaces)
            let skipped = rest.prefix { $0 == " " }.count
            index += 1
            let value: ConfigValue
            if valueText == "|" || valueText == "|-" {
                value = literal(
                    after: indent, keep: valueText == "|",
                    at: position(line, offset: valueOffset + skipped))
            } else if !valueText.isEmpty {
                value = try inline(valueText, line: line, offset: valueOffset + skipped)
            } else if index < lines.count, lines[index].indent > indent {
                value = try block(indent: lines[index].indent)
            } else if index < lines.count, lines[index].indent == indent,
                lines[index].text == "-" || lines[index].text.hasPrefix("- ")
            {
                value = try sequence(indent: indent)
            } else {
                value = ConfigValue(
                    .scalar("", isQuoted: false), at: position(line, offset: valueOffset))
            }
            entries.append(ConfigEntry(key: key, keyPosition: keyPosition, value: value))
        }
        return ConfigValue(.mapping(entries), at: start)
    }

    /// A `|` block: the following more-indented lines, joined with newlines.
    mutating func literal(after indent: Int, keep: Bool, at start: SourcePosition) -> ConfigValue {
        var parts: [String] = []
        var base: Int?
        while index < lines.count, lines[index].indent > indent {
            let line = lines[index]
            let margin = base ?? line.indent
            base = margin
            parts.append(String(repeating: " ", count: line.indent - margin) + line.text)
            index += 1
        }
        let text = parts.joined(separator: "\n") + (keep && !parts.isEmpty ? "\n" : "")
        return ConfigValue(.scalar(text, isQuoted: true), at: start)
    }

    mutating func inline(_ text: String, line: Line, offset: Int) throws -> ConfigValue {
        var flow = FlowParser(
            characters: Array(text), file: file, line: line.number,
            column: line.indent + offset + 1)
        let value = try flow.value(inFlow: false)
        flow.skipSpaces()
        guard flow.atEnd else {
            throw MiniYAML.Failure(
                description: "\(file):\(line.number): trailing text in '\(text)'")
        }
        return value
    }

    /// The key of a `key: value` line and where its value starts, or nil for a plain scalar.
    static func keyEnd(_ text: String) -> (String, Int)? {
        let characters = Array(text)
        if let quote = characters.first, quote == "\"" || quote == "'" {
            guard let close = characters.dropFirst().firstIndex(of: quote),
                close + 1 < characters.count, characters[close + 1] == ":"
            else { return nil }
            return (String(characters[1..<close]), close + 2)
        }
        if characters.first == "[" || characters.first == "{" { return nil }
        for index in characters.indices where characters[index] == ":" {
            if index + 1 == characters.count || characters[index + 1] == " " {
                return (String(characters[..<index]), index + 1)
            }
        }
        return nil
    }

    static func stripComment(_ text: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for (offset, character) in text.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#", previous == " " {
                return String(text.prefix(offset))
            }
            previous = character
        }
        return text
    }
}

/// Flow collections and scalars on one line.
private struct FlowParser {
    let characters: [Character]
    let file: String
    let line: Int
    let column: Int
    var index = 0

    init(characters: [Character], file: String, line: Int, column: Int) {
        self.characters = characters
        self.file = file
        self.line = line
        self.column = column
    }

    var atEnd: Bool { index >= characters.count || characters[index] == "#" }
    var position: SourcePosition { SourcePosition(file: file, line: line, column: column + index) }

    mutating func skipSpaces() {
        while index < characters.count, characters[index] == " " { index += 1 }
    }

    func failure(_ message: String) -> MiniYAML.Failure {
        MiniYAML.Failure(description: "\(file):\(line):\(column + index): \(message)")
    }

    mutating func value(inFlow: Bool) throws -> ConfigValue {
        skipSpaces()
        let start = position
        guard index < characters.count else {
            return ConfigValue(.scalar("", isQuoted: false), at: start)
        }
        switch characters[index] {
        case "[":
            index += 1
            var items: [ConfigValue] = []
            skipSpaces()
            if index < characters.count, characters[index] == "]" {
                index += 1
                return ConfigValue(.sequence([]), at: start)
            }
            while true {
                items.append(try value(inFlow: true))
                skipSpaces()
                guard index < characters.count else { throw failure("unterminated [") }
                if characters[index] == "]" {
                    index += 1
                    return ConfigValue(.sequence(items), at: start)
                }
                guard characters[index] == "," else { throw failure("expected , or ]") }
                index += 1
            }
        case "{":
            index += 1
            var entries: [ConfigEntry] = []
            skipSpaces()
            if index < characters.count, characters[index] == "}" {
                index += 1
                return ConfigValue(.mapping([]), at: start)
            }
            while true {
                skipSpaces()
                let keyPosition = position
                let key = try value(inFlow: true)
                skipSpaces()
                guard index < characters.count, characters[index] == ":" else {
                    throw failure("expected : after a key")
                }
                index += 1
                let item = try value(inFlow: true)
                entries.append(
                    ConfigEntry(key: key.scalar ?? "", keyPosition: keyPosition, value: item))
                skipSpaces()
                guard index < characters.count else { throw failure("unterminated {") }
                if characters[index] == "}" {
                    index += 1
                    return ConfigValue(.mapping(entries), at: start)
                }
                guard characters[index] == "," else { throw failure("expected , or }") }
                index += 1
            }
        case "\"":
            index += 1
            var text = ""
            while index < characters.count, characters[index] != "\"" {
                if characters[index] == "\\", index + 1 < characters.count {
                    index += 1
                    switch characters[index] {
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    default: text.append(characters[index])
                    }
                } else {
                    text.append(characters[index])
                }
                index += 1
            }
            guard index < characters.count else { throw failure("unterminated string") }
            index += 1
            return ConfigValue(.scalar(text, isQuoted: true), at: start)
        case "'":
            index += 1
            var text = ""
            while index < characters.count {
                if characters[index] == "'" {
                    if index + 1 < characters.count, characters[index + 1] == "'" {
                        text.append("'")
                        index += 2
                        continue
                    }
                    break
                }
                text.append(characters[index])
                index += 1
            }
            guard index < characters.count else { throw failure("unterminated string") }
            index += 1
            return ConfigValue(.scalar(text, isQuoted: true), at: start)
        default:
            var text = ""
            while index < characters.count {
                let character = characters[index]
                if inFlow, character == "," || character == "]" || character == "}" { break }
                if character == ":" {
                    let next: Character? =
                        index + 1 < characters.count ? characters[index + 1] : nil
                    if next == nil || next == " "
                        || (inFlow && (next == "," || next == "]" || next == "}"))
                    {
                        break
                    }
                }
                if character == "#", text.last == " " { break }
                text.append(character)
                index += 1
            }
            return ConfigValue(
                .scalar(text.trimmingCharacters(in: .whitespaces), isQuoted: false), at: start)
        }
    }
}

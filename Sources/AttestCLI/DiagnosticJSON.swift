import AttestCore

/// `attest validate --format json`'s document, written directly into bytes: exactly what
/// `JSONEncoder` makes of it (pretty printed, keys sorted, slashes left as they are), which
/// took a third of a second for the 60,000 findings of a large workspace. Held to the
/// encoder byte for byte by `DiagnosticJSONTests`.
///
/// The contract (docs/diagnostics.md): `diagnostics` (each with `code`, `hint` when known,
/// `message`, `notes`, `position` when known, `severity`), `errors`, `warnings`.
struct DiagnosticJSON {
    private var bytes: [UInt8] = []

    static func document(_ diagnostics: [Diagnostic]) -> String {
        var writer = DiagnosticJSON()
        writer.bytes.reserveCapacity(diagnostics.count * 320 + 64)
        writer.write(diagnostics)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private mutating func write(_ diagnostics: [Diagnostic]) {
        text("{\n")
        key("diagnostics", indent: 1)
        array(diagnostics, indent: 1) { writer, diagnostic in writer.entry(diagnostic) }
        text(",\n")
        key("errors", indent: 1)
        number(diagnostics.lazy.filter { $0.severity == .error }.count)
        text(",\n")
        key("warnings", indent: 1)
        number(diagnostics.lazy.filter { $0.severity == .warning }.count)
        text("\n}")
    }

    /// One finding, its braces at depth 2.
    private mutating func entry(_ diagnostic: Diagnostic) {
        text("{\n")
        member("code", diagnostic.code.rawValue, indent: 3)
        if let hint = diagnostic.hint { member("hint", hint, indent: 3) }
        member("message", diagnostic.message, indent: 3)
        key("notes", indent: 3)
        array(diagnostic.notes, indent: 3) { writer, note in
            writer.text("{\n")
            writer.key("message", indent: 5)
            writer.string(note.message)
            if let position = note.position {
                writer.text(",\n")
                writer.key("position", indent: 5)
                writer.position(position, indent: 5)
            }
            writer.text("\n")
            writer.indent(4)
            writer.text("}")
        }
        text(",\n")
        if let position = diagnostic.position {
            key("position", indent: 3)
            self.position(position, indent: 3)
            text(",\n")
        }
        key("severity", indent: 3)
        string(diagnostic.severity.rawValue)
        text("\n")
        indent(2)
        text("}")
    }

    /// A position object whose key sits at depth `indent`.
    private mutating func position(_ position: SourcePosition, indent depth: Int) {
        text("{\n")
        key("column", indent: depth + 1)
        number(position.column)
        text(",\n")
        member("file", position.file, indent: depth + 1)
        key("line", indent: depth + 1)
        number(position.line)
        text("\n")
        indent(depth)
        text("}")
    }

    /// An array whose key sits at depth `depth`: items one level deeper, each written by
    /// `item` from its opening bracket; an empty one as the encoder writes it (a blank line).
    private mutating func array<Item>(
        _ items: [Item], indent depth: Int, item: (inout DiagnosticJSON, Item) -> Void
    ) {
        text("[\n")
        if items.isEmpty { text("\n") }
        for (index, element) in items.enumerated() {
            indent(depth + 1)
            item(&self, element)
            text(index == items.count - 1 ? "\n" : ",\n")
        }
        indent(depth)
        text("]")
    }

    /// `"name" : "value",` and a line break.
    private mutating func member(_ name: String, _ value: String, indent depth: Int) {
        key(name, indent: depth)
        string(value)
        text(",\n")
    }

    private mutating func key(_ name: String, indent depth: Int) {
        indent(depth)
        string(name)
        text(" : ")
    }

    private mutating func indent(_ depth: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func text(_ ascii: StaticString) {
        ascii.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func number(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A JSON string as the encoder escapes it: quote and backslash, the five short control
    /// escapes, other controls as `\u00xx` (lower-case hex); everything else as its UTF-8.
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Runs that need no escape are copied whole.
            var runStart = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                escape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): text("\\\"")
        case UInt8(ascii: "\\"): text("\\\\")
        case 0x08: text("\\b")
        case 0x09: text("\\t")
        case 0x0A: text("\\n")
        case 0x0C: text("\\f")
        case 0x0D: text("\\r")
        default:
            text("\\u00")
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0x0F))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

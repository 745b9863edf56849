/// Writes OSCAL YAML: the JSON shape in block style, two-space indentation, every string
/// double-quoted (so no value is ever read as a number, a boolean, null or a date, whatever it
/// holds), keys plain (OSCAL's keys are lowercase tokens).
///
/// Inside double quotes, YAML escapes what it cannot carry as is: quote, backslash, C0 and C1
/// control characters, DEL, U+2028/U+2029 (line breaks in YAML 1.1), U+FEFF, U+FFFE, U+FFFF.
/// Every other character is written as UTF-8.
enum OSCALYAMLWriter {
    static func write(_ document: OSCALDocument) throws(OSCALWriteError) -> [UInt8] {
        var output: [UInt8] = Array("---\n".utf8)
        guard case .object(let members) = try OSCALJSONValue.document(document) else {
            return output
        }
        object(members, indent: 0, into: &output)
        return output
    }

    /// Members of an object at `indent`, each on its own line (the caller has written the
    /// indentation of the first one when it shares a line with a `- `).
    private static func object(
        _ members: [(key: String, value: OSCALJSONValue)], indent: Int, firstIndented: Bool = false,
        into output: inout [UInt8]
    ) {
        for (index, member) in members.enumerated() {
            if index > 0 || !firstIndented { spaces(indent, into: &output) }
            key(member.key, into: &output)
            output.append(UInt8(ascii: ":"))
            nested(member.value, indent: indent, into: &output)
        }
    }

    /// A value after `key:` (on the same line when it is a scalar or empty).
    private static func nested(_ value: OSCALJSONValue, indent: Int, into output: inout [UInt8]) {
        switch value {
        case .string(let text):
            output.append(UInt8(ascii: " "))
            string(text, into: &output)
            output.append(UInt8(ascii: "\n"))
        case .array(let items) where items.isEmpty:
            output.append(contentsOf: Array(" []\n".utf8))
        case .object(let members) where members.isEmpty:
            output.append(contentsOf: Array(" {}\n".utf8))
        case .array(let items):
            output.append(UInt8(ascii: "\n"))
            array(items, indent: indent + 2, into: &output)
        case .object(let members):
            output.append(UInt8(ascii: "\n"))
            object(members, indent: indent + 2, into: &output)
        }
    }

    private static func array(_ items: [OSCALJSONValue], indent: Int, into output: inout [UInt8]) {
        for item in items {
            spaces(indent, into: &output)
            output.append(UInt8(ascii: "-"))
            switch item {
            case .string(let text):
                output.append(UInt8(ascii: " "))
                string(text, into: &output)
                output.append(UInt8(ascii: "\n"))
            case .object(let members) where !members.isEmpty:
                output.append(UInt8(ascii: " "))
                object(members, indent: indent + 2, firstIndented: true, into: &output)
            case .array(let nestedItems) where !nestedItems.isEmpty:
                output.append(UInt8(ascii: "\n"))
                array(nestedItems, indent: indent + 2, into: &output)
            case .array: output.append(contentsOf: Array(" []\n".utf8))
            case .object: output.append(contentsOf: Array(" {}\n".utf8))
            }
        }
    }

    private static func spaces(_ count: Int, into output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// A key: plain when it is a simple token (OSCAL's are), quoted otherwise.
    private static func key(_ text: String, into output: inout [UInt8]) {
        let plain =
            !text.isEmpty
            && text.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                    || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                    || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: "_")
            } && !["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(text)
            && text.first?.isLetter == true
        if plain {
            output.append(contentsOf: Array(text.utf8))
        } else {
            string(text, into: &output)
        }
    }

    /// A double-quoted YAML scalar.
    static func string(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch scalar {
            case "\"": output.append(contentsOf: Array("\\\"".utf8))
            case "\\": output.append(contentsOf: Array("\\\\".utf8))
            case "\n": output.append(contentsOf: Array("\\n".utf8))
            case "\t": output.append(contentsOf: Array("\\t".utf8))
            case "\r": output.append(contentsOf: Array("\\r".utf8))
            case _ where value < 0x20 || (value >= 0x7f && value <= 0x9f):
                output.append(contentsOf: Array("\\x".utf8))
                output.append(contentsOf: OSCALJSONWriter.hex4(value).suffix(2))
            case _
            where value == 0x2028 || value == 0x2029 || value == 0xfeff || value == 0xfffe
                || value == 0xffff:
                output.append(contentsOf: Array("\\u".utf8))
                output.append(contentsOf: OSCALJSONWriter.hex4(value))
            default: output.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

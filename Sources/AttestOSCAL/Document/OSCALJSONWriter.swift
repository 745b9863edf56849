/// Writes OSCAL JSON: two-space indentation, members in the tree's order, strings escaped per
/// RFC 8259 (quote, backslash, control characters; U+2028 and U+2029 too, for JavaScript
/// readers), everything else as UTF-8.
enum OSCALJSONWriter {
    static func write(_ document: OSCALDocument) throws(OSCALWriteError) -> [UInt8] {
        var output: [UInt8] = []
        write(try OSCALJSONValue.document(document), indent: 0, into: &output)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    private static func write(_ value: OSCALJSONValue, indent: Int, into output: inout [UInt8]) {
        switch value {
        case .string(let text): string(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else { return output.append(contentsOf: Array("[]".utf8)) }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1, into: &output)
                write(item, indent: indent + 1, into: &output)
            }
            newline(indent, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return output.append(contentsOf: Array("{}".utf8)) }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1, into: &output)
                string(member.key, into: &output)
                output.append(contentsOf: Array(": ".utf8))
                write(member.value, indent: indent + 1, into: &output)
            }
            newline(indent, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ indent: Int, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// A JSON string literal.
    static func string(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append(contentsOf: Array("\\\"".utf8))
            case "\\": output.append(contentsOf: Array("\\\\".utf8))
            case "\n": output.append(contentsOf: Array("\\n".utf8))
            case "\r": output.append(contentsOf: Array("\\r".utf8))
            case "\t": output.append(contentsOf: Array("\\t".utf8))
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                output.append(contentsOf: Array("\\u".utf8))
                output.append(contentsOf: hex4(scalar.value))
            default: output.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    static func hex4(_ value: UInt32) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [12, 8, 4, 0].map { digits[Int((value >> UInt32($0)) & 0xf)] }
    }
}

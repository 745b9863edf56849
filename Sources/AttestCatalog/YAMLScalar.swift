/// Scalars written into YAML that Attest generates (converted catalogs, new workspaces).
public enum YAMLScalar {
    /// `text` as a YAML double-quoted scalar: `"` and `\` escaped, and every character that is
    /// not printable, or that a YAML reader would treat as a line break or drop (C0 and C1
    /// controls, DEL, U+2028, U+2029, U+FEFF), written as an escape.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028
                    || value == 0x2029 || value == 0xFEFF
                {
                    let hex = String(value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

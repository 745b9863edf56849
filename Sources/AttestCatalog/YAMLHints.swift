/// Hints for libyaml's messages: what usually causes each one in a hand-written file, and how
/// to fix it.
///
/// libyaml says what it found ("mapping values are not allowed in this context"), not what the
/// author did (an unquoted `: ` in a title). The usual causes are few, so they are named here;
/// a message with no usual cause gets no hint rather than a guess.
enum YAMLHints {
    static let tab =
        "YAML does not allow tabs for indentation: indent with spaces (your editor can convert "
        + "tabs to spaces)"

    /// The hint for libyaml's `problem`, given the character where it was found.
    ///
    /// - Parameters:
    ///   - problem: libyaml's problem text.
    ///   - context: libyaml's context text ("while scanning a quoted scalar"), if any.
    ///   - character: The character at the problem's position, if known.
    static func hint(problem: String, context: String?, character: Character?) -> String? {
        switch problem {
        case "found character that cannot start any token":
            switch character {
            case "\t": return tab
            case "@", "`":
                return "'\(character ?? "@")' is reserved in YAML and cannot start a value: "
                    + "quote the value (owner: \"@jane\")"
            default:
                return "this character cannot start a value: quote the value (\"…\"), or check "
                    + "the indentation of the line"
            }
        case "found a tab character that violates indentation",
            "found a tab character where an indentation space is expected":
            return tab
        case "mapping values are not allowed in this context":
            return "a ': ' inside a plain value starts a mapping: quote the value "
                + "(title: \"Access: admins\"), or check that the line above ends its key "
                + "with ':'"
        case "did not find expected key":
            return "check the indentation: the keys of one mapping start in the same column, "
                + "and a quote opened in a value must be closed ('it''s' inside single quotes)"
        case "did not find expected '-' indicator":
            return "the items of a list each start with '- ' in the same column; a key cannot "
                + "follow the items of a list at their indentation"
        case "could not find expected ':'":
            return "a key is followed by ':' and a space (owner: jane)"
        case "found unknown escape character":
            return "inside double quotes a backslash starts an escape such as \\n: write paths "
                + "with '/' (evidence/report.json), or use single quotes"
        case "block sequence entries are not allowed in this context":
            return "a list under a key starts on the next line, indented: 'tags:' then "
                + "'  - a'"
        case "did not find expected ',' or ']'":
            return "a list opened with '[' is closed with ']' on the same item, and its items "
                + "are separated by ','"
        case "did not find expected ',' or '}'":
            return "a mapping opened with '{' is closed with '}', and its entries are "
                + "separated by ','"
        case "found unexpected end of stream":
            guard context?.contains("quoted scalar") == true else { return nil }
            return "a quote opened here is never closed: close it on the same value"
        default:
            return nil
        }
    }
}

/// What any match of a redaction rule must contain, tested with a byte scan before the rule's
/// regular expression runs: a text without it cannot match, so the expression is skipped.
///
/// A trigger must be a necessary condition of its pattern, never a guess: a trigger that
/// misses a match would leave a secret in a message. `SecretRedactorTests` holds each trigger to
/// that on a generated corpus, against running every rule.
public enum RedactionTrigger: Sendable, Hashable {
    /// One of these strings occurs as written (the pattern's literal, case-sensitive text).
    case anyOf([String])
    /// One of these lowercase ASCII strings occurs, in any ASCII case.
    case anyOfIgnoringCase([String])
    /// A secret name followed by its assignment: a secret word (`pass`, `pwd`, `key`, `sig`,
    /// `secret`, `token`, in any case), more name characters, an optional `"`, blanks, then `:`
    /// or `=`. Every name `SecretRedactor.secretName` matches contains one of the words.
    case secretName

    /// The words one of which every secret name contains.
    static let secretWords: [[UInt8]] = ["pass", "pwd", "key", "sig", "secret", "token"].map {
        Array($0.utf8)
    }

    /// Whether a match may exist in `text`.
    func mayMatch(_ text: String) -> Bool {
        Scanner(self).mayMatch(text)
    }

    /// A trigger with its strings as bytes, made once per rule.
    struct Scanner: Sendable {
        let trigger: RedactionTrigger
        let literals: [[UInt8]]

        init(_ trigger: RedactionTrigger) {
            self.trigger = trigger
            switch trigger {
            case .anyOf(let strings), .anyOfIgnoringCase(let strings):
                literals = strings.map { Array($0.utf8) }
            case .secretName:
                literals = RedactionTrigger.secretWords
            }
        }

        func mayMatch(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { mayMatch($0) }
        }

        func mayMatch(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            switch trigger {
            case .anyOf:
                return literals.contains { literal in
                    RedactionTrigger.firstEnd(of: literal, in: bytes, ignoringCase: false) { _ in
                        true
                    }
                }
            case .anyOfIgnoringCase:
                // ICU folds some non-ASCII letters to ASCII ones (`ſ` to `s`, `ß` to `ss`):
                // such text is left to the expression.
                if !RedactionTrigger.isASCII(bytes) { return true }
                return literals.contains { literal in
                    RedactionTrigger.firstEnd(of: literal, in: bytes, ignoringCase: true) { _ in
                        true
                    }
                }
            case .secretName:
                if !RedactionTrigger.isASCII(bytes) { return true }
                return literals.contains { word in
                    RedactionTrigger.firstEnd(of: word, in: bytes, ignoringCase: true) { end in
                        RedactionTrigger.isAssigned(bytes, nameContinuingAt: end)
                    }
                }
            }
        }
    }

    /// Whether, from `start`, the rest of a name (`[A-Za-z0-9_.-]*`), an optional `"` and blanks
    /// lead to `:` or `=`.
    static func isAssigned(_ bytes: UnsafeBufferPointer<UInt8>, nameContinuingAt start: Int) -> Bool
    {
        var index = start
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") { index += 1 }
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        return index < bytes.count
            && (bytes[index] == UInt8(ascii: ":") || bytes[index] == UInt8(ascii: "="))
    }

    /// Calls `found` with the end of each occurrence of `needle` until it returns true.
    static func firstEnd(
        of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, ignoringCase: Bool,
        where found: (Int) -> Bool
    ) -> Bool {
        guard let first = needle.first, needle.count <= bytes.count else { return needle.isEmpty }
        let last = bytes.count - needle.count
        var start = 0
        while start <= last {
            let byte = bytes[start]
            if (ignoringCase ? lowercased(byte) : byte) == first {
                var offset = 1
                while offset < needle.count {
                    let next = bytes[start + offset]
                    if (ignoringCase ? lowercased(next) : next) != needle[offset] { break }
                    offset += 1
                }
                if offset == needle.count, found(start + needle.count) { return true }
            }
            start += 1
        }
        return false
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains { $0 >= 0x80 }
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "-"):
            true
        default: false
        }
    }

    /// ASCII white space in the widest sense ICU's `\s` may take it (tab to carriage return,
    /// the information separators, space): skipping more than `\s` only makes the test looser.
    static func isBlank(_ byte: UInt8) -> Bool {
        (0x09...0x0D).contains(byte) || (0x1C...0x20).contains(byte)
    }
}

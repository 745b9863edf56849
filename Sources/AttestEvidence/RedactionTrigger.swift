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

    /// Whether a match may exist in `text` (a `SecretRedactor` tests every rule's trigger at
    /// once with a `TriggerIndex`).
    func mayMatch(_ text: String) -> Bool {
        TriggerIndex([self]).rulesThatMayMatch(text)[0]
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

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains { $0 >= 0x80 }
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    static func uppercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte & ~0x20 : byte
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

/// Every rule's trigger tested in one pass over a text: each byte is looked up among the first
/// bytes of the triggers' strings, and only those candidates are compared.
///
/// The same answers as testing each rule's trigger alone, but a message is read once instead
/// of once per rule.
struct TriggerIndex: Sendable {
    /// A trigger string of a rule. Plain values only (the bytes are in `literals`), so the scan
    /// copies no reference for each byte it looks at.
    struct Candidate: Sendable {
        var rule: Int
        /// Where the string's bytes start in `literals`, and how many there are.
        var start: Int
        var count: Int
        var ignoringCase: Bool
        /// The literal is a secret word, which must lead to an assignment (`.secretName`).
        var secretName: Bool
    }

    let ruleCount: Int
    /// Rules without a trigger: they always run.
    let untriggered: [Int]
    /// Rules compared ignoring case: any non-ASCII text may match them (ICU folds some
    /// non-ASCII letters to ASCII ones).
    let caseInsensitive: [Int]
    /// Every candidate, grouped by the byte value its literal starts with: those starting with
    /// byte `b` are `candidates[offsets[b]..<offsets[b + 1]]`.
    let candidates: [Candidate]
    let offsets: [Int]
    /// The bytes of every literal, one after another.
    let literals: [UInt8]

    init(_ triggers: [RedactionTrigger?]) {
        ruleCount = triggers.count
        var untriggered: [Int] = []
        var caseInsensitive: [Int] = []
        var table = [[Candidate]](repeating: [], count: 256)
        var literals: [UInt8] = []
        func add(_ literal: [UInt8], rule: Int, ignoringCase: Bool, secretName: Bool) {
            guard let first = literal.first else { return }
            let candidate = Candidate(
                rule: rule, start: literals.count, count: literal.count,
                ignoringCase: ignoringCase, secretName: secretName)
            literals += literal
            if ignoringCase {
                table[Int(RedactionTrigger.lowercased(first))].append(candidate)
                let upper = RedactionTrigger.uppercased(first)
                if upper != RedactionTrigger.lowercased(first) {
                    table[Int(upper)].append(candidate)
                }
            } else {
                table[Int(first)].append(candidate)
            }
        }
        for (rule, trigger) in triggers.enumerated() {
            switch trigger {
            case nil:
                untriggered.append(rule)
            case .anyOf(let strings)?:
                for string in strings {
                    add(Array(string.utf8), rule: rule, ignoringCase: false, secretName: false)
                }
            case .anyOfIgnoringCase(let strings)?:
                caseInsensitive.append(rule)
                for string in strings {
                    add(Array(string.utf8), rule: rule, ignoringCase: true, secretName: false)
                }
            case .secretName?:
                caseInsensitive.append(rule)
                for word in RedactionTrigger.secretWords {
                    add(word, rule: rule, ignoringCase: true, secretName: true)
                }
            }
        }
        self.untriggered = untriggered
        self.caseInsensitive = caseInsensitive
        self.literals = literals
        candidates = table.flatMap { $0 }
        var offsets = [0]
        for group in table { offsets.append((offsets.last ?? 0) + group.count) }
        self.offsets = offsets
    }

    /// For each rule, whether a match may exist in `text`.
    func rulesThatMayMatch(_ text: String) -> [Bool] {
        var text = text
        return text.withUTF8 { rulesThatMayMatch($0) }
    }

    func rulesThatMayMatch(_ bytes: UnsafeBufferPointer<UInt8>) -> [Bool] {
        var may = [Bool](repeating: false, count: ruleCount)
        for rule in untriggered { may[rule] = true }
        if !RedactionTrigger.isASCII(bytes) {
            for rule in caseInsensitive { may[rule] = true }
        }
        candidates.withUnsafeBufferPointer { candidates in
            literals.withUnsafeBufferPointer { literals in
                for start in 0..<bytes.count {
                    let first = Int(bytes[start])
                    for index in offsets[first]..<offsets[first + 1] {
                        let candidate = candidates[index]
                        guard !may[candidate.rule], bytes.count - start >= candidate.count
                        else { continue }
                        var offset = 1
                        while offset < candidate.count {
                            let byte = bytes[start + offset]
                            let folded =
                                candidate.ignoringCase ? RedactionTrigger.lowercased(byte) : byte
                            if folded != literals[candidate.start + offset] { break }
                            offset += 1
                        }
                        guard offset == candidate.count else { continue }
                        if !candidate.secretName
                            || RedactionTrigger.isAssigned(
                                bytes, nameContinuingAt: start + candidate.count)
                        {
                            may[candidate.rule] = true
                        }
                    }
                }
            }
        }
        return may
    }
}

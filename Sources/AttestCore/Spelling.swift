/// "Did you mean …?" for identifiers: the known name a mistyped one most likely meant.
///
/// One implementation for every kind of id (frameworks, recipes), so a typo is caught the
/// same way wherever it is written.
public enum Spelling {
    /// The closest of `known` to `written`, or nil when none is close.
    ///
    /// Names are compared lower-cased with only letters and digits (`SOC-2` is `soc2`). A name
    /// is close when it is at most `maxEdits` edits away (insertion, deletion, substitution or
    /// swap of neighbours) and fewer edits than `written` has characters; with
    /// `acceptingSuffix`, a known name that ends with what was written counts as one edit
    /// (`s3.public-access-block` for `aws.s3.public-access-block`). Ties go to the first.
    ///
    /// - Complexity: O(k · n · m) for k known names of length m and a name of length n.
    public static func closest(
        to written: String, among known: [String], maxEdits: Int, acceptingSuffix: Bool = false
    ) -> String? {
        let typed = normalized(written)
        guard !typed.isEmpty else { return nil }
        var best: (distance: Int, name: String)?
        for name in known {
            let candidate = normalized(name)
            let distance =
                acceptingSuffix && candidate.count > typed.count
                    && candidate.suffix(typed.count) == typed[...]
                ? 1 : editDistance(typed, candidate)
            guard distance <= maxEdits, distance < typed.count else { continue }
            if let found = best, found.distance <= distance { continue }
            best = (distance, name)
        }
        return best?.name
    }

    static func normalized(_ text: String) -> [Character] {
        Array(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Optimal string alignment distance: Levenshtein plus the swap of two neighbours.
    static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var before = [Int](repeating: 0, count: rhs.count + 1)
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for i in 1...lhs.count {
            current[0] = i
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, lhs[i - 1] == rhs[j - 2], lhs[i - 2] == rhs[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[rhs.count]
    }
}

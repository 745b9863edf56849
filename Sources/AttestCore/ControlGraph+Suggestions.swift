extension ControlGraph.Builder {
    /// "did you mean 'soc2'?" for a framework id no catalog defines, naming the known id it most
    /// likely meant; nil when none is close.
    ///
    /// A known id is close when it differs only in case and punctuation (`SOC-2`), or is at
    /// most two edits away (an insertion, deletion, substitution or swap of neighbours:
    /// `soc3`, `sco2`, `iso2700`), and fewer edits than the id has characters.
    ///
    /// - Complexity: O(f · n · m) for f known frameworks of length m and an id of length n.
    func frameworkHint(for id: FrameworkID) -> String? {
        func normalized(_ text: String) -> [Character] {
            Array(text.lowercased().filter { $0.isLetter || $0.isNumber })
        }
        let written = normalized(id.rawValue)
        guard !written.isEmpty else { return nil }
        var best: (distance: Int, id: FrameworkID)?
        for known in frameworks.keys.sorted() {
            let distance = Self.editDistance(written, normalized(known.rawValue))
            guard distance <= 2, distance < written.count else { continue }
            if let found = best, found.distance <= distance { continue }
            best = (distance, known)
        }
        return best.map { "did you mean '\($0.id)'?" }
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

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
        Spelling.closest(
            to: id.rawValue, among: frameworks.keys.sorted().map(\.rawValue), maxEdits: 2
        ).map { "did you mean '\($0)'?" }
    }
}

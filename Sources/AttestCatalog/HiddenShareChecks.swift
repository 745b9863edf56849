import AttestCore

/// `graph.hidden-majority` (with `--verbose`, one per requirement) or `graph.hidden-majorities`
/// (one count per framework): public requirements whose score would mostly rest on controls
/// the reader of the trust center cannot see.
///
/// A *public requirement* is an in-scope assessable requirement of a framework the public
/// trust center publishes a live percentage for: one named by a `public` program that is
/// `certified` or `in-progress` (the site publishes no figure for a `planned` one). Every such
/// leaf is part of a published figure.
///
/// The share is structural, so validate needs no run: the requirement is scored by its own
/// rule (`Scores.leafScore`) with every public control at 1 and every `nda` or `internal` one
/// at 0; what it loses from a full 1 is the part only hidden controls can earn. Above
/// `threshold` (most of the score), the published figure mostly rests on evidence its reader
/// cannot see. Under `min`, `all` or a hidden key control, one hidden control alone takes the
/// whole point.
public enum HiddenShareChecks {
    /// More than half: the hidden part is then the majority of what the requirement can score.
    public static let threshold = 0.5

    /// One warning per requirement when `verbose`, else one count per framework (as gaps).
    ///
    /// - Complexity: O(leaves of published frameworks × controls behind each).
    public static func diagnostics(_ graph: ControlGraph, verbose: Bool) -> [Diagnostic] {
        let published = Set(
            graph.manifest.programs.compactMap { program -> FrameworkID? in
                guard program.visibility == .public, program.status != .planned,
                    let framework = program.framework, graph.isScoped(framework)
                else { return nil }
                return framework
            })
        var findings: [Diagnostic] = []
        for framework in published.sorted() {
            var found: [Diagnostic] = []
            for key in graph.catalogOrder[framework] ?? [] where graph.isInScope(key) {
                let leaf = Scores.leafScore(key, graph: graph) { id in
                    graph.controls[id].map { $0.visibility == .public ? 1 : 0 }
                }
                let hidden = 1 - leaf.score
                guard !leaf.rules.isEmpty, hidden > threshold else { continue }
                let controls = leaf.rules.flatMap { rule in
                    rule.counted.filter { graph.controls[$0]?.visibility != .public }.map {
                        (rule.requirement, $0)
                    }
                }
                guard let first = controls.first else { continue }
                let names = controls.map(\.1.rawValue).joined(separator: ", ")
                let position = graph.reference(from: first.1, to: first.0)?.position
                found.append(
                    .warning(
                        .graphHiddenMajority,
                        "\(NodeScore.percent(hidden)) % of public requirement '\(key)' can only "
                            + "be earned by controls that are not public (\(names))",
                        at: position,
                        hint: "make a control that proves it public, or add public evidence"))
            }
            if verbose || found.isEmpty {
                findings += found
            } else {
                findings.append(
                    .warning(
                        .graphHiddenMajorities,
                        "\(found.count) public requirements of '\(framework)' rest mostly on "
                            + "controls that are not public (--verbose lists them)",
                        at: graph.frameworks[framework]?.position))
            }
        }
        return findings
    }
}

import AttestCore
import Foundation

/// `evidence/README.md` of a new workspace: what goes where, read from the controls the
/// workspace loaded, so the list is the to-do list the readiness report will show.
enum EvidenceGuide {
    /// The guide for the evidence of `controls` (in that order) in `graph`.
    static func markdown(_ graph: ControlGraph, controls: [ControlID]) -> String {
        var lines = [
            "# Evidence",
            "",
            "Written by `attest init`. Every file below is named by a control in `controls/`.",
            "Until it exists, the control's evidence is **missing**: it scores 0 and the readiness",
            "report (`reports/readiness/`, written by `attest build`) lists it. Put each file at",
            "its path, commit it, and run `attest build` again; the figure moves by itself.",
            "",
            "## How each kind of file is read and dated",
            "",
            "Nothing is dated by a file's modification time. A result takes its date from the",
            "artifact (below), else from the commit that last changed the file, else it is",
            "flagged as undated.",
            "",
            "- **json / yaml**: an export from a system (identity provider, cloud account, code",
            "  host, HR tool). Its `expect:` assertions must hold; its date is the field named by",
            "  `date_field:` (e.g. `generated_at: 2026-11-30T08:00:00Z`). The field names in",
            "  `expect:` are the starter's suggestion: rename them to match what your export",
            "  holds (an assertion on a field the file lacks fails, it never passes by default).",
            "  Several controls may read one export.",
            "- **file**: a document such as a policy, in Markdown. It is dated by its front",
            "  matter, `reviewed: 2026-11-30` between two `---` lines at the top.",
            "- **attestation**: a statement a named person signs (a review was held, a drill was",
            "  run), made with `attest attestation sign`; its date is the signed one. Register",
            "  each signer and the public key they sign with under `signers:` in `attest.yaml`",
            "  first (`attest keygen` makes a key pair): an unregistered signer's attestation does not count.",
            "",
            "`max_age` is how long a result counts: after that it is stale and scores 0 again, so",
            "evidence must be renewed as the control's rhythm says.",
            "",
            "Many exports can be read live instead, straight from AWS, GitHub, Okta, Google",
            "Workspace or Kubernetes: `attest catalog recipes` lists the ready checks; replace an",
            "item's `collector:` and `path:` with `recipe:` and `with:`.",
            "",
            "## Files to provide",
            "",
            "| File | Kind | Control | Renew within |",
            "| --- | --- | --- | --- |",
        ]
        var seen = Set<String>()
        for controlID in controls {
            guard let control = graph.controls[controlID] else { continue }
            for spec in control.evidence {
                guard let path = spec.path,
                    seen.insert(path + "\u{0}" + controlID.rawValue).inserted
                else { continue }
                let renew = spec.maxAge.map { "\($0)" } ?? "—"
                lines.append(
                    "| `\(cell(path))` | \(spec.collector.rawValue) | \(controlID.rawValue): "
                        + "\(cell(control.title.english)) | \(renew) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` safe inside a Markdown table cell: no line breaks, no column bars, no backticks
    /// that would open code.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "`", with: "'")
    }
}

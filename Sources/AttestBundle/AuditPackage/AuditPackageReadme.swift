import AttestCore
import AttestRender
import Foundation

/// `README.md` of an auditor package: who it is for, what each file is, how to verify it with
/// `attest verify`, and how a percentage traces down to the hash of a packed file.
struct AuditPackageReadme {
    static let path = "README.md"

    let package: AuditPackage
    let sections: [AuditPackageSection]

    /// The README for `manifest` (signer fingerprint filled in).
    func text(_ manifest: BundleManifest) -> String {
        let framework = package.framework
        let name = Self.text(
            package.graph.frameworks[framework]?.name.english ?? framework.rawValue)
        let score = package.scores.score(of: .framework(framework))
        let run = package.runID.map { "run \($0)" } ?? "an unnumbered run"
        var lines = [
            "# Auditor package \(manifest.bundleID): \(name)",
            "",
            "> \(package.notice)",
            "",
            "Prepared by \(Self.text(package.graph.manifest.organisation)) for its auditor under engagement, "
                + "from \(run) of its compliance workspace, as of \(manifest.created) "
                + "(Attest \(manifest.toolVersion)). \(name) (`\(framework)`) scores "
                + "**\(NodeScore.figure(score.percent))%** "
                + "(\(NodeScore.figure(score.numerator)) / \(NodeScore.figure(score.denominator)) "
                + "weighted requirements).",
            "",
            "**Audience: internal.** This package holds everything the score counts: public, "
                + "NDA and internal controls and evidence. It is for the auditor the company has "
                + "engaged, not for customers or publication (an NDA bundle, `attest bundle`, "
                + "leaves internal content out). `manifest.json` records this as "
                + "`\"kind\": \"auditor-package\"` and `\"audience\": \"internal\"`.",
            "",
            "## Contents",
            "",
        ]
        for section in sections {
            lines += ["### \(section.title)", "", section.summary, ""]
            lines += section.listings.map { "- `\($0.path)`: \($0.about)" }
            lines.append("")
        }
        lines += [
            "### The package itself", "",
            "- `README.md`: this file",
            "- `signer.pub`: the signer's Ed25519 public key (PEM)",
            "- `manifest.json`: the SHA-256 and size of every other file, and the package's "
                + "kind, audience, framework, run and time",
            "- `manifest.sig`: the Ed25519 signature of the exact bytes of `manifest.json`",
            "",
        ]
        lines += withheld(manifest.withheld ?? [])
        lines += [
            "## How a percentage traces to a hash",
            "",
            "1. `traceability.html` gives the framework's score and links the matrix pages "
                + "(`traceability/<framework>/page-<n>.html`, and every row in "
                + "`traceability.csv`); each row of the matrix is one requirement with its score (`leafScore`), a control that satisfies it and one "
                + "evidence item of that control with its status and SHA-256.",
            "2. The evidence id leads to its row in `evidence-index.csv`: when and how it was "
                + "observed (`date_source`), its target, revision and signer, and the SHA-256 of "
                + "each artifact it recorded (`artifacts`: `path@sha256`).",
            "3. `artifacts.csv` gives each artifact's path in the package (`packed_as`, "
                + "`evidence/<workspace path>`); its SHA-256 there is the one in the index, and "
                + "`sha256sum` of the packed file gives it again.",
            "4. `manifest.json` lists the same SHA-256 for that file, and `manifest.sig` signs "
                + "`manifest.json`: a file changed after packing no longer verifies.",
            "",
            "## How to verify this package",
            "",
            "With Attest, against the signing-key fingerprint the company gives you (it also "
                + "publishes it on its trust center):",
            "",
            "```sh",
            "attest verify THIS-FILE.zip --fingerprint \(manifest.signerFingerprint)",
            "```",
            "",
            "It checks that `signer.pub` has that fingerprint, the signature in `manifest.sig` "
                + "over the exact bytes of `manifest.json`, then the SHA-256 and size of every "
                + "file `manifest.json` lists, that none is missing or extra, and that no path is "
                + "absolute, contains `..` or is a link; it names any file that fails. "
                + "`--public-key KEY.pub` checks against a key file instead.",
            "",
            "By hand:",
            "",
            "```sh",
            "base64 -d manifest.sig > manifest.sig.bin",
            "openssl pkeyutl -verify -pubin -inkey signer.pub -rawin -in manifest.json "
                + "-sigfile manifest.sig.bin",
            "sha256sum evidence-index.csv   # compare with manifest.json",
            "```",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// The evidence files not packed, one per line, or nothing.
    private func withheld(_ files: [WithheldFile]) -> [String] {
        guard !files.isEmpty else { return [] }
        return [
            "## Evidence not packed", "",
            "Only files read inside the workspace whose SHA-256 equals the one recorded when the "
                + "evidence was collected are packed. These were not:",
            "",
        ] + files.map { "- `\(Self.code($0.path))`: \($0.reason.rawValue)" } + [""]
    }

    /// Text the workspace chose (its organisation, a framework's name) as inline Markdown text:
    /// Markdown's punctuation backslash-escaped, `<` `>` `&` as entities and line breaks as
    /// spaces, so no name becomes a link, an image, HTML or a heading in the auditor's viewer.
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "!", "|", "-", "+", "~":
                out += "\\" + String(scalar)
            case "\n": out += " "
            case "\r": continue
            default: out += BundlePath.isControl(scalar) ? "?" : String(scalar)
            }
        }
        return out
    }

    /// Text for a Markdown code span: backticks and line breaks, which would end it, replaced.
    static func code(_ text: String) -> String {
        String(
            text.unicodeScalars.map { scalar -> Character in
                scalar == "`" ? "'" : BundlePath.isControl(scalar) ? "?" : Character(scalar)
            })
    }
}

import AttestCatalog
import Foundation

/// The files `attest init` writes for a new workspace, computed in memory before anything is
/// written: `attest.yaml`, the starter controls for the chosen frameworks, `.gitignore` and the
/// CI workflow. `evidence/README.md` is added once the staged workspace has loaded
/// (`EvidenceGuide`), since it lists what the loaded controls expect.
struct WorkspaceScaffold {
    /// The frameworks the starter library covers, in the order `attest init` lists them.
    static let frameworks: [StarterFramework] = [
        StarterFramework(id: "soc2", en: "SOC 2", fr: "SOC 2"),
        StarterFramework(id: "iso27001", en: "ISO/IEC 27001", fr: "ISO/IEC 27001"),
        StarterFramework(id: "hipaa", en: "HIPAA", fr: "HIPAA"),
        StarterFramework(id: "gdpr", en: "GDPR", fr: "RGPD"),
        StarterFramework(id: "eu-ai-act", en: "EU AI Act", fr: "AI Act (UE)"),
    ]

    /// The locales the site templates are written in.
    static let locales = ["en", "fr"]

    var organisation: String
    /// Chosen frameworks, in the order given.
    var frameworks: [StarterFramework]
    /// Chosen locales, the first being the default.
    var locales: [String]

    /// The locales texts are written in: the chosen ones, and English, which Attest falls back
    /// to and requires (a French-only workspace still carries English titles).
    var textLocales: [String] { locales.contains("en") ? locales : locales + ["en"] }
    /// The CI workflow's path and text, if one is wanted (`ContinuousIntegration.workflow()`).
    var workflow: (path: String, text: String)?
    var starter: StarterLibrary

    /// Relative path → contents.
    var files: [(path: String, text: String)] {
        var files: [(String, String)] = [("attest.yaml", manifest), (".gitignore", Self.gitignore)]
        for file in starter.selecting(frameworks: Set(frameworks.map(\.id))) {
            files.append(("controls/" + file.name, file.text))
        }
        if let workflow { files.append(workflow) }
        return files
    }

    /// The ids of the starter controls the workspace receives.
    var controlIDs: [String] { starter.controlIDs(for: Set(frameworks.map(\.id))) }

    // MARK: attest.yaml

    var manifest: String {
        let q = YAMLScalar.quoted
        var lines = [
            "schema: 1",
            "# The compliance program of \(organisation.replacingOccurrences(of: "\n", with: " ")),"
                + " as code. Written by `attest init`.",
            "# `attest validate` checks it; `attest build` collects the evidence, scores it and"
                + " writes reports/:",
            "# reports/readiness is the to-do list, reports/site the public trust center.",
            "organisation:",
            "  name: \(q(organisation))",
            "  # legal_name, website, country and contact (an e-mail address) appear on the trust"
                + " center",
            "",
            "# In scope. A framework may narrow its scope by tags, e.g.",
            "#   - { id: soc2, tags: [security, availability, confidentiality] }",
            "frameworks:",
        ]
        lines += frameworks.map { "  - \($0.id)" }
        lines += [
            "",
            "locales: [\(locales.joined(separator: ", "))]",
            "default_locale: \(locales[0])              # the language the site's root page opens",
            "output: reports",
            "store: .attest/attest.sqlite",
            "freshness:",
            "  expiring_within: 14d          # evidence this close to its max_age is flagged",
            "",
            "include:",
            "  - controls/*.yaml               # the starter controls: adapt, add, remove",
            "",
            "# Each program is a line of the trust center's compliance roadmap. They start in"
                + " progress:",
            "# the readiness figure is measured from the evidence, so it starts at 0 %.",
            "programs:",
        ]
        for framework in frameworks {
            lines += [
                "  - id: \(framework.id)",
                "    framework: \(framework.id)",
                "    title:",
            ]
            lines += textLocales.map { "      \($0): \(q(framework.readinessTitle(in: $0)))" }
            lines += ["    status: in-progress", ""]
        }
        lines += [
            "trust_center:",
            "  title:",
        ]
        lines += textLocales.map { "    \($0): \(q(trustCenterTitle(in: $0)))" }
        lines += ["  tagline:"]
        lines += textLocales.map { "    \($0): \(q(Self.tagline(in: $0)))" }
        lines += [
            "  # Readers see \"in place\" or \"being improved\" per practice, without control ids.",
            "  public_status: summary         # detailed: every public control with its state",
            "  # featured: [soc2]              # the hero's frameworks and order (default: frameworks:)",
            "  # thresholds: { good: 90, fair: 60 }   # colour bands of rings and bars",
            "  # report_request: { email: trust@example.com }   # how customers ask for reports"
                + " under NDA",
            "  # sections:                     # what you do, each claim backed by public controls",
            "  #   - id: identity-access",
            "  #     title: { en: Identity and access }",
            "  #     items:",
            "  #       - title: { en: MFA for every account }",
            "  #         controls: [ACC-01]",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    func trustCenterTitle(in locale: String) -> String {
        locale == "fr" ? "Centre de confiance \(organisation)" : "\(organisation) Trust Center"
    }

    static func tagline(in locale: String) -> String {
        locale == "fr"
            ? "Notre programme de sécurité et de conformité, mesuré à partir de preuves."
            : "Our security and compliance program, measured from evidence."
    }

    static let gitignore = """
        # Written by `attest init`.
        # Outputs of `attest build`: the readiness and audit reports hold internal and NDA
        # content; publish only reports/site/.
        /reports/
        # The store (the history of every build). CI keeps it in its cache; see the workflow.
        /.attest/
        # A Swift build, when Attest is built inside this repository.
        /.build/
        # Attest itself, when the GitLab job builds it (cached per version).
        /.attest-bin/

        """
}

/// A framework the starter library covers, with its short name per locale.
struct StarterFramework: Hashable {
    var id: String
    var en: String
    var fr: String

    func readinessTitle(in locale: String) -> String {
        locale == "fr" ? "Préparation \(fr)" : "\(en) readiness"
    }
}

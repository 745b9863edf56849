import Foundation

@testable import AttestRender

/// A hand-built public trust center for the site tests: a fictional European agentic-AI SaaS
/// with every part of the page filled in.
///
/// With `hostile: true` every text field also carries markup and an ampersand, to prove the
/// site escapes all of them.
enum SiteFixture {
    static let hostilePayload = #"<script>alert(1)</script> "><img src=x onerror=alert(1)> R&D"#

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The labels of `templates/locales/*.yaml` in this repository.
    static var labels: [String: [String: String]] {
        get throws {
            var labels: [String: [String: String]] = [:]
            for locale in ["en", "fr"] {
                let url = repositoryRoot.appendingPathComponent("templates/locales/\(locale).yaml")
                labels[locale] = try SiteLabelsFile.read(String(contentsOf: url, encoding: .utf8))
            }
            return labels
        }
    }

    // swift-format-ignore
    static func center(hostile: Bool = false) -> PublicTrustCenter {
        func t(_ text: String) -> String { hostile ? "\(text) \(hostilePayload)" : text }
        func l(_ en: String, _ fr: String? = nil) -> LocalizedStrings {
            var strings = ["en": t(en)]
            if let fr { strings["fr"] = t(fr) }
            return strings
        }
        typealias C = PublicTrustCenter
        func control(_ id: String, _ en: String, _ fr: String, _ state: String, _ percent: Double) -> C.ControlState {
            C.ControlState(id: t(id), title: l(en, fr), state: state, percent: percent)
        }
        func day(_ text: String) -> String { hostile ? t(text) : text }

        let soc2CC6 = C.Domain(framework: "soc2", id: t("CC6"), title: l("Logical and physical access", "Accès logiques et physiques"), percent: 81.25)
        let soc2CC7 = C.Domain(framework: "soc2", id: t("CC7"), title: l("System operations", "Exploitation des systèmes"), percent: 64)
        let programs: [C.Program] = [
            C.Program(
                id: t("hds"), title: l("HDS health data hosting", "Hébergement de données de santé (HDS)"),
                status: "certified", standing: "certified", framework: nil, frameworkName: nil,
                auditor: t("Example Certification SAS"),
                certifiedOn: day("2025-11-14"), expiresOn: day("2028-11-13"), externalScore: t("9.7/10"),
                targetQuarter: nil, reportUnderNDA: true,
                description: l("Certified to host personal health data for French healthcare customers.",
                               "Certifié pour héberger les données de santé à caractère personnel de nos clients du secteur de la santé."),
                percent: nil, coverage: nil, domains: [], trend: []),
            C.Program(
                id: t("soc2-type1"), title: l("SOC 2 Type I", "SOC 2 Type I"), status: "in-progress", framework: "soc2",
                frameworkName: l("SOC 2"), auditor: t("Example Assurance LLP"), certifiedOn: nil, expiresOn: nil,
                externalScore: nil, targetQuarter: nil, reportUnderNDA: true, description: nil,
                percent: 72.44, coverage: 88.9, domains: [soc2CC6, soc2CC7],
                trend: [
                    .init(date: "2026-02-01T10:00:00Z", percent: 48),
                    .init(date: "2026-03-01T10:00:00Z", percent: 55.5),
                    .init(date: "2026-04-01T10:00:00Z", percent: 61),
                    .init(date: "2026-05-01T10:00:00Z", percent: 72.44),
                ]),
            C.Program(
                id: t("eu-ai-act"), title: l("EU AI Act readiness", "Préparation à l’AI Act européen"), status: "in-progress",
                framework: "eu-ai-act", frameworkName: l("EU AI Act", "AI Act européen"), auditor: nil, certifiedOn: nil,
                expiresOn: nil, externalScore: nil, targetQuarter: nil, reportUnderNDA: false,
                description: l("Obligations of a provider of general-purpose AI systems.",
                               "Obligations d’un fournisseur de systèmes d’IA à usage général."),
                percent: 58.2, coverage: 70, domains: [], trend: [.init(date: "2026-05-01T10:00:00Z", percent: 58.2)]),
            C.Program(
                id: t("iso27001"), title: l("ISO/IEC 27001 certification", "Certification ISO/IEC 27001"), status: "planned",
                framework: "iso27001", frameworkName: l("ISO/IEC 27001:2022"), auditor: nil, certifiedOn: nil, expiresOn: nil,
                externalScore: nil, targetQuarter: day("2027-Q3"), reportUnderNDA: false,
                description: l("Certification of our information security management system.",
                               "Certification de notre système de management de la sécurité de l’information."),
                percent: nil, coverage: nil, domains: [], trend: []),
        ]
        let sections: [C.Section] = [
            C.Section(
                id: "infrastructure", title: l("Infrastructure and data residency", "Infrastructure et localisation des données"),
                summary: l("Customer data is hosted in the European Union, in isolated environments.",
                           "Les données clients sont hébergées dans l’Union européenne, dans des environnements isolés."),
                domain: nil,
                items: [
                    C.Item(title: l("EU data residency", "Données hébergées dans l’UE"),
                           text: l("Production runs in AWS eu-west-3 (Paris) with backups in eu-central-1 (Frankfurt).",
                                   "La production tourne dans AWS eu-west-3 (Paris), avec des sauvegardes dans eu-central-1 (Francfort)."),
                           controls: [control("INF-01", "Production in EU regions only", "Production dans des régions de l’UE uniquement", "passing", 100)]),
                    C.Item(title: l("Environment isolation", "Isolation des environnements"),
                           text: l("Production, staging and development live in separate cloud accounts.",
                                   "Production, préproduction et développement sont dans des comptes cloud distincts."),
                           controls: [control("INF-02", "Separate accounts per environment", "Comptes distincts par environnement", "passing", 100)]),
                ]),
            C.Section(
                id: "encryption", title: l("Encryption", "Chiffrement"),
                summary: l("Data is encrypted in transit and at rest.", "Les données sont chiffrées en transit et au repos."),
                domain: nil,
                items: [
                    C.Item(title: l("In transit", "En transit"), text: l("TLS 1.3 only on every public endpoint.", "TLS 1.3 uniquement sur chaque point d’accès public."),
                           controls: [control("ENC-01", "TLS 1.3 only in transit", "TLS 1.3 uniquement en transit", "passing", 100)]),
                    C.Item(title: l("At rest", "Au repos"), text: l("AES-256 with keys managed in a KMS, rotated yearly.", "AES-256 avec des clés gérées dans un KMS, renouvelées chaque année."),
                           controls: [control("ENC-02", "Encryption at rest with managed keys", "Chiffrement au repos avec clés gérées", "attention", 50)]),
                ]),
            C.Section(
                id: "ai-governance", title: l("AI governance", "Gouvernance de l’IA"),
                summary: l("How we use AI models with customer data.", "Comment nous utilisons les modèles d’IA avec les données clients."),
                domain: nil,
                items: [
                    C.Item(title: l("No training on customer data", "Aucun entraînement sur les données clients"),
                           text: l("Model providers are contractually bound not to train on customer data.",
                                   "Les fournisseurs de modèles s’engagent contractuellement à ne pas s’entraîner sur les données clients."),
                           controls: [control("AI-01", "Zero-retention agreements with model providers", "Accords sans conservation avec les fournisseurs de modèles", "passing", 100)]),
                    C.Item(title: l("AI gateway", "Passerelle IA"),
                           text: l("Every model call goes through our gateway, which redacts secrets and logs usage.",
                                   "Chaque appel de modèle passe par notre passerelle, qui masque les secrets et journalise l’usage."),
                           controls: [control("AI-02", "Gateway redaction rules", "Règles de masquage de la passerelle", "failing", 0)]),
                ]),
            C.Section(
                id: "supply-chain", title: l("Software supply chain", "Chaîne d’approvisionnement logicielle"),
                summary: l("Every change is scanned before it ships.", "Chaque modification est analysée avant sa mise en production."),
                domain: nil,
                items: [
                    C.Item(title: l("Dependency and code scanning", "Analyse des dépendances et du code"),
                           text: l("SAST, dependency and container scanning on every pull request.",
                                   "Analyse statique, des dépendances et des conteneurs à chaque demande de fusion."),
                           controls: [control("SC-01", "Scanners gate the main branch", "Les analyseurs protègent la branche principale", "passing", 100)]),
                ]),
            C.Section(
                id: "identity-access", title: l("Identity and access", "Identités et accès"),
                summary: l("Least privilege, just-in-time access and MFA everywhere.", "Moindre privilège, accès à la demande et MFA partout."),
                domain: soc2CC6,
                items: [
                    C.Item(title: l("Just-in-time production access", "Accès à la production à la demande"),
                           text: l("Engineers request time-boxed access, approved by a peer.", "Les ingénieurs demandent un accès limité dans le temps, approuvé par un pair."),
                           controls: [control("IAM-01", "Time-boxed production access", "Accès à la production limité dans le temps", "passing", 100),
                                      control("IAM-02", "Phishing-resistant MFA", "MFA résistante à l’hameçonnage", "attention", 75)]),
                ]),
            C.Section(
                id: "data-integrity", title: l("Data integrity", "Intégrité des données"),
                summary: l("Deletions are soft for 30 days, then permanent.", "Les suppressions sont réversibles pendant 30 jours, puis définitives."),
                domain: nil,
                items: [
                    C.Item(title: l("Soft delete", "Suppression réversible"), text: nil,
                           controls: [control("DI-01", "Soft delete with 30-day purge", "Suppression réversible et purge à 30 jours", "passing", 100)]),
                ]),
        ]
        return PublicTrustCenter(
            formatVersion: 1, generatedAt: day("2026-05-01T10:00:00Z"), buildID: t("b-20260501-1000"), toolVersion: t("0.9.0"),
            locales: ["en", "fr"],
            organisation: .init(name: t("Nuage Agents"), legalName: t("Nuage Agents SAS"), website: hostile ? t("https://nuage-agents.example") : "https://nuage-agents.example", country: t("FR")),
            title: l("Nuage Agents Trust Center", "Centre de confiance Nuage Agents"),
            tagline: l("Security, privacy and AI governance for our agent platform, measured live from evidence.",
                       "Sécurité, confidentialité et gouvernance de l’IA de notre plateforme d’agents, mesurées en direct à partir de preuves."),
            contact: hostile ? t("security@nuage-agents.example") : "security@nuage-agents.example",
            reportRequest: .init(
                email: hostile ? t("trust@nuage-agents.example") : "trust@nuage-agents.example",
                url: hostile ? t("https://nuage-agents.example/trust/request") : "https://nuage-agents.example/trust/request",
                text: l("Our audit reports, penetration test summary and security questionnaire answers are shared under NDA.",
                        "Nos rapports d’audit, la synthèse des tests d’intrusion et nos réponses aux questionnaires de sécurité sont communiqués sous accord de confidentialité."),
                programs: [l("HDS health data hosting", "Hébergement de données de santé (HDS)"), l("SOC 2 Type I")]),
            programs: programs,
            frameworks: [
                .init(id: "eu-ai-act", name: l("EU AI Act", "AI Act européen"), percent: 58.2, coverage: 70),
                .init(id: "soc2", name: l("SOC 2"), percent: 72.44, coverage: 88.9),
            ],
            sections: sections,
            integrations: [
                .init(name: t("GitHub"), scopes: [
                    .init(scope: t("read:org"), access: t("read"), purpose: l("Check that MFA is enforced for every member.", "Vérifier que la MFA est imposée à chaque membre.")),
                    .init(scope: t("repo:status"), access: t("read"), purpose: l("Read the status of required checks on the main branch.", "Lire l’état des vérifications obligatoires de la branche principale.")),
                ]),
                .init(name: t("Google Workspace"), scopes: [
                    .init(scope: t("admin.directory.user.readonly"), access: t("read"), purpose: l("List accounts to review access every quarter.", "Lister les comptes pour la revue trimestrielle des accès.")),
                ]),
                .init(name: t("Slack"), scopes: [
                    .init(scope: t("chat:write"), access: t("write"), purpose: l("Post incident updates to the customer's channel.", "Publier les points d’incident dans le canal du client.")),
                ]),
            ],
            subprocessors: [
                .init(name: t("Amazon Web Services"), purpose: l("Cloud hosting", "Hébergement cloud"), location: t("France, Germany"), url: hostile ? t("https://aws.amazon.com") : "https://aws.amazon.com"),
                .init(name: t("Mistral AI"), purpose: l("Language model provider", "Fournisseur de modèles de langage"), location: t("France"), url: "javascript:alert(1)"),
                .init(name: t("Postmark"), purpose: l("Transactional email", "E-mails transactionnels"), location: t("United States"), url: nil),
            ],
            incidentResponse: .init(
                channels: [
                    .init(priority: 2, name: l("Vulnerability disclosure form", "Formulaire de signalement de vulnérabilité"), contact: hostile ? t("https://nuage-agents.example/security") : "https://nuage-agents.example/security"),
                    .init(priority: 1, name: l("Security team", "Équipe sécurité"), contact: hostile ? t("security@nuage-agents.example") : "security@nuage-agents.example"),
                    .init(priority: 3, name: l("On-call phone", "Astreinte téléphonique"), contact: t("+33 1 23 45 67 89")),
                ],
                commitments: [
                    l("Breach notice to affected customers within 24 hours.", "Notification des clients concernés sous 24 heures en cas de violation."),
                    l("Vulnerability disclosure policy with safe harbour.", "Politique de divulgation des vulnérabilités avec protection des chercheurs."),
                    l("Post-incident report within 5 business days.", "Rapport post-incident sous 5 jours ouvrés."),
                ]),
            legal: .init(
                governingLaw: [
                    .init(customers: l("Customers in the EU", "Clients dans l’UE"), law: l("French law, courts of Paris", "Droit français, tribunaux de Paris")),
                    .init(customers: l("Customers in North America", "Clients en Amérique du Nord"), law: l("Laws of the State of Delaware", "Droit de l’État du Delaware")),
                ],
                presence: [
                    .init(place: l("Paris, France", "Paris, France"), role: l("Headquarters and engineering", "Siège et ingénierie")),
                    .init(place: l("Montréal, Canada", "Montréal, Canada"), role: l("Customer support", "Support client")),
                ],
                policies: [
                    .init(title: l("Privacy policy", "Politique de confidentialité"), url: hostile ? t("https://nuage-agents.example/privacy") : "https://nuage-agents.example/privacy"),
                    .init(title: l("Data processing agreement", "Accord de traitement des données"), url: "https://nuage-agents.example/dpa"),
                    .init(title: l("Responsible disclosure", "Divulgation responsable"), url: "https://nuage-agents.example/security"),
                ]),
            changes: .init(
                since: day("2026-04-01T10:00:00Z"),
                programs: [
                    .init(id: t("soc2-type1"), title: l("SOC 2 Type I"), from: 61, to: 72.44),
                    .init(id: t("eu-ai-act"), title: l("EU AI Act readiness", "Préparation à l’AI Act européen"), from: 60.1, to: 58.2),
                ],
                controlsAdded: [.init(id: t("AI-02"), title: l("Gateway redaction rules", "Règles de masquage de la passerelle"))],
                controlsRemoved: [.init(id: t("OLD-07"), title: l("Quarterly manual access review"))],
                evidenceRenewed: 14, evidenceExpired: 1),
            signingKey: .init(algorithm: t("ed25519"), fingerprint: t("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")))
    }
}

/// A test-only reader of `templates/locales/*.yaml`: `schema: 1`, then `labels:` and one
/// `  key: "text"` line per label (comments and blank lines allowed).
enum SiteLabelsFile {
    struct Malformed: Error, CustomStringConvertible {
        var line: String
        var description: String { "cannot read label line: \(line)" }
    }

    static func read(_ text: String) throws -> [String: String] {
        var labels: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || line == "schema: 1" || line == "labels:"
            {
                continue
            }
            guard line.hasPrefix("  "), let colon = trimmed.firstIndex(of: ":") else {
                throw Malformed(line: String(line))
            }
            let key = String(trimmed[..<colon])
            var value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
                    .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(
                        of: "\\\\", with: "\\")
            }
            labels[key] = value
        }
        return labels
    }
}

extension CatalogSpotCheck {
    /// Written from 45 CFR §164.308–§164.316 and §164.400–§164.414 (eCFR).
    static let hipaa: [CatalogSpotCheck] = [
        .init(
            framework: "hipaa", id: "164.308", titleEN: "Administrative safeguards",
            titleFR: "Mesures de protection administratives"
        ),
        .init(
            framework: "hipaa", id: "164.308(a)(1)(ii)(A)", titleEN: "Risk analysis",
            titleFR: "Analyse des risques"
        ),
        .init(
            framework: "hipaa", id: "164.308(a)(2)", titleEN: "Assigned security responsibility",
            titleFR: "Attribution de la responsabilité de la sécurité"
        ),
        .init(
            framework: "hipaa", id: "164.308(a)(3)(ii)(A)",
            titleEN: "Authorization and/or supervision",
            titleFR: "Autorisation et/ou supervision"
        ),
        .init(
            framework: "hipaa", id: "164.308(a)(5)(ii)(B)",
            titleEN: "Protection from malicious software",
            titleFR: "Protection contre les logiciels malveillants"
        ),
        .init(
            framework: "hipaa", id: "164.308(a)(7)(ii)(E)",
            titleEN: "Applications and data criticality analysis",
            titleFR: "Analyse de la criticité des applications et des données"
        ),
        .init(
            framework: "hipaa", id: "164.308(b)(3)",
            titleEN: "Written contract or other arrangement",
            titleFR: "Contrat écrit ou autre accord"
        ),
        .init(
            framework: "hipaa", id: "164.310(a)(2)(iii)",
            titleEN: "Access control and validation procedures",
            titleFR: "Procédures de contrôle et de validation des accès"
        ),
        .init(
            framework: "hipaa", id: "164.310(d)(2)(ii)", titleEN: "Media re-use",
            titleFR: "Réutilisation des supports"
        ),
        .init(
            framework: "hipaa", id: "164.312(a)(2)(iv)", titleEN: "Encryption and decryption",
            titleFR: "Chiffrement et déchiffrement"
        ),
        .init(framework: "hipaa", id: "164.312(c)(1)", titleEN: "Integrity", titleFR: "Intégrité"),
        .init(
            framework: "hipaa", id: "164.312(e)(2)(ii)", titleEN: "Encryption",
            titleFR: "Chiffrement"
        ),
        .init(
            framework: "hipaa", id: "164.314(a)(2)(iii)",
            titleEN: "Business associate contracts with subcontractors",
            titleFR: "Contrats des partenaires commerciaux avec les sous-traitants"
        ),
        .init(
            framework: "hipaa", id: "164.316(b)(2)(i)", titleEN: "Time limit",
            titleFR: "Durée de conservation"
        ),
        .init(
            framework: "hipaa", id: "164-subpart-d",
            titleEN: "Breach Notification Rule (Subpart D)",
            titleFR: "Règle de notification des violations (sous-partie D)"
        ),
        .init(
            framework: "hipaa", id: "164.404", titleEN: "Notification to individuals",
            titleFR: "Notification aux personnes concernées"
        ),
        .init(
            framework: "hipaa", id: "164.412", titleEN: "Law enforcement delay",
            titleFR: "Report demandé par les forces de l'ordre"
        ),
    ]
}

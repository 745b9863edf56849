extension CatalogSpotCheck {
    /// Written from the English and French texts of Regulation (EU) 2024/1689 (EUR-Lex).
    static let euAIAct: [CatalogSpotCheck] = [
        .init(
            framework: "eu-ai-act", id: "Art.4",
            titleEN: "AI literacy", titleFR: "Maîtrise de l'IA"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.5",
            titleEN: "Prohibited AI practices", titleFR: "Pratiques interdites en matière d'IA"
        ),
        .init(
            framework: "eu-ai-act", id: "Annex.III",
            titleEN: "High-risk AI systems referred to in Article 6(2)",
            titleFR: "Systèmes d'IA à haut risque visés à l'article 6, paragraphe 2"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.9",
            titleEN: "Risk management system", titleFR: "Système de gestion des risques"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.10",
            titleEN: "Data and data governance", titleFR: "Données et gouvernance des données"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.11",
            titleEN: "Technical documentation", titleFR: "Documentation technique"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.12",
            titleEN: "Record-keeping", titleFR: "Enregistrement"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.13",
            titleEN: "Transparency and provision of information to deployers",
            titleFR: "Transparence et fourniture d'informations aux déployeurs"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.14",
            titleEN: "Human oversight", titleFR: "Contrôle humain"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.15",
            titleEN: "Accuracy, robustness and cybersecurity",
            titleFR: "Exactitude, robustesse et cybersécurité"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.17",
            titleEN: "Quality management system", titleFR: "Système de gestion de la qualité"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.19",
            titleEN: "Automatically generated logs", titleFR: "Journaux générés automatiquement"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.26",
            titleEN: "Obligations of deployers of high-risk AI systems",
            titleFR: "Obligations incombant aux déployeurs de systèmes d'IA à haut risque"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.27",
            titleEN: "Fundamental rights impact assessment for high-risk AI systems",
            titleFR: "Analyse d'impact des systèmes d'IA à haut risque sur les droits fondamentaux"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.49",
            titleEN: "Registration", titleFR: "Enregistrement"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.53",
            titleEN: "Obligations for providers of general-purpose AI models",
            titleFR: "Obligations incombant aux fournisseurs de modèles d'IA à usage général"
        ),
        .init(
            framework: "eu-ai-act", id: "Art.73",
            titleEN: "Reporting of serious incidents", titleFR: "Signalement d'incidents graves"
        ),
        .init(
            framework: "eu-ai-act", id: "Ch.III.S2",
            titleEN: "Requirements for high-risk AI systems",
            titleFR: "Exigences applicables aux systèmes d'IA à haut risque"
        ),
    ]
}

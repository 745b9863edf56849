extension CatalogSpotCheck {
    /// Written from the English and French texts of Regulation (EU) 2016/679 (EUR-Lex).
    static let gdpr: [CatalogSpotCheck] = [
        .init(framework: "gdpr", id: "Ch.II", titleEN: "Principles", titleFR: "Principes"),
        .init(
            framework: "gdpr", id: "Ch.IV",
            titleEN: "Controller and processor",
            titleFR: "Responsable du traitement et sous-traitant"
        ),
        .init(
            framework: "gdpr", id: "Ch.IV.S2",
            titleEN: "Security of personal data",
            titleFR: "Sécurité des données à caractère personnel"
        ),
        .init(
            framework: "gdpr", id: "Art.5",
            titleEN: "Principles relating to processing of personal data",
            titleFR: "Principes relatifs au traitement des données à caractère personnel"
        ),
        .init(
            framework: "gdpr", id: "Art.5(1)(f)",
            titleEN: "Integrity and confidentiality",
            titleFR: "Intégrité et confidentialité"
        ),
        .init(
            framework: "gdpr", id: "Art.6",
            titleEN: "Lawfulness of processing",
            titleFR: "Licéité du traitement"
        ),
        .init(
            framework: "gdpr", id: "Art.15",
            titleEN: "Right of access by the data subject",
            titleFR: "Droit d'accès de la personne concernée"
        ),
        .init(
            framework: "gdpr", id: "Art.17",
            titleEN: "Right to erasure (‘right to be forgotten’)",
            titleFR: "Droit à l'effacement («droit à l'oubli»)"
        ),
        .init(
            framework: "gdpr", id: "Art.24",
            titleEN: "Responsibility of the controller",
            titleFR: "Responsabilité du responsable du traitement"
        ),
        .init(
            framework: "gdpr", id: "Art.25",
            titleEN: "Data protection by design and by default",
            titleFR: "Protection des données dès la conception et protection des données par défaut"
        ),
        .init(framework: "gdpr", id: "Art.28", titleEN: "Processor", titleFR: "Sous-traitant"),
        .init(
            framework: "gdpr", id: "Art.30",
            titleEN: "Records of processing activities",
            titleFR: "Registre des activités de traitement"
        ),
        .init(
            framework: "gdpr", id: "Art.32",
            titleEN: "Security of processing",
            titleFR: "Sécurité du traitement"
        ),
        .init(
            framework: "gdpr", id: "Art.33",
            titleEN: "Notification of a personal data breach to the supervisory authority",
            titleFR: "Notification à l'autorité de contrôle d'une violation de données"
                + " à caractère personnel"
        ),
        .init(
            framework: "gdpr", id: "Art.34",
            titleEN: "Communication of a personal data breach to the data subject",
            titleFR: "Communication à la personne concernée d'une violation de données"
                + " à caractère personnel"
        ),
        .init(
            framework: "gdpr", id: "Art.35",
            titleEN: "Data protection impact assessment",
            titleFR: "Analyse d'impact relative à la protection des données"
        ),
        .init(
            framework: "gdpr", id: "Art.38",
            titleEN: "Position of the data protection officer",
            titleFR: "Fonction du délégué à la protection des données"
        ),
        .init(
            framework: "gdpr", id: "Art.46",
            titleEN: "Transfers subject to appropriate safeguards",
            titleFR: "Transferts moyennant des garanties appropriées"
        ),
        .init(
            framework: "gdpr", id: "Art.49",
            titleEN: "Derogations for specific situations",
            titleFR: "Dérogations pour des situations particulières"
        ),
    ]
}

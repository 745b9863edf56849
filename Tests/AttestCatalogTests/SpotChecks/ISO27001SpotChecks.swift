extension CatalogSpotCheck {
    /// Written from ISO/IEC 27001:2022 clause and Annex A titles.
    static let iso27001: [CatalogSpotCheck] = [
        .init(
            framework: "iso27001", id: "4.1",
            titleEN: "Understanding the organization and its context",
            titleFR: "Compréhension de l'organisation et de son contexte"
        ),
        .init(
            framework: "iso27001", id: "5.2",
            titleEN: "Policy",
            titleFR: "Politique"
        ),
        .init(
            framework: "iso27001", id: "6",
            titleEN: "Planning",
            titleFR: "Planification"
        ),
        .init(
            framework: "iso27001", id: "6.1.2",
            titleEN: "Information security risk assessment",
            titleFR: "Appréciation des risques de sécurité de l'information"
        ),
        .init(
            framework: "iso27001", id: "6.1.3",
            titleEN: "Information security risk treatment",
            titleFR: "Traitement des risques de sécurité de l'information"
        ),
        .init(
            framework: "iso27001", id: "6.3",
            titleEN: "Planning of changes",
            titleFR: "Planification des modifications"
        ),
        .init(
            framework: "iso27001", id: "7.5.3",
            titleEN: "Control of documented information",
            titleFR: "Maîtrise des informations documentées"
        ),
        .init(
            framework: "iso27001", id: "9.2",
            titleEN: "Internal audit",
            titleFR: "Audit interne"
        ),
        .init(
            framework: "iso27001", id: "9.3",
            titleEN: "Management review",
            titleFR: "Revue de direction"
        ),
        .init(
            framework: "iso27001", id: "10.1",
            titleEN: "Continual improvement",
            titleFR: "Amélioration continue"
        ),
        .init(
            framework: "iso27001", id: "10.2",
            titleEN: "Nonconformity and corrective action",
            titleFR: "Non-conformité et action corrective"
        ),
        .init(
            framework: "iso27001", id: "A.5",
            titleEN: "Organizational controls",
            titleFR: "Mesures organisationnelles"
        ),
        .init(
            framework: "iso27001", id: "A.5.1",
            titleEN: "Policies for information security",
            titleFR: "Politiques de sécurité de l'information"
        ),
        .init(
            framework: "iso27001", id: "A.5.7",
            titleEN: "Threat intelligence",
            titleFR: "Renseignements sur les menaces"
        ),
        .init(
            framework: "iso27001", id: "A.5.23",
            titleEN: "Information security for use of cloud services",
            titleFR: "Sécurité de l'information dans l'utilisation de services en nuage"
        ),
        .init(
            framework: "iso27001", id: "A.5.30",
            titleEN: "ICT readiness for business continuity",
            titleFR: "Préparation des TIC pour la continuité d'activité"
        ),
        .init(
            framework: "iso27001", id: "A.5.34",
            titleEN: "Privacy and protection of personal identifiable information (PII)",
            titleFR: "Protection de la vie privée et des données à caractère personnel (DCP)"
        ),
        .init(
            framework: "iso27001", id: "A.6",
            titleEN: "People controls",
            titleFR: "Mesures applicables aux personnes"
        ),
        .init(
            framework: "iso27001", id: "A.6.1",
            titleEN: "Screening",
            titleFR: "Sélection des candidats"
        ),
        .init(
            framework: "iso27001", id: "A.6.7",
            titleEN: "Remote working",
            titleFR: "Travail à distance"
        ),
        .init(
            framework: "iso27001", id: "A.7",
            titleEN: "Physical controls",
            titleFR: "Mesures physiques"
        ),
        .init(
            framework: "iso27001", id: "A.7.4",
            titleEN: "Physical security monitoring",
            titleFR: "Surveillance de la sécurité physique"
        ),
        .init(
            framework: "iso27001", id: "A.7.14",
            titleEN: "Secure disposal or re-use of equipment",
            titleFR: "Élimination ou recyclage sécurisé(e) du matériel"
        ),
        .init(
            framework: "iso27001", id: "A.8",
            titleEN: "Technological controls",
            titleFR: "Mesures technologiques"
        ),
        .init(
            framework: "iso27001", id: "A.8.1",
            titleEN: "User end point devices",
            titleFR: "Terminaux finaux des utilisateurs"
        ),
        .init(
            framework: "iso27001", id: "A.8.24",
            titleEN: "Use of cryptography",
            titleFR: "Utilisation de la cryptographie"
        ),
        .init(
            framework: "iso27001", id: "A.8.28",
            titleEN: "Secure coding",
            titleFR: "Codage sécurisé"
        ),
        .init(
            framework: "iso27001", id: "A.8.32",
            titleEN: "Change management",
            titleFR: "Gestion des changements"
        ),
    ]
}

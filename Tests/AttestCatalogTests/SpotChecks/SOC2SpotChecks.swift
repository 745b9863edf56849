extension CatalogSpotCheck {
    /// Written from the official AICPA TSC 2017 (rev. 2022) series names and criterion numbering.
    static let soc2: [CatalogSpotCheck] = [
        .init(
            framework: "soc2", id: "CC1",
            titleEN: "Control Environment",
            titleFR: "Environnement de contrôle"
        ),
        .init(
            framework: "soc2", id: "CC3",
            titleEN: "Risk Assessment",
            titleFR: "Évaluation des risques"
        ),
        .init(
            framework: "soc2", id: "CC6",
            titleEN: "Logical and Physical Access Controls",
            titleFR: "Contrôles d'accès logiques et physiques"
        ),
        .init(
            framework: "soc2", id: "CC7",
            titleEN: "System Operations",
            titleFR: "Exploitation des systèmes"
        ),
        .init(
            framework: "soc2", id: "A1",
            titleEN: "Additional Criteria for Availability",
            titleFR: "Critères supplémentaires relatifs à la disponibilité"
        ),
        .init(
            framework: "soc2", id: "PI1",
            titleEN: "Additional Criteria for Processing Integrity",
            titleFR: "Critères supplémentaires relatifs à l'intégrité du traitement"
        ),
        .init(
            framework: "soc2", id: "P4",
            titleEN: "Use, Retention, and Disposal",
            titleFR: "Utilisation, conservation et élimination"
        ),
        .init(
            framework: "soc2", id: "P6",
            titleEN: "Disclosure and Notification",
            titleFR: "Communication et notification"
        ),
        .init(
            framework: "soc2", id: "CC1.1",
            titleEN: "Commitment to integrity and ethical values",
            titleFR: "Engagement en faveur de l'intégrité et de valeurs éthiques"
        ),
        .init(
            framework: "soc2", id: "CC2.1",
            titleEN: "Relevant, quality information for internal control",
            titleFR: "Informations pertinentes et de qualité pour le contrôle interne"
        ),
        .init(
            framework: "soc2", id: "CC6.1",
            titleEN: "Logical access security software, infrastructure and architectures",
            titleFR: "Logiciels, infrastructures et architectures de sécurité des accès logiques"
        ),
        .init(
            framework: "soc2", id: "CC6.3",
            titleEN: "Role-based access, least privilege and segregation of duties",
            titleFR: "Accès fondé sur les rôles, moindre privilège et séparation des tâches"
        ),
        .init(
            framework: "soc2", id: "CC7.4",
            titleEN: "Security incident response",
            titleFR: "Réponse aux incidents de sécurité"
        ),
        .init(
            framework: "soc2", id: "CC8.1",
            titleEN: "Change management for infrastructure, data, software and procedures",
            titleFR: "Gestion des changements (infrastructure, données, logiciels, procédures)"
        ),
        .init(
            framework: "soc2", id: "CC9.2",
            titleEN: "Vendor and business partner risk management",
            titleFR: "Gestion des risques liés aux fournisseurs et partenaires commerciaux"
        ),
        .init(
            framework: "soc2", id: "A1.2",
            titleEN: "Environmental protections, backup and recovery infrastructure",
            titleFR: "Protections environnementales, sauvegarde et infrastructure de reprise"
        ),
        .init(
            framework: "soc2", id: "C1.2",
            titleEN: "Disposal of confidential information",
            titleFR: "Élimination des informations confidentielles"
        ),
        .init(
            framework: "soc2", id: "PI1.2",
            titleEN: "Controls over system inputs",
            titleFR: "Contrôles des entrées du système"
        ),
        .init(
            framework: "soc2", id: "P3.2",
            titleEN: "Explicit consent for collection",
            titleFR: "Consentement explicite à la collecte"
        ),
        .init(
            framework: "soc2", id: "P6.7",
            titleEN: "Accounting of personal information held and disclosed",
            titleFR: "Relevé des informations personnelles détenues et communiquées"
        ),
        .init(
            framework: "soc2", id: "P8.1",
            titleEN: "Privacy inquiries, complaints, disputes and compliance monitoring",
            titleFR: "Demandes, plaintes, litiges et contrôle de conformité (vie privée)"
        ),
    ]
}

/// Word lists for titles and summaries: English and French, the French with accents so the
/// parser sees multi-byte UTF-8 as in the shipped catalogs.
enum TextVocabulary {
    static let english = [
        "access", "review", "policy", "encryption", "key", "management", "incident", "response",
        "backup", "recovery", "supplier", "risk", "assessment", "logging", "monitoring", "change",
        "control", "asset", "inventory", "network", "segmentation", "identity", "authentication",
        "privileged", "accounts", "training", "awareness", "vulnerability", "patching", "secure",
        "development", "testing", "data", "retention", "deletion", "classification", "physical",
        "perimeter", "continuity", "planning", "audit", "evidence", "configuration", "baseline",
        "third-party", "contracts", "personal", "processing", "records", "transparency", "model",
        "oversight", "human", "documentation", "quality", "system", "lifecycle", "threat",
        "intelligence", "cloud", "services", "capacity", "availability", "integrity",
        "confidentiality", "cryptography", "malware", "protection", "endpoint", "devices",
    ]

    static let french = [
        "accès", "revue", "politique", "chiffrement", "clé", "gestion", "incident", "réponse",
        "sauvegarde", "reprise", "fournisseur", "risque", "évaluation", "journalisation",
        "surveillance", "changement", "contrôle", "actif", "inventaire", "réseau", "segmentation",
        "identité", "authentification", "comptes", "privilégiés", "formation", "sensibilisation",
        "vulnérabilité", "correctifs", "développement", "sécurisé", "essais", "données",
        "conservation", "suppression", "classification", "physique", "périmètre", "continuité",
        "planification", "audit", "preuves", "configuration", "référence", "tiers", "contrats",
        "personnelles", "traitement", "registres", "transparence", "modèle", "supervision",
        "humaine", "documentation", "qualité", "système", "cycle de vie", "menace", "renseignement",
        "nuage", "services", "capacité", "disponibilité", "intégrité", "confidentialité",
        "cryptographie", "logiciels malveillants", "protection", "terminaux", "équipements",
    ]

    static let tags = [
        "preventive", "detective", "corrective", "confidentiality", "integrity", "availability",
        "privacy", "governance", "technical", "organisational", "physical", "people", "security",
        "processing-integrity", "transparency", "resilience",
    ]

    static let owners = [
        "platform-security", "it-operations", "sre", "legal", "privacy-office", "hr",
        "engineering", "data-platform", "ml-platform", "facilities", "finance", "support",
    ]
}

extension SeededRandom {
    /// A capitalised phrase of `words` words drawn from `vocabulary`.
    mutating func phrase(_ vocabulary: [String], words: ClosedRange<Int>) -> String {
        let count = int(in: words)
        var text = ""
        for position in 0..<count {
            let word = pick(vocabulary)
            if position == 0 {
                text += word.prefix(1).uppercased() + word.dropFirst()
            } else {
                text += " " + word
            }
        }
        return text
    }

    /// An English phrase as a double-quoted YAML scalar.
    mutating func quotedEnglish(_ words: ClosedRange<Int>, ending: String = "") -> String {
        YAMLText.quoted(phrase(TextVocabulary.english, words: words) + ending)
    }

    /// A title in English and French.
    mutating func title(words: ClosedRange<Int> = 3...8) -> (en: String, fr: String) {
        (phrase(TextVocabulary.english, words: words), phrase(TextVocabulary.french, words: words))
    }

    /// A summary in English and French: one or two sentences.
    mutating func summary() -> (en: String, fr: String) {
        var en = phrase(TextVocabulary.english, words: 10...24) + "."
        var fr = phrase(TextVocabulary.french, words: 10...24) + "."
        if chance(40) {
            en += " " + phrase(TextVocabulary.english, words: 6...14) + "; see the policy."
            fr += " " + phrase(TextVocabulary.french, words: 6...14) + " ; voir la politique."
        }
        return (en, fr)
    }

    /// `count` distinct tags.
    mutating func tags(_ count: ClosedRange<Int>) -> [String] {
        distinctIndices(int(in: count), of: TextVocabulary.tags.count).map {
            TextVocabulary.tags[$0]
        }
    }
}

import AttestTestSupport
import Foundation

@testable import AttestRender

/// Hand-built trust centers for the XML and JSON document tests: one with every field filled
/// (two locales, hostile and non-ASCII text), one with every optional part left out.
enum FixtureCenters {
    static let schema = Fixtures.packageRoot.appendingPathComponent(
        "templates/xml/trust-center.xsd")

    /// Text that must reach every output as data, never as markup.
    static let hostile = #"<script>alert("x")</script> & 'quotes' ]]> é 漢字"#

    typealias Center = PublicTrustCenter

    static func text(_ english: String, _ french: String) -> LocalizedStrings {
        ["fr": french, "en": english]
    }

    static var full: Center {
        let cc6 = Center.Domain(
            framework: "soc2", id: "CC6", title: text("Logical access", "Accès logique"),
            percent: 66.7)
        return Center(
            formatVersion: 1, generatedAt: "2026-06-01T12:00:00Z", buildID: "b-7f3a",
            toolVersion: "0.9.0",
            locales: ["en", "fr"],
            organisation: .init(
                name: "Acme <Labs> & Co", legalName: "Acme Labs SAS",
                website: "https://acme.example/",
                country: "FR"),
            title: text("Acme trust center", "Centre de confiance Acme"),
            tagline: text(hostile, "Sécurité d'abord 漢字"),
            contact: "security@acme.example",
            reportRequest: .init(
                email: "trust@acme.example", url: "https://acme.example/request?a=1&b=2",
                text: text("Ask under NDA", "Demander sous NDA"),
                programs: [text("SOC 2 Type II", "SOC 2 Type II")]),
            programs: [
                .init(
                    id: "soc2", title: text("SOC 2 Type II", "SOC 2 Type II"),
                    status: "in-progress",
                    framework: "soc2", frameworkName: text("SOC 2", "SOC 2"),
                    auditor: "Example & Sons LLP",
                    certifiedOn: nil, expiresOn: nil, externalScore: nil, targetQuarter: nil,
                    reportUnderNDA: true, description: text(hostile, "Programme é 漢字"),
                    percent: 72.5,
                    coverage: 80.0, domains: [cc6],
                    trend: [
                        .init(date: "2026-05-01T12:00:00Z", percent: 60.0),
                        .init(date: "2026-06-01T12:00:00Z", percent: 72.5),
                    ]),
                .init(
                    id: "iso27001", title: text("ISO/IEC 27001", "ISO/CEI 27001"),
                    status: "certified", standing: "certified",
                    framework: nil, frameworkName: nil, auditor: "Cert Body",
                    certifiedOn: "2026-03-01",
                    expiresOn: "2029-02-28", externalScore: "9.7/10", targetQuarter: nil,
                    reportUnderNDA: false, description: nil, percent: nil, coverage: nil,
                    domains: [],
                    trend: []),
                .init(
                    id: "hds", title: text("HDS", "HDS"), status: "planned", framework: nil,
                    frameworkName: nil, auditor: nil, certifiedOn: nil, expiresOn: nil,
                    externalScore: nil,
                    targetQuarter: "2027-Q3", reportUnderNDA: false, description: nil, percent: nil,
                    coverage: nil, domains: [], trend: []),
            ],
            frameworks: [
                .init(id: "soc2", name: text("SOC 2", "SOC 2"), percent: 72.5, coverage: 80.0)
            ],
            sections: [
                .init(
                    id: "encryption", title: text("Encryption", "Chiffrement"),
                    summary: text("At rest & in transit", "Au repos et en transit"), domain: cc6,
                    items: [
                        .init(
                            title: text(hostile, "Élément 漢字"), text: text("TLS 1.2+", "TLS 1.2+"),
                            controls: [
                                .init(
                                    id: "ENC-1",
                                    title: text("Disk encryption", "Chiffrement des disques"),
                                    state: "passing", percent: 100.0),
                                .init(
                                    id: "ENC-2", title: text("TLS", "TLS"), state: "attention",
                                    percent: 50.0),
                                .init(
                                    id: "ENC-3", title: text("Keys", "Clés"), state: "failing",
                                    percent: 0.0),
                            ])
                    ])
            ],
            integrations: [
                .init(
                    name: "GitHub",
                    scopes: [
                        .init(
                            scope: "repo:status", access: "read",
                            purpose: text("Branch protection", "Protection"))
                    ])
            ],
            subprocessors: [
                .init(
                    name: "Cloud <Host>", purpose: text("Hosting", "Hébergement"),
                    location: "EU (Paris)",
                    url: "https://host.example/dpa")
            ],
            incidentResponse: .init(
                channels: [
                    .init(
                        priority: 1, name: text("Email", "Courriel"),
                        contact: "security@acme.example")
                ],
                commitments: [text("Notice within 72 hours", "Notification sous 72 heures")]),
            legal: .init(
                governingLaw: [
                    .init(
                        customers: text("EU customers", "Clients UE"),
                        law: text("French law", "Droit français"))
                ],
                presence: [
                    .init(place: text("Paris", "Paris"), role: text("Headquarters", "Siège"))
                ],
                policies: [
                    .init(
                        title: text("Privacy policy", "Politique de confidentialité"),
                        url: "https://acme.example/privacy")
                ]),
            changes: .init(
                since: "2026-05-01T12:00:00Z",
                programs: [
                    .init(
                        id: "soc2", title: text("SOC 2 Type II", "SOC 2 Type II"), from: 60.0,
                        to: 72.5)
                ],
                controlsAdded: [.init(id: "ENC-3", title: text("Keys", "Clés"))],
                controlsRemoved: [.init(id: "OLD-1", title: ["en": "Retired"])],
                evidenceRenewed: 3, evidenceExpired: 1),
            signingKey: .init(algorithm: "ed25519", fingerprint: String(repeating: "ab", count: 32))
        )
    }

    /// Every optional field nil, every list empty.
    static var empty: Center {
        Center(
            formatVersion: 1, generatedAt: "2026-06-01T00:00:00Z", buildID: "b",
            toolVersion: "0.9.0",
            locales: ["en"], organisation: .init(name: "Org"), programs: [], frameworks: [],
            sections: [],
            integrations: [], subprocessors: [])
    }
}

// swift-tools-version: 6.1
// The module graph is checked by .ci/check-module-edges.py against docs/architecture.md.
import PackageDescription

let package = Package(
    name: "attest",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "attest", targets: ["attest"]),
        .library(name: "AttestCLI", targets: ["AttestCLI"]),
        // Libraries for embedding and for the benchmarks package in Benchmarks/.
        .library(name: "AttestCore", targets: ["AttestCore"]),
        .library(name: "AttestCatalog", targets: ["AttestCatalog"]),
        .library(name: "AttestEvidence", targets: ["AttestEvidence"]),
        .library(name: "AttestStore", targets: ["AttestStore"]),
        .library(name: "AttestStorePostgres", targets: ["AttestStorePostgres"]),
        .library(name: "AttestRender", targets: ["AttestRender"]),
        .library(name: "AttestBundle", targets: ["AttestBundle"]),
        .library(name: "AttestOSCAL", targets: ["AttestOSCAL"]),
    ],
    // `swift build --disable-default-traits` builds the executable with the C library's
    // allocator and its heap checks instead of mimalloc (docs/security.md, "The allocator").
    traits: [
        .trait(
            name: "Mimalloc",
            description: "Link mimalloc as the attest executable's allocator (Linux)."),
        .default(enabledTraits: ["Mimalloc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // The PostgreSQL store only (AttestStorePostgres), for teams outgrowing one SQLite file.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // The trust portal (`attest serve`): the HTTP server, graceful shutdown, structured logs.
        // Hummingbird's default traits pull in swift-configuration, which the portal does not
        // use.
        .package(
            url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1",
            traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // System libraries (Debian: libyaml-dev, libxml2-dev, libssl-dev; SQLite comes through
        // GRDB).
        .systemLibrary(
            name: "CLibYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),

        // mimalloc, linked into the `attest` executable only (the default trait `Mimalloc`):
        // its malloc replaces the C library's for the whole process (docs/architecture.md,
        // "The allocator").
        .systemLibrary(
            name: "CMimalloc", providers: [.apt(["libmimalloc-dev"]), .brew(["mimalloc"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        // One bounded TLS handshake with the system OpenSSL, for the tls collector: plain C
        // structs in its header, so Swift never touches OpenSSL's macros.
        .target(name: "CAttestTLS", dependencies: ["COpenSSL"]),

        // System calls Foundation lacks: an opening that refuses every link (System), an atomic
        // exchange of two folders (Render); the process measures of the executable (CLI):
        // environment sealing, signal handling.
        .target(name: "CAttestSystem"),

        // Built-in data: the top-level folders are the single source of truth, bundled here.
        .target(
            name: "AttestControls", path: "controls",
            // The demo workspace's own files, not bundled data.
            exclude: ["library", "exceptions.yaml", "applicability.yaml"],
            sources: ["BuiltinCatalogs.swift"],
            resources: [.copy("frameworks"), .copy("mappings"), .copy("recipes"), .copy("starter")]),

        .target(
            name: "AttestTemplates", path: "templates", sources: ["BuiltinTemplates.swift"],
            resources: [
                .copy("site"), .copy("reports"), .copy("xml"), .copy("locales"), .copy("init"),
                .copy("portal"),
            ]),

        .target(name: "AttestCore"),
        // The one confinement function for workspace reads, and helpers several modules share.
        .target(name: "AttestSystem", dependencies: ["CAttestSystem"]),
        .target(
            name: "AttestCatalog",
            dependencies: [
                "AttestCore", "AttestSystem", "CLibYAML", "CLibXML2", "AttestControls",
            ]),
        .target(
            name: "AttestEvidence",
            dependencies: [
                "AttestCore", "AttestSystem", "CLibXML2", "CAttestTLS",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "AttestStore",
            dependencies: [
                "AttestCore", .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API on GRDB's statements, for the run's rows (RowWriter).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        // The store on a PostgreSQL server: its own target, so postgres-nio and SwiftNIO stay
        // out of every other module.
        .target(
            name: "AttestStorePostgres",
            dependencies: [
                "AttestStore", "AttestCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .target(
            name: "AttestRender",
            dependencies: [
                "AttestCore", "AttestSystem", "AttestTemplates", "CLibXML2", "CAttestSystem",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .target(
            name: "AttestBundle",
            dependencies: [
                "AttestCore", "AttestSystem", "AttestRender",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // OSCAL exports (assessment results, component definitions, SSPs, catalogs, mappings);
        // OSCAL import is part of loading a workspace (AttestCatalog).
        .target(
            name: "AttestOSCAL",
            dependencies: [
                "AttestCore", "AttestSystem", "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The served trust portal: the built site, the access-request flow, grant links, mail.
        // It knows nothing of the store or the bundle maker: the CLI hands it an `AccessDesk`.
        .target(
            name: "AttestPortal",
            dependencies: [
                "AttestCore", "AttestSystem", "AttestTemplates",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "AttestCLI",
            dependencies: [
                "AttestCore", "AttestSystem", "AttestCatalog", "AttestEvidence", "AttestStore",
                "AttestStorePostgres", "AttestRender", "AttestBundle", "AttestOSCAL",
                "AttestTemplates", "CAttestSystem", "AttestPortal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .executableTarget(
            name: "attest",
            dependencies: [
                "AttestCLI",
                .target(
                    name: "CMimalloc", condition: .when(platforms: [.linux], traits: ["Mimalloc"])),
            ]),

        // Tests mirror the targets; AttestTestSupport is in no product.
        .target(
            name: "AttestTestSupport", dependencies: ["AttestCore", "AttestCatalog"],
            path: "Tests/AttestTestSupport"),
        .testTarget(name: "AttestCoreTests", dependencies: ["AttestCore", "AttestTestSupport"]),
        .testTarget(
            name: "AttestSystemTests", dependencies: ["AttestSystem", "AttestTestSupport"]),
        .testTarget(
            name: "AttestCatalogTests",
            dependencies: ["AttestCatalog", "AttestCore", "AttestTestSupport"]),
        .testTarget(
            name: "AttestEvidenceTests",
            dependencies: ["AttestEvidence", "AttestCatalog", "AttestCore", "AttestTestSupport"]),
        .testTarget(
            name: "AttestStoreTests",
            dependencies: [
                "AttestStore", "AttestStorePostgres", "AttestCore", "AttestTestSupport",
                "attest-store-crash-helper",
            ]),
        // Writes a run and waits to be killed mid-transaction (see AttestStoreTests).
        .executableTarget(
            name: "attest-store-crash-helper", dependencies: ["AttestStore", "AttestCore"],
            path: "Tests/AttestStoreCrashHelper"),
        .testTarget(
            name: "AttestRenderTests",
            dependencies: [
                "AttestRender", "AttestCatalog", "AttestCore", "AttestTestSupport",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .testTarget(
            name: "AttestBundleTests",
            dependencies: [
                "AttestBundle", "AttestRender", "AttestCore", "AttestTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(
            name: "AttestCLITests",
            dependencies: [
                "AttestCLI", "AttestCore", "AttestCatalog", "AttestStore", "AttestTestSupport",
                "AttestBundle",
                // The OSCAL exports are checked with the trust center's XSD validator.
                "AttestRender",
                // The portal's desk (PortalDeskTests) and the bundles it signs.
                "AttestPortal",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(
            name: "AttestOSCALTests",
            dependencies: ["AttestOSCAL", "AttestCatalog", "AttestCore", "AttestTestSupport"]),
        .testTarget(
            name: "AttestEndToEndTests", dependencies: ["AttestCore", "AttestTestSupport"]),
        .testTarget(
            name: "AttestPortalTests",
            dependencies: [
                // The tests speak HTTP and SMTP over real sockets themselves, so
                // HummingbirdTesting (and the HTTP client it brings) is not needed.
                "AttestPortal", "AttestTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The bundled recipes run through their collectors against local services: moto's
        // AWS emulator with the real aws CLI, and a server replaying written API answers.
        .testTarget(
            name: "AttestRecipeTests",
            dependencies: ["AttestCatalog", "AttestEvidence", "AttestCore", "AttestTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

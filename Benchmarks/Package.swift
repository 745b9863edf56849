// swift-tools-version: 6.1
// Benchmarks for Attest, kept out of the main package so `swift build` at the root stays light.
// Run from this folder: `swift package benchmark` (docs/benchmarks.md).
import PackageDescription

let package = Package(
    name: "AttestBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "attest", path: ".."),
        // Ed25519 keys of generated attestations, and the SHA-256 floor of PipelineBench; the
        // same version the main package pins.
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // 1.38.1 resolves here only with this trait list (STACK.md).
        .package(
            url: "https://github.com/ordo-one/benchmark", exact: "1.38.1",
            traits: ["MallocInterposer"]),
    ],
    targets: [
        // The system libyaml, for the raw event-loop baseline (not the main package's CLibYAML).
        .systemLibrary(
            name: "CLibYAMLBench", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),

        // The system libsqlite3 (the one GRDB links), for the raw C-API baseline of the store write.
        .systemLibrary(
            name: "CSQLiteBench", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),

        // glibc heap statistics (in use, trim) for the memory figures.
        // DWARF 4: valgrind 3.19 (Debian 12) cannot read clang's default DWARF 5.
        .target(name: "CMallocStats", cSettings: [.unsafeFlags(["-gdwarf-4"])]),

        // Writes large, deterministic workspaces to disk.
        .target(
            name: "WorkspaceGenerator",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]),

        // The raw libyaml event loop (the load floor), alone so PipelineBench builds without
        // the attest libraries.
        .target(name: "RawYAMLFloor", dependencies: ["CLibYAMLBench"]),

        // What the benchmarks measure: load + graph, and the raw libyaml loop over the same files.
        .target(
            name: "LoadWorkloads",
            dependencies: [
                "WorkspaceGenerator", "RawYAMLFloor", "CMallocStats",
                .product(name: "AttestCore", package: "attest"),
                .product(name: "AttestCatalog", package: "attest"),
            ]),

        // What the scoring and store benchmarks measure: Scores + node scores over synthesized
        // results, SQLiteStore.record, and the raw SQLite C-API loop writing the same rows.
        .target(
            name: "ScoreStoreWorkloads",
            dependencies: [
                "WorkspaceGenerator", "LoadWorkloads", "CSQLiteBench",
                .product(name: "AttestCore", package: "attest"),
                .product(name: "AttestCatalog", package: "attest"),
                .product(name: "AttestStore", package: "attest"),
            ]),

        // The period view's workload: a history of daily runs written to a temporary store, and
        // the raw SQLite C-API scan of the same rows.
        .target(
            name: "PeriodWorkloads",
            dependencies: [
                "CSQLiteBench",
                .product(name: "AttestCore", package: "attest"),
                .product(name: "AttestCatalog", package: "attest"),
                .product(name: "AttestStore", package: "attest"),
            ]),

        // package-benchmark suite: the plugin discovers targets under Benchmarks/.
        .executableTarget(
            name: "LoadBenchmarks",
            dependencies: [
                "LoadWorkloads", "WorkspaceGenerator",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/LoadBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),

        .executableTarget(
            name: "ScoreStoreBenchmarks",
            dependencies: [
                "ScoreStoreWorkloads", .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ScoreStoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),

        // A plain report for humans: `swift run -c release LoadReport`.
        .executableTarget(
            name: "LoadReport", dependencies: ["LoadWorkloads", "WorkspaceGenerator"]),
        // `swift run -c release ScoreStoreReport`.
        .executableTarget(
            name: "ScoreStoreReport",
            dependencies: ["ScoreStoreWorkloads", "LoadWorkloads"]),

        // `swift run -c release PipelineBench`: the release `attest` binary's validate and build
        // of a generated workspace with evidence files, each phase beside its raw floor.
        .executableTarget(
            name: "PipelineBench",
            dependencies: [
                "WorkspaceGenerator", "RawYAMLFloor", "CSQLiteBench",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // `swift run -c release PeriodBench`: a year of daily runs judged, against the raw scan.
        .executableTarget(name: "PeriodBench", dependencies: ["PeriodWorkloads"]),
        // `swift run -c release DemoHistory --store PATH`: history for the demo (docs/audit.md).
        .executableTarget(name: "DemoHistory", dependencies: ["PeriodWorkloads"]),

        .testTarget(
            name: "ScoreStoreWorkloadsTests",
            dependencies: [
                "ScoreStoreWorkloads", .product(name: "AttestCore", package: "attest"),
                .product(name: "AttestStore", package: "attest"),
            ]),
        .testTarget(
            name: "WorkspaceGeneratorTests",
            dependencies: [
                "WorkspaceGenerator", "LoadWorkloads",
                .product(name: "AttestCore", package: "attest"),
                .product(name: "AttestCatalog", package: "attest"),
                .product(name: "AttestCLI", package: "attest"),
                .product(name: "AttestStore", package: "attest"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
// Benchmarks for Attest, kept out of the main package so `swift build` at the root stays light.
// Run from this folder: `swift package benchmark` (docs/benchmarks.md).
import PackageDescription

let package = Package(
    name: "AttestBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "attest", path: ".."),
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

        // glibc heap statistics (in use, trim) for the memory figures.
        // DWARF 4: valgrind 3.19 (Debian 12) cannot read clang's default DWARF 5.
        .target(name: "CMallocStats", cSettings: [.unsafeFlags(["-gdwarf-4"])]),

        // Writes large, deterministic workspaces to disk.
        .target(name: "WorkspaceGenerator"),

        // What the benchmarks measure: load + graph, and the raw libyaml loop over the same files.
        .target(
            name: "LoadWorkloads",
            dependencies: [
                "WorkspaceGenerator", "CLibYAMLBench", "CMallocStats",
                .product(name: "AttestCore", package: "attest"),
                .product(name: "AttestCatalog", package: "attest"),
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

        // A plain report for humans: `swift run -c release LoadReport`.
        .executableTarget(
            name: "LoadReport", dependencies: ["LoadWorkloads", "WorkspaceGenerator"]),

        .testTarget(
            name: "WorkspaceGeneratorTests",
            dependencies: [
                "WorkspaceGenerator", "LoadWorkloads",
                .product(name: "AttestCore", package: "attest"),
                .product(name: "AttestCatalog", package: "attest"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)

import AttestCatalog
import AttestCore
import AttestEvidence
import AttestTestSupport
import Foundation
import Testing

/// Runs a recipe the way `attest collect` does: written in a control file of a scratch
/// workspace, expanded by the loader, judged by its collector, with the environment a CI job
/// would give (passed to the collectors, not set in the test process).
struct RecipeHarness {
    let workspace: TemporaryWorkspace
    /// The collectors' environment: what the runner's process environment would hold.
    var environment: [String: String]

    init(environment: [String: String] = [:]) throws {
        workspace = try TemporaryWorkspace()
        self.environment = environment
        self.environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        self.environment["HOME"] = workspace.root.path
    }

    /// The evidence item `recipe` expands to with the parameters `with` (a YAML flow mapping).
    func spec(_ recipe: String, with parameters: String = "{}") throws -> EvidenceSpec {
        try workspace.write(
            "attest.yaml",
            """
            schema: 1
            organisation: { name: Recipe Tests }
            frameworks: [demo]
            include: [controls/*.yaml]
            """)
        try workspace.write(
            "controls/frameworks/demo.yaml",
            """
            schema: 1
            framework: { id: demo, name: Demo, kind: standard, issuer: Attest tests }
            requirements:
              - { id: D1, title: Domain one }
            """)
        try workspace.write(
            "controls/live.yaml",
            """
            schema: 1
            controls:
              - id: LIVE-1
                title: Live check
                satisfies: { demo: [D1] }
                evidence:
                  - id: live
                    recipe: \(recipe)
                    with: \(parameters)
            """)
        let validation = try WorkspaceLoader(builtinCatalogs: nil).validate(at: workspace.root)
        let problems = validation.loaded.diagnostics.filter { $0.severity == .error }
        try #require(problems.isEmpty, "\(problems)")
        let spec = try #require(validation.loaded.workspace.controls.first?.evidence.first)
        // The expansion is an item its collector accepts as it is.
        let registry = CollectorRegistry(collectors: collectors)
        try #require(registry.validate([spec]).isEmpty, "\(registry.validate([spec]))")
        return spec
    }

    var collectors: [any Collector] {
        [CommandCollector(environment: environment), HTTPCollector(environment: environment)]
    }

    /// Expands `recipe` and collects it once.
    func run(_ recipe: String, with parameters: String = "{}") async throws -> EvidenceResult {
        let spec = try spec(recipe, with: parameters)
        let collector = try #require(collectors.first { $0.kind == spec.collector })
        let context = CollectionContext(
            workspaceRoot: workspace.root, now: Date(), timeout: .seconds(120))
        return await collector.collect(spec, context: context)
    }
}

/// The real `aws` CLI pointed at a local moto server with dummy credentials, for creating the
/// resources a recipe then judges.
struct AWSEmulator {
    let server: LocalServer
    let harness: RecipeHarness

    static func start() async throws -> AWSEmulator {
        let server = try await LocalServer.moto()
        let harness = try RecipeHarness(environment: [
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": server.baseURL,
            // No profile of the machine's user may leak into the test.
            "AWS_CONFIG_FILE": "/nonexistent/attest-tests/aws-config",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/attest-tests/aws-credentials",
        ])
        return AWSEmulator(server: server, harness: harness)
    }

    struct CommandFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `aws arguments…` against the emulator; its JSON output when it printed some.
    @discardableResult
    func aws(_ arguments: String...) throws -> [String: Any] {
        let process = Process()
        process.executableURL = LocalService.path(of: "aws")
        process.arguments = arguments + ["--output", "json"]
        process.environment = harness.environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(
                description: "aws \(arguments.joined(separator: " ")): "
                    + String(decoding: problem, as: UTF8.self))
        }
        guard !data.isEmpty else { return [:] }
        return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    func stop() { server.stop() }
}

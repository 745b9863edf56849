import AttestCatalog
import AttestCore
import Foundation
import LoadWorkloads
import WorkspaceGenerator

/// What the scoring and store benchmarks work on: the control graph of a generated workspace
/// and one synthesized evidence result per evidence spec. Built once per process (setup).
public struct ScoringFixture: Sendable {
    public var configuration: GeneratorConfiguration
    public var graph: ControlGraph
    /// One result per evidence spec, in control then evidence order (as a run collects them).
    public var results: [EvidenceResult]
    /// `results` keyed by evidence id, as `attest collect` hands them to `Scores`.
    public var resultsByID: [EvidenceID: EvidenceResult]
    /// The run's clock: 2026-11-27T12:00:00Z.
    public var now: Date
    /// The manifest's `freshness.expiring_within` (30 days in the generated workspace).
    public var expiringWithin: TimeSpan
    /// Seconds spent generating the workspace and loading its graph (not measured).
    public var generationSeconds: Double
    public var loadSeconds: Double
    public var yamlBytes: Int

    /// 2026-11-27T12:00:00Z, so the synthesized dates (and the stored text) never change.
    public static let fixedNow = Date(timeIntervalSince1970: 1_795_780_800)

    /// Generates the workspace in a temporary folder, loads it (refusing one with an error but
    /// a conflicting mapping relation),
    /// keeps its graph, removes the folder and synthesizes the results.
    public static func prepare(
        _ configuration: GeneratorConfiguration = .scoring, seed: UInt64 = 0x5C0_4E5
    ) throws -> ScoringFixture {
        let clock = ContinuousClock()
        var start = clock.now
        let workspace = try WorkspaceGenerator(configuration).writeTemporary()
        defer { try? workspace.remove() }
        let generation = seconds(clock.now - start)
        start = clock.now
        let validation = try Workloads.loadAndGraph(at: workspace.root)
        // The generator's random mappings can relate one pair of requirements twice, in two ways
        // (`mapping.conflicting-relation`); the graph keeps both edges and scores as usual, so
        // that error alone does not spoil the workload.
        let errors = validation.diagnostics(verbose: false).filter {
            $0.severity == .error && $0.code.rawValue != "mapping.conflicting-relation"
        }
        guard errors.isEmpty else {
            throw FixtureError(
                description: "generated workspace has \(errors.count) error(s): "
                    + errors.prefix(5).map { "\($0.code.rawValue): \($0.message)" }
                    .joined(separator: "; "))
        }
        let load = seconds(clock.now - start)
        let graph = validation.graph
        let now = fixedNow
        let results = ResultSynthesizer(seed: seed, now: now).results(for: graph)
        return ScoringFixture(
            configuration: configuration, graph: graph, results: results,
            resultsByID: Dictionary(uniqueKeysWithValues: results.map { ($0.evidence, $0) }),
            now: now, expiringWithin: graph.manifest.expiringWithin, generationSeconds: generation,
            loadSeconds: load, yamlBytes: workspace.totalBytes)
    }

    /// Counts by status name, and how many results count but expire within the window.
    public var statusCounts: (byStatus: [String: Int], expiring: Int) {
        let horizon = now.addingTimeInterval(TimeInterval(expiringWithin.seconds))
        var counts: [String: Int] = [:]
        var expiring = 0
        for result in results {
            counts[result.status.name, default: 0] += 1
            if result.status.score > 0, let expires = result.expiresAt, expires > now,
                expires <= horizon
            {
                expiring += 1
            }
        }
        return (counts, expiring)
    }
}

/// The generated workspace did not validate: a bug in the generator (or in the loader).
public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
}

/// `duration` in seconds.
public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

import AttestCatalog
import AttestCore
import Foundation
import LoadWorkloads
import Testing
import WorkspaceGenerator

@Suite struct WorkspaceGeneratorTests {
    @Test func smallWorkspaceValidatesWithNoError() throws {
        let workspace = try WorkspaceGenerator(.small).writeTemporary()
        defer { try? workspace.remove() }
        let validation = try WorkspaceLoader(builtinCatalogs: nil).validate(at: workspace.root)
        let errors = validation.diagnostics(verbose: false).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        #expect(validation.isValid)
    }

    /// A tenth of the benchmark workload: the same tree shape (1,000 requirements a framework).
    @Test func scaledDefaultWorkspaceValidatesWithNoError() throws {
        let workspace = try WorkspaceGenerator(.scaled(0.1)).writeTemporary()
        defer { try? workspace.remove() }
        try Workloads.check(workspace)
        #expect(workspace.requirements == 5 * 1_000)
        #expect(workspace.evidence == 1_000 * 3)
    }

    @Test func countsMatchTheConfiguration() throws {
        let configuration = GeneratorConfiguration.small
        let workspace = try WorkspaceGenerator(configuration).writeTemporary()
        defer { try? workspace.remove() }
        let graph = try WorkspaceLoader(builtinCatalogs: nil).validate(at: workspace.root).graph
        #expect(graph.frameworkIDs.count == configuration.frameworks)
        #expect(
            graph.nodes.count == configuration.frameworks * configuration.requirementsPerFramework)
        #expect(graph.controls.count == configuration.controls)
        #expect(graph.evidence.count == configuration.controls * configuration.evidencePerControl)
        #expect(
            graph.mappings.count == configuration.mappingFiles * configuration.relationsPerMapping)
        #expect(
            workspace.files.count == configuration.frameworks + configuration.mappingFiles
                + configuration.controlFiles + 1)
    }

    @Test func requirementTreesAreTwoOrThreeDeep() throws {
        let workspace = try WorkspaceGenerator(.small).writeTemporary()
        defer { try? workspace.remove() }
        let graph = try WorkspaceLoader(builtinCatalogs: nil).validate(at: workspace.root).graph
        let depths = Set(graph.nodes.values.map(\.depth))
        #expect(depths == [0, 1, 2])
        for node in graph.nodes.values where node.depth == 0 {
            #expect(!node.children.isEmpty, "\(node.key) is a top-level leaf")
        }
    }

    @Test func sameSeedWritesIdenticalFiles() throws {
        let first = try WorkspaceGenerator(.small).writeTemporary()
        let second = try WorkspaceGenerator(.small).writeTemporary()
        defer {
            try? first.remove()
            try? second.remove()
        }
        #expect(first.files == second.files)
        #expect(first.totalBytes == second.totalBytes)
        for path in first.files {
            let a = try Data(contentsOf: first.root.appendingPathComponent(path))
            let b = try Data(contentsOf: second.root.appendingPathComponent(path))
            #expect(a == b, "\(path) differs")
        }
    }

    @Test func anotherSeedWritesOtherFiles() throws {
        var configuration = GeneratorConfiguration.small
        configuration.seed += 1
        let first = try WorkspaceGenerator(.small).writeTemporary()
        let second = try WorkspaceGenerator(configuration).writeTemporary()
        defer {
            try? first.remove()
            try? second.remove()
        }
        let path = "controls/library/lib-001.yaml"
        #expect(
            try Data(contentsOf: first.root.appendingPathComponent(path))
                != Data(contentsOf: second.root.appendingPathComponent(path)))
    }

    @Test func rawBaselineReadsEveryFile() throws {
        let workspace = try WorkspaceGenerator(.small).writeTemporary()
        defer { try? workspace.remove() }
        for url in workspace.fileURLs {
            #expect(RawYAMLEvents.parse(fileAt: url) ?? 0 > 4, "\(url.lastPathComponent)")
        }
        #expect(
            Workloads.rawEvents(workspace.fileURLs)
                == Workloads.rawEventsConcurrently(workspace.fileURLs))
    }
}

import AttestCatalog
import AttestCore
import Foundation
// RawYAMLEvents moved to its own target; users of LoadWorkloads keep seeing it here.
@_exported import RawYAMLFloor
import WorkspaceGenerator

/// The measured operations, shared by the benchmark suite and `LoadReport`.
public enum Workloads {
    /// What `attest validate` does before printing: load the workspace (parse, decode, follow
    /// includes) and build the control graph. No bundled catalogs, so only generated files count.
    public static func loadAndGraph(at root: URL) throws(WorkspaceError) -> Validation {
        try WorkspaceLoader(builtinCatalogs: nil).validate(at: root)
    }

    /// The raw libyaml loop over `files`, one after the other.
    ///
    /// - Returns: the total number of events (nil entries, unreadable files, count as zero).
    public static func rawEvents(_ files: [URL]) -> Int {
        files.reduce(0) { $0 + (RawYAMLEvents.parse(fileAt: $1) ?? 0) }
    }

    /// The raw libyaml loop over `files` spread over the cores with `concurrentPerform`, as the
    /// loader spreads its parses.
    public static func rawEventsConcurrently(_ files: [URL]) -> Int {
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: files.count)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        nonisolated(unsafe) let shared = counts
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            shared[index] = RawYAMLEvents.parse(fileAt: files[index]) ?? 0
        }
        return counts.reduce(0, +)
    }

    /// Generates the workspace and checks that it loads with no error, so a benchmark never
    /// measures a broken workload.
    ///
    /// - Throws: `PreparationError` listing the first errors, or a file-system error.
    public static func prepare(
        _ configuration: GeneratorConfiguration = .default
    ) throws
        -> GeneratedWorkspace
    {
        let workspace = try WorkspaceGenerator(configuration).writeTemporary()
        try check(workspace)
        return workspace
    }

    /// Validates `workspace` and throws when any diagnostic is an error.
    public static func check(_ workspace: GeneratedWorkspace) throws {
        let validation = try loadAndGraph(at: workspace.root)
        let errors = validation.diagnostics(verbose: false).filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw PreparationError(root: workspace.root, errors: errors)
        }
    }
}

/// The generated workspace did not validate: a bug in the generator (or in the loader).
public struct PreparationError: Error, CustomStringConvertible {
    public var root: URL
    public var errors: [Diagnostic]

    public var description: String {
        let shown = errors.prefix(10).map {
            "\($0.position?.description ?? "-"): \($0.code.rawValue): \($0.message)"
        }
        return "generated workspace at \(root.path) has \(errors.count) error(s):\n"
            + shown.joined(separator: "\n")
    }
}

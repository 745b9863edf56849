import AttestCatalog
import AttestCore
import Foundation

/// Paths of the repository and its test fixtures, found from this file's location so tests run
/// from any working directory.
public enum Fixtures {
    /// The package root (the demo workspace).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures`.
    public static let root = packageRoot.appendingPathComponent("Tests/Fixtures")

    /// A fixture workspace such as `valid/minimal` or `invalid/duplicate-control-id`.
    public static func workspace(_ name: String) -> URL {
        root.appendingPathComponent("workspaces").appendingPathComponent(name)
    }

    /// Names of the sub-folders of `workspaces/<group>`, sorted.
    public static func workspaceNames(in group: String) -> [String] {
        let folder = root.appendingPathComponent("workspaces").appendingPathComponent(group)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Loads a fixture workspace without the bundled catalogs (fixtures bring their own), with
    /// the limits of its optional `limits.json`.
    public static func validate(_ name: String) throws -> Validation {
        let url = workspace(name)
        var limits = YAMLLimits.default
        if let data = FileManager.default.contents(
            atPath: url.appendingPathComponent("limits.json").path)
        {
            let overrides = try JSONDecoder().decode([String: Int].self, from: data)
            limits.maxFileBytes = overrides["maxFileBytes"] ?? limits.maxFileBytes
            limits.maxDepth = overrides["maxDepth"] ?? limits.maxDepth
            limits.maxAliasExpansion = overrides["maxAliasExpansion"] ?? limits.maxAliasExpansion
        }
        return try WorkspaceLoader(limits: limits, builtinCatalogs: nil).validate(at: url)
    }
}

/// A diagnostic reduced to what fixtures assert: severity, code, position, and note positions.
///
/// Written in `expected.txt` as `error graph.duplicate-control file:line:col`, with each note on
/// the next line as `  note file:line:col`.
public struct ExpectedDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public var line: String
    public var notes: [String]

    public init(line: String, notes: [String]) {
        self.line = line
        self.notes = notes
    }

    public init(_ diagnostic: Diagnostic) {
        line =
            "\(diagnostic.severity.rawValue) \(diagnostic.code) \(diagnostic.position.map(\.description) ?? "-")"
        notes = diagnostic.notes.compactMap { note in note.position.map { "note \($0)" } }
    }

    public var description: String { ([line] + notes.map { "  " + $0 }).joined(separator: "\n") }

    /// Parses an `expected.txt`.
    public static func parse(_ text: String) -> [ExpectedDiagnostic] {
        var result: [ExpectedDiagnostic] = []
        for raw in text.split(separator: "\n")
        where !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            if raw.hasPrefix("  "), !result.isEmpty {
                result[result.count - 1].notes.append(raw.trimmingCharacters(in: .whitespaces))
            } else {
                result.append(ExpectedDiagnostic(line: String(raw), notes: []))
            }
        }
        return result
    }
}

import AttestControls
import AttestCore
import Foundation

/// A workspace read from disk: the model, the findings made while reading it, and where each
/// file came from (for printing source lines under diagnostics).
public struct LoadedWorkspace: Sendable {
    public var workspace: Workspace
    public var diagnostics: [Diagnostic]
    /// Display path (as used in positions) → file on disk.
    public var sources: [String: URL]
}

/// Loads a workspace: `attest.yaml`, the files it includes, and the framework catalogs and
/// mappings (bundled, overridden by the workspace's own by relative path).
public struct WorkspaceLoader: Sendable {
    public var limits: YAMLLimits
    /// Folder holding the bundled `frameworks/` and `mappings/`; nil to use none.
    public var builtinCatalogs: URL?

    public static let manifestName = "attest.yaml"
    static let frameworksFolder = "controls/frameworks"
    static let mappingsFolder = "controls/mappings"
    static let builtinPrefix = "builtin:"

    public init(
        limits: YAMLLimits = .default, builtinCatalogs: URL? = WorkspaceLoader.bundledCatalogs
    ) {
        self.limits = limits
        self.builtinCatalogs = builtinCatalogs
    }

    /// The folder of the catalogs bundled into the binary.
    public static var bundledCatalogs: URL? {
        BuiltinCatalogs.frameworksURL?.deletingLastPathComponent()
    }

    /// Reads the workspace at `root`.
    ///
    /// - Throws: `WorkspaceError` when `root` is not a folder or has no `attest.yaml`.
    public func load(at root: URL) throws(WorkspaceError) -> LoadedWorkspace {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { throw WorkspaceError(code: .notADirectory, path: root.path) }
        let manifestURL = root.appendingPathComponent(Self.manifestName)
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            throw WorkspaceError(code: .manifestMissing, path: root.path)
        }
        var session = LoadSession(root: root, limits: limits)
        session.run(
            catalogFiles: catalogFiles(root: root),
            manifest: SourceFile(display: Self.manifestName, url: manifestURL))
        return session.result()
    }

    /// Catalog and mapping files: bundled ones, replaced by the workspace's own with the same
    /// relative path.
    func catalogFiles(root: URL?) -> [SourceFile] {
        var byRelative: [String: SourceFile] = [:]
        if let builtin = builtinCatalogs {
            for folder in ["frameworks", "mappings"] {
                for name in yamlFiles(in: builtin.appendingPathComponent(folder)) {
                    let relative = "controls/\(folder)/\(name)"
                    byRelative[relative] = SourceFile(
                        display: Self.builtinPrefix + relative,
                        url: builtin.appendingPathComponent(folder).appendingPathComponent(name))
                }
            }
        }
        for folder in [Self.frameworksFolder, Self.mappingsFolder] {
            guard let root else { break }
            for name in yamlFiles(in: root.appendingPathComponent(folder)) {
                let relative = "\(folder)/\(name)"
                byRelative[relative] = SourceFile(
                    display: relative, url: root.appendingPathComponent(relative))
            }
        }
        return byRelative.keys.sorted().compactMap { byRelative[$0] }
    }

    private func yamlFiles(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }
}

/// A file to read, with the path diagnostics show for it.
struct SourceFile: Hashable, Sendable {
    var display: String
    var url: URL
}

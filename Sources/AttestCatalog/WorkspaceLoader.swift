import AttestControls
import AttestCore
import AttestSystem
import Foundation

/// A workspace read from disk: the model, the findings made while reading it, and where each
/// file came from (for printing source lines under diagnostics).
public struct LoadedWorkspace: Sendable {
    public var workspace: Workspace
    public var diagnostics: [Diagnostic]
    /// The workspace folder.
    public var root: URL
    var limits: YAMLLimits
    var files: [String: SourceFile]

    /// Display path (as used in positions) → file on disk.
    public var sources: [String: URL] { files.mapValues(\.url) }

    /// The display paths of every file read, sorted.
    public var sourcePaths: [String] { files.keys.sorted() }

    /// The bytes of a file that was read (by its display path), read again the same confined
    /// way; nil for a file that was not part of the load or can no longer be read.
    public func contents(ofSource display: String) -> Data? {
        guard let file = files[display],
            case .success(let bytes) = file.read(root: root, limits: limits)
        else { return nil }
        return Data(bytes)
    }
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
            manifest: .workspace(Self.manifestName, root: root))
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
                    byRelative[relative] = .bundled(
                        Self.builtinPrefix + relative,
                        url: builtin.appendingPathComponent(folder).appendingPathComponent(name))
                }
            }
        }
        for folder in [Self.frameworksFolder, Self.mappingsFolder] {
            guard let root else { break }
            for name in yamlFiles(in: root.appendingPathComponent(folder)) {
                let relative = "\(folder)/\(name)"
                byRelative[relative] = .workspace(relative, root: root)
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
    /// Set for a workspace file, which is read through the confinement function; nil for a
    /// catalog bundled with Attest, or a workspace path whose text is unsafe.
    var workspacePath: WorkspacePath?
    /// True only for a catalog bundled with Attest: where a file came from decides how it is
    /// read, never its display name (a workspace may name a file `builtin:x.yaml`).
    var isBundled = false

    /// A file of the workspace at `root`. A path whose text is unsafe keeps no `workspacePath`,
    /// so reading it reports `workspace.unsafe-path` instead of touching the disk.
    static func workspace(_ relative: String, root: URL) -> SourceFile {
        SourceFile(
            display: relative, url: root.appendingPathComponent(relative),
            workspacePath: try? WorkspacePath(relative))
    }

    /// A catalog bundled with Attest, read as is.
    static func bundled(_ display: String, url: URL) -> SourceFile {
        SourceFile(display: display, url: url, workspacePath: nil, isBundled: true)
    }

    /// The bytes of the file, at most `limits.maxFileBytes`.
    func read(root: URL, limits: YAMLLimits) -> Result<[UInt8], Diagnostic> {
        let position = SourcePosition.start(of: display)
        guard isBundled else {
            guard let workspacePath else {
                return .failure(
                    .error(.workspaceUnsafePath, "'\(display)' leaves the workspace", at: position))
            }
            do {
                let read = try WorkspaceRoot(root).read(workspacePath, limit: limits.maxFileBytes)
                return .success([UInt8](read.data))
            } catch {
                return .failure(Diagnostic(error, at: position, isYAML: true))
            }
        }
        // Bundled with Attest: trusted, read as is (the parser still applies the size limit).
        guard let handle = try? FileHandle(forReadingFrom: url),
            let data = try? handle.read(upToCount: limits.maxFileBytes + 1)
        else {
            return .failure(.error(.workspaceUnreadableFile, "cannot read this file", at: position))
        }
        try? handle.close()
        return .success([UInt8](data))
    }
}

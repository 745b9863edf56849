import AttestCore
import AttestSystem
import Foundation

/// What loading one OSCAL framework produced: the framework (nil when its file or an import
/// could not be used), the findings, and every file read (for showing source lines).
struct OSCALLoad: Sendable {
    var framework: Framework?
    var diagnostics: [Diagnostic]
    var files: [SourceFile]
}

/// Loads a framework from an OSCAL catalog or profile in the workspace, resolving a profile's
/// imports (profiles importing profiles too) from workspace files only.
///
/// Every file is read through the workspace's confinement function (`SourceFile.read`) with
/// the workspace's size limits; nothing is ever fetched over the network: an import whose
/// links are URLs is looked for by file name beside the profile, or mapped by `catalogs:`.
struct OSCALFrameworkLoader {
    /// Deepest chain of profiles importing profiles followed.
    static let maxImportDepth = 8

    let root: URL
    let limits: YAMLLimits
    private var diagnostics: [Diagnostic] = []
    private var files: [String: SourceFile] = [:]
    /// Documents read, by workspace path (a catalog imported twice is read once).
    private var documents: [String: OSCALDocument?] = [:]

    init(root: URL, limits: YAMLLimits) {
        self.root = root
        self.limits = limits
    }

    /// Loads the framework `source` describes.
    static func load(_ source: OSCALFrameworkSource, root: URL, limits: YAMLLimits) -> OSCALLoad {
        var loader = OSCALFrameworkLoader(root: root, limits: limits)
        let framework = loader.framework(source)
        return OSCALLoad(
            framework: framework, diagnostics: loader.diagnostics,
            files: loader.files.keys.sorted().compactMap { loader.files[$0] })
    }

    private mutating func framework(_ source: OSCALFrameworkSource) -> Framework? {
        guard let path = checked(source.path.text, at: source.path.position),
            let resolved = resolve(path, blame: source.path.position, source: source, stack: [])
        else { return nil }
        var provenance = OSCALProvenance(model: resolved.model, file: path)
        if resolved.model == "profile" {
            provenance.catalogs = resolved.catalogs
            provenance.catalogControls = resolved.catalogControls
        }
        var builder = OSCALFrameworkBuilder(source: source)
        let framework = builder.framework(from: resolved.catalog, provenance: provenance)
        diagnostics += builder.diagnostics
        return framework
    }

    /// A catalog, or a profile resolved into one, with the catalog files under it.
    private struct Resolved {
        var catalog: OSCALCatalog
        var model: String
        var catalogs: [String]
        var catalogControls: Int
    }

    private mutating func resolve(
        _ path: String, blame: SourcePosition, source: OSCALFrameworkSource, stack: [String]
    ) -> Resolved? {
        if stack.contains(path) {
            diagnostics.append(
                .error(
                    .oscalImportCycle,
                    "import cycle: " + (stack + [path]).joined(separator: " → "), at: blame))
            return nil
        }
        guard stack.count < Self.maxImportDepth else {
            diagnostics.append(
                .error(
                    .oscalImportCycle,
                    "profiles import profiles more than \(Self.maxImportDepth) deep", at: blame))
            return nil
        }
        guard let document = read(path, blame: blame) else { return nil }
        switch document {
        case let .catalog(catalog):
            return Resolved(
                catalog: catalog, model: "catalog", catalogs: [path],
                catalogControls: Self.controlCount(catalog.controls, catalog.groups))
        case let .profile(profile):
            var sources: [OSCALCatalog] = []
            var catalogs: [String] = []
            var controls = 0
            var failed = false
            for item in profile.imports {
                guard
                    let target = OSCALImportLocator(root: root, source: source)
                        .locate(item, in: profile, at: path, diagnostics: &diagnostics),
                    let imported = resolve(
                        target.path, blame: target.blame, source: source, stack: stack + [path])
                else {
                    failed = true
                    continue
                }
                sources.append(imported.catalog)
                let unseen = imported.catalogs.filter { !catalogs.contains($0) }
                if !unseen.isEmpty {
                    catalogs += unseen
                    controls += imported.catalogControls
                }
            }
            // A profile missing one of its sources would resolve to a different framework.
            guard !failed else { return nil }
            var resolver = OSCALProfileResolver(profile: profile)
            let catalog = resolver.resolve(sources: sources)
            diagnostics += resolver.diagnostics
            return Resolved(
                catalog: catalog, model: "profile", catalogs: catalogs, catalogControls: controls)
        }
    }

    /// Reads, parses and decodes the OSCAL file at the workspace path `path`, once.
    private mutating func read(_ path: String, blame: SourcePosition) -> OSCALDocument? {
        if let cached = documents[path] { return cached }
        let file = SourceFile.workspace(path, root: root)
        var document: OSCALDocument?
        switch file.read(root: root, limits: limits) {
        case let .failure(diagnostic):
            // The file itself cannot be shown: blame the place that names it.
            var moved = diagnostic
            moved.position = blame
            diagnostics.append(moved)
        case let .success(bytes):
            files[file.display] = file
            switch OSCALFile.parse(bytes, display: file.display, limits: limits) {
            case let .failure(diagnostic): diagnostics.append(diagnostic)
            case let .success(root):
                let (decoded, findings) = OSCALDocument.decode(root, file: file.display)
                diagnostics += findings
                document = decoded
            }
        }
        documents[path] = document
        return document
    }

    /// The normalised workspace path of `text`, or nil and a finding at `position`.
    private mutating func checked(_ text: String, at position: SourcePosition) -> String? {
        do {
            return try WorkspaceRoot.path(text).relative
        } catch {
            diagnostics.append(Diagnostic(error, at: position))
            return nil
        }
    }

    static func controlCount(_ controls: [OSCALControl], _ groups: [OSCALGroup]) -> Int {
        controls.reduce(0) { $0 + 1 + controlCount($1.controls, []) }
            + groups.reduce(0) { $0 + controlCount($1.controls, $1.groups) }
    }
}

import AttestCore
import Foundation

/// One OSCAL catalog or profile turned into a framework outside a workspace load, for
/// `attest import oscal`: the same reading, resolution and conversion as an `oscal:` item of
/// `attest.yaml`, with the files confined to `root` the same way.
public struct OSCALFrameworkImport: Sendable {
    /// The framework, or nil when the file or one of its imports could not be used.
    public var framework: Framework?
    /// Every finding, positioned in the OSCAL files (or at `command line` for the arguments).
    public var diagnostics: [Diagnostic]
    let root: URL
    let limits: YAMLLimits
    let files: [String: SourceFile]

    /// Reads `path` (relative to `root`) as framework `id`; `catalogs` maps a profile's import
    /// hrefs (or `#uuid`s) to files under `root`, as `catalogs:` does in `attest.yaml`.
    public init(
        path: String, id: FrameworkID, catalogs: [String: String] = [:], root: URL,
        limits: YAMLLimits = .default
    ) {
        let arguments = SourcePosition.start(of: "command line")
        var source = OSCALFrameworkSource(
            path: OSCALPositioned(text: path, position: arguments), id: id, position: arguments)
        for (href, file) in catalogs {
            source.catalogs[href] = OSCALPositioned(text: file, position: arguments)
        }
        let load = OSCALFrameworkLoader.load(source, root: root, limits: limits)
        framework = load.framework
        diagnostics = load.diagnostics.sorted()
        files = Dictionary(load.files.map { ($0.display, $0) }) { first, _ in first }
        self.root = root
        self.limits = limits
    }

    /// The bytes of a file that was read (by its display path), read again the same confined
    /// way, for quoting source lines under diagnostics.
    public func contents(ofSource display: String) -> Data? {
        guard let file = files[display],
            case .success(let bytes) = file.read(root: root, limits: limits)
        else { return nil }
        return Data(bytes)
    }
}

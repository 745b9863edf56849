import AttestCore
import Foundation

/// One file read, parsed and decoded, with its findings.
struct ParsedFile: Sendable {
    enum Document: Sendable {
        case manifest(Manifest, FragmentContents)
        case fragment(FragmentContents)
        case framework(Framework)
        case mappings([Mapping])
    }

    var document: Document?
    var diagnostics: [Diagnostic]
    var includes: [(pattern: String, position: SourcePosition)] {
        switch document {
        case let .manifest(_, fragment)?, let .fragment(fragment)?: fragment.includes
        default: []
        }
    }

    /// The frameworks the manifest reads from OSCAL files.
    var oscalFrameworks: [OSCALFrameworkSource] {
        if case let .manifest(_, fragment)? = document { return fragment.oscalFrameworks }
        return []
    }

    static let supportedSchema = 1

    /// Reads the file (a workspace file through the confinement function) and decodes it.
    static func read(
        _ file: SourceFile, root: URL, isManifest: Bool, limits: YAMLLimits
    ) -> ParsedFile {
        switch file.read(root: root, limits: limits) {
        case .success(let bytes):
            return decode(bytes, file: file.display, isManifest: isManifest, limits: limits)
        case .failure(let diagnostic):
            return failed(diagnostic)
        }
    }

    static func decode(
        _ bytes: [UInt8], file: String, isManifest: Bool, limits: YAMLLimits
    ) -> ParsedFile {
        let root: ConfigValue
        let (parsed, warnings) = YAMLParser(file: file, limits: limits).parseWithWarnings(bytes)
        switch parsed {
        case let .failure(diagnostic): return failed(diagnostic)
        case .success(nil):
            return failed(
                .error(
                    .schemaMissing, "empty file: start it with 'schema: 1'", at: .start(of: file)))
        case let .success(value?): root = value
        }
        guard let entries = root.mapping else {
            return failed(
                .error(
                    .schemaWrongType, "a workspace file is a mapping, found \(root.shapeName)",
                    at: root.position))
        }
        guard let schema = entries.first(where: { $0.key == "schema" }) else {
            return failed(
                .error(.schemaMissing, "this file has no 'schema: 1' key", at: root.position))
        }
        guard case .int(supportedSchema)? = schema.value.resolvedScalar else {
            return failed(
                .error(
                    .schemaUnsupported,
                    "schema \(schema.value.describedValue) is not supported; this version of Attest reads schema \(supportedSchema)",
                    at: schema.value.position))
        }
        var reader = ConfigReader()
        let keys = Set(entries.map(\.key))
        let document: Document?
        if keys.contains("framework") {
            document = reader.fields(
                root, "a framework catalog", allowed: ["schema", "framework", "requirements"]
            )
            .flatMap { reader.readFramework($0) }.map(Document.framework)
        } else if keys.contains("mappings"), !isManifest {
            // attest.yaml's own `mappings:` lists OSCAL mapping collections.
            document = reader.fields(root, "a mapping file", allowed: ["schema", "mappings"])
                .map { .mappings(reader.readMappings($0)) }
        } else if isManifest {
            document = reader.fields(root, "attest.yaml", allowed: ConfigReader.manifestKeys).map {
                var fragment = reader.readFragment($0)
                let manifest = reader.readManifest(
                    $0, position: root.position, oscal: &fragment.oscalFrameworks)
                return .manifest(manifest, fragment)
            }
        } else {
            document = reader.fields(root, "an included file", allowed: ConfigReader.fragmentKeys)
                .map { .fragment(reader.readFragment($0)) }
        }
        return ParsedFile(document: document, diagnostics: warnings + reader.diagnostics)
    }

    private static func failed(_ diagnostic: Diagnostic) -> ParsedFile {
        ParsedFile(document: nil, diagnostics: [diagnostic])
    }
}

import ArgumentParser
import AttestCatalog
import AttestCore
import Foundation

/// `attest import`: content from an exchange format into the workspace's own files.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert frameworks from an exchange format into Attest YAML.",
        subcommands: [ImportOSCALCommand.self])
}

/// `attest import oscal`: an OSCAL catalog or profile as an Attest framework catalog
/// (docs/oscal.md, docs/cli.md).
struct ImportOSCALCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oscal",
        abstract: "Convert an OSCAL catalog or profile into an Attest framework catalog (YAML).",
        discussion: """
            FILE is an OSCAL catalog or profile in JSON, XML or YAML, inside the workspace \
            folder (--workspace), like the catalogs a profile imports: they are read through \
            the same confinement as every workspace file. A profile is resolved first. The \
            YAML reads back to the same framework an `oscal:` item of attest.yaml gives. An \
            existing --out is replaced only if it is an earlier `attest import oscal` output \
            whose first line is unchanged.
            """)

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The OSCAL catalog or profile, relative to the workspace folder.")
    var file: String

    @Option(help: "The framework id to give it (e.g. nist-800-53-moderate).")
    var id: String

    @Option(
        name: .customLong("catalog"),
        help: "For a profile: HREF=PATH maps an import href (or #uuid) to a workspace file.")
    var catalogs: [String] = []

    @Option(help: "The YAML file to write, e.g. controls/frameworks/NAME.yaml.")
    var out: String

    /// The first line of every file this command writes: what marks it as replaceable.
    static let header = "# Written by `attest import oscal`"

    func validate() throws {
        _ = try Self.catalogMap(catalogs)
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
        else {
            throw ValidationError("--id takes letters, digits, '-', '_' and '.' only")
        }
    }

    func run() async throws {
        let console = Console.current
        let destination = URL(fileURLWithPath: out).standardizedFileURL
        try Self.refuseToReplace(destination)
        let imported = OSCALFrameworkImport(
            path: file, id: FrameworkID(id), catalogs: try Self.catalogMap(catalogs),
            root: options.rootURL)
        let printer = DiagnosticPrinter(source: imported.contents(ofSource:))
        for diagnostic in imported.diagnostics { console.err(printer.text(diagnostic)) }
        guard let framework = imported.framework,
            !imported.diagnostics.contains(where: { $0.severity == .error })
        else {
            console.err(printer.summary(imported.diagnostics))
            throw FindingsReported()
        }
        let model = framework.metadata["oscal.model"] ?? "catalog"
        let text =
            Self.header + " from \(file) (OSCAL \(model)); edit freely.\n"
            + "# It is replaced by a new import only while the first line is unchanged.\n"
            + FrameworkYAMLWriter.yaml(for: framework)
        try OSCALOutput.write(Array(text.utf8), to: destination)
        console.out(
            "\(framework.id): \(Self.count(framework.requirements)) requirements from \(file) → "
                + destination.path)
    }

    /// `HREF=PATH` arguments as a map; the href may itself hold `=` only before the last one.
    static func catalogMap(_ arguments: [String]) throws -> [String: String] {
        var map: [String: String] = [:]
        for argument in arguments {
            guard let equals = argument.lastIndex(of: "="),
                equals != argument.startIndex, argument.index(after: equals) != argument.endIndex
            else {
                throw ValidationError("--catalog takes HREF=PATH, got '\(argument)'")
            }
            map[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
        }
        return map
    }

    /// An existing file is replaced only when it is a regular file (not a link) that begins
    /// with this command's header.
    static func refuseToReplace(_ destination: URL) throws {
        try ReplaceableFile.check(
            destination, head: header.utf8.count,
            refusal: "\(destination.path) exists and was not written by `attest import oscal`; "
                + "remove it or choose another --out"
        ) { $0.elementsEqual(header.utf8) }
    }

    private static func count(_ requirements: [Requirement]) -> Int {
        requirements.reduce(0) { $0 + 1 + count($1.children) }
    }
}

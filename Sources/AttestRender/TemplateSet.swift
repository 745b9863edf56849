import AttestCore
import AttestSystem
import AttestTemplates
import Foundation

/// The templates a build uses: the workspace's `templates/<path>` when it exists, else the
/// bundled default with the same relative path.
///
/// Workspace templates, partials and locales are read through the workspace's confinement
/// function: a template that is a link out of the workspace (to `/proc/self/environ`, say) is
/// refused, never published and never replaced by the bundled default in silence.
public struct TemplateSet: Sendable {
    /// The workspace folder whose `templates/` overrides the bundle (nil for bundled only).
    public var workspaceRoot: URL?
    /// The bundled templates folder.
    public var bundledFolder: URL?

    /// Templates are text; a larger file is refused rather than read.
    public static let maxTemplateBytes = 4 * 1024 * 1024

    public init(workspaceRoot: URL?, bundledFolder: URL? = BuiltinTemplates.rootURL) {
        self.workspaceRoot = workspaceRoot
        self.bundledFolder = bundledFolder
    }

    /// The bundled schema of `trust-center.xml`. It is Attest's own contract, not a template,
    /// so a workspace cannot replace it.
    public static var schemaURL: URL? {
        BuiltinTemplates.rootURL?.appendingPathComponent("xml/trust-center.xsd")
    }

    /// The bytes of `relativePath` (such as `site/index.mustache`), workspace first.
    public func data(_ relativePath: String) throws(RenderError) -> Data {
        let path: WorkspacePath
        do { path = try WorkspacePath(relativePath) } catch {
            throw RenderError(
                code: .missingTemplate, detail: "template path '\(relativePath)': \(error)")
        }
        if let workspaceRoot {
            do {
                let file = try WorkspacePath("templates/" + path.relative)
                return try WorkspaceRoot(workspaceRoot).read(file, limit: Self.maxTemplateBytes)
                    .data
            } catch let error as ConfinementError where error.code == .missing {
                // Not overridden: the bundled default below.
            } catch let error as ConfinementError {
                throw RenderError(
                    code: error.code == .unsafePath ? .unsafeTemplate : .unreadableTemplate,
                    detail: "template \(error)")
            } catch {
                throw RenderError(code: .missingTemplate, detail: "template \(error)")
            }
        }
        if let bundledFolder {
            let url = bundledFolder.appendingPathComponent(path.relative)
            if let data = FileManager.default.contents(atPath: url.path) { return data }
        }
        throw RenderError(
            code: .missingTemplate,
            detail: "no template '\(relativePath)' in the workspace or the bundle")
    }

    /// The text of `relativePath`.
    public func text(_ relativePath: String) throws(RenderError) -> String {
        String(decoding: try data(relativePath), as: UTF8.self)
    }
}

/// An operational failure while rendering, with what went wrong.
public struct RenderError: CommandFailure, Hashable, Sendable {
    /// Templates or outputs that cannot be used end the command as unusable input.
    public var failureKind: FailureKind { .unusable }

    public enum Code: String, Hashable, Sendable {
        case missingTemplate = "render.missing-template"
        /// A workspace template the confinement function refused (a link out, a FIFO…).
        case unsafeTemplate = "workspace.unsafe-path"
        /// A workspace template that is not a regular file, too large, or unreadable.
        case unreadableTemplate = "render.unreadable-template"
        case invalidTemplate = "render.invalid-template"
        case invalidXML = "render.invalid-xml"
        case io = "render.io"
        /// The destination exists and is not a build's output: Attest will not replace it.
        case foreignOutput = "render.foreign-output"
        /// The traceability matrix would exceed its row bound (`--max-audit-rows`).
        case tooManyRows = "render.too-many-rows"
    }

    public var code: Code
    public var detail: String

    public init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(detail) [\(code.rawValue)]" }
}

import AttestCore
import AttestSystem
import AttestTemplates
import Foundation
import Mustache

/// The templates a build uses: the workspace's `templates/<path>` when it exists, else the
/// bundled default with the same relative path.
///
/// Workspace templates, partials and locales are read through the workspace's confinement
/// function: a template that is a link out of the workspace (to `/proc/self/environ`, say) is
/// refused, never published and never replaced by the bundled default in silence.
///
/// A template set parses each template once (``template(_:)``), for all its copies: make one
/// per build or command, so a workspace template edited afterwards is read again next time.
public struct TemplateSet: Sendable {
    /// The workspace folder whose `templates/` overrides the bundle (nil for bundled only).
    public var workspaceRoot: URL?
    /// The bundled templates folder.
    public var bundledFolder: URL?

    /// Templates are text; a larger file is refused rather than read.
    public static let maxTemplateBytes = 4 * 1024 * 1024

    /// Templates parsed so far, shared by the copies of this set.
    private let cache = TemplateCache()

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
        try source(relativePath).data
    }

    /// Whether the workspace has its own `templates/<relativePath>`, used instead of the
    /// bundled one.
    ///
    /// - Throws: `RenderError` for a workspace file that is unsafe or unreadable, as ``data(_:)``.
    public func isOverridden(_ relativePath: String) throws(RenderError) -> Bool {
        try source(relativePath).isWorkspace
    }

    /// Whether the workspace's own `templates/<relativePath>` differs from the bundled one: it
    /// exists and its bytes are not the bundle's. An exact copy (the repository's demo
    /// workspace holds one of every template, as may a workspace that copied them to edit
    /// later) renders exactly as the bundled template does.
    ///
    /// - Throws: `RenderError` for a workspace file that is unsafe or unreadable, as ``data(_:)``.
    public func isChanged(_ relativePath: String) throws(RenderError) -> Bool {
        let source = try source(relativePath)
        guard source.isWorkspace else { return false }
        return source.data != bundledData(relativePath)
    }

    /// The bundle's bytes of `relativePath`, or nil.
    private func bundledData(_ relativePath: String) -> Data? {
        guard let bundledFolder, let path = try? WorkspacePath(relativePath) else { return nil }
        return FileManager.default.contents(
            atPath: bundledFolder.appendingPathComponent(path.relative).path)
    }

    /// `relativePath` parsed as a Mustache template that escapes as every HTML template of
    /// Attest does (`IsolatingHTML`); read and parsed once for this set and its copies.
    ///
    /// - Throws: `RenderError` for a missing, unsafe or unreadable template, or one that is not
    ///   valid Mustache (`render.invalid-template`, naming the path).
    public func template(_ relativePath: String) throws(RenderError) -> MustacheTemplate {
        let key = [workspaceRoot?.path ?? "", bundledFolder?.path ?? "", relativePath]
            .joined(separator: "\u{0}")
        return try cache.template(key) { () throws(RenderError) -> MustacheTemplate in
            let text = try self.text(relativePath)
            do {
                return try IsolatingHTML.template(text)
            } catch {
                throw RenderError(code: .invalidTemplate, detail: "\(relativePath): \(error)")
            }
        }
    }

    /// The bytes of `relativePath` and whether they are the workspace's own.
    private func source(
        _ relativePath: String
    ) throws(RenderError) -> (data: Data, isWorkspace: Bool) {
        let path: WorkspacePath
        do { path = try WorkspacePath(relativePath) } catch {
            throw RenderError(
                code: .missingTemplate, detail: "template path '\(relativePath)': \(error)")
        }
        if let workspaceRoot {
            do {
                let file = try WorkspacePath("templates/" + path.relative)
                let data = try WorkspaceRoot(workspaceRoot).read(
                    file, limit: Self.maxTemplateBytes
                ).data
                return (data, true)
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
        if let data = bundledData(path.relative) { return (data, false) }
        throw RenderError(
            code: .missingTemplate,
            detail: "no template '\(relativePath)' in the workspace or the bundle")
    }

    /// The text of `relativePath`.
    public func text(_ relativePath: String) throws(RenderError) -> String {
        String(decoding: try data(relativePath), as: UTF8.self)
    }
}

/// Templates a ``TemplateSet`` has parsed, shared by its copies, so a build reads and parses
/// each template once however many frameworks, locales and reports use it.
final class TemplateCache: @unchecked Sendable {
    // @unchecked: `parsed` is only read or written while `lock` is held.
    private let lock = NSLock()
    private var parsed: [String: MustacheTemplate] = [:]

    /// The template cached under `key`, else the one `parse` gives (then cached). Two tasks
    /// asking for the same new template may both parse it; they get equal templates.
    func template(
        _ key: String, parse: () throws(RenderError) -> MustacheTemplate
    ) throws(RenderError) -> MustacheTemplate {
        if let cached = lock.withLock({ parsed[key] }) { return cached }
        let template = try parse()
        lock.withLock { parsed[key] = template }
        return template
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
        /// A report asked of a renderer that was not prepared for it (a caller's mistake).
        case unpreparedReport = "render.unprepared-report"
    }

    public var code: Code
    public var detail: String

    public init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(detail) [\(code.rawValue)]" }
}

import AttestTemplates
import Foundation

/// The templates a build uses: the workspace's `templates/<path>` when it exists, else the
/// bundled default with the same relative path.
public struct TemplateSet: Sendable {
    /// The workspace's `templates/` folder (it may not exist).
    public var workspaceFolder: URL?
    /// The bundled templates folder.
    public var bundledFolder: URL?

    public init(workspaceRoot: URL?, bundledFolder: URL? = BuiltinTemplates.rootURL) {
        self.workspaceFolder = workspaceRoot?.appendingPathComponent("templates")
        self.bundledFolder = bundledFolder
    }

    /// The file for `relativePath` (such as `site/index.mustache`), workspace first.
    public func url(_ relativePath: String) throws(RenderError) -> URL {
        guard !relativePath.split(separator: "/").contains(".."), !relativePath.hasPrefix("/")
        else {
            throw RenderError(
                code: .missingTemplate,
                detail: "template path '\(relativePath)' leaves the templates folder")
        }
        for folder in [workspaceFolder, bundledFolder].compactMap({ $0 }) {
            let candidate = folder.appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        throw RenderError(
            code: .missingTemplate,
            detail: "no template '\(relativePath)' in the workspace or the bundle")
    }

    /// The text of `relativePath`.
    public func text(_ relativePath: String) throws(RenderError) -> String {
        let file = try url(relativePath)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw RenderError(code: .missingTemplate, detail: "cannot read template \(file.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// An operational failure while rendering, with what went wrong.
public struct RenderError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        case missingTemplate = "render.missing-template"
        case invalidTemplate = "render.invalid-template"
        case invalidXML = "render.invalid-xml"
        case io = "render.io"
    }

    public var code: Code
    public var detail: String

    public init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(detail) [\(code.rawValue)]" }
}

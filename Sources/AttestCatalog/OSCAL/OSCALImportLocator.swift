import AttestCore
import AttestSystem
import Foundation

/// Finds the workspace file a profile's `import` points at, without the network.
///
/// In order: the `catalogs:` mapping of the framework item (by the import's href, or by one
/// of its back-matter resource's rlink hrefs); then each rlink href (or the href itself)
/// relative to the profile's folder; then the link's file name in the profile's folder.
/// Links with a scheme (`https://…`) are only tried by file name. Formats this build reads
/// are tried before the others.
struct OSCALImportLocator {
    let root: URL
    let source: OSCALFrameworkSource

    /// The file to read and the position to blame if it cannot be read; nil (and a finding at
    /// the import's href) when nothing fits.
    func locate(
        _ item: OSCALImport, in profile: OSCALProfile, at profilePath: String,
        diagnostics: inout [Diagnostic]
    ) -> (path: String, blame: SourcePosition)? {
        let href = item.href.text
        if let mapped = source.catalogs[href] {
            return target(mapped, diagnostics: &diagnostics)
        }
        var links: [String] = [href]
        if href.hasPrefix("#") {
            let uuid = String(href.dropFirst())
            guard let resource = profile.backMatter.first(where: { $0.uuid == uuid }) else {
                diagnostics.append(
                    .error(
                        .oscalUnresolvableImport,
                        "import '\(href)' names a back-matter resource the profile does not have",
                        at: item.href.position, hint: hint(href)))
                return nil
            }
            // Formats this build reads first, otherwise in the profile's order.
            links = resource.rlinks.map(\.href).enumerated()
                .sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
                .map(\.element)
            for link in links {
                if let mapped = source.catalogs[link] {
                    return target(mapped, diagnostics: &diagnostics)
                }
            }
        }
        let folder = (profilePath as NSString).deletingLastPathComponent
        var tried: [String] = []
        for link in links {
            for candidate in candidates(link, folder: folder) where !tried.contains(candidate) {
                tried.append(candidate)
                if isFile(candidate) { return (candidate, item.href.position) }
            }
        }
        let list = tried.isEmpty ? "no workspace path" : tried.joined(separator: ", ")
        diagnostics.append(
            .error(
                .oscalUnresolvableImport,
                "cannot find the catalog or profile that import '\(href)' points at; tried \(list)",
                at: item.href.position, hint: hint(href)))
        return nil
    }

    private func target(
        _ target: OSCALPositioned, diagnostics: inout [Diagnostic]
    ) -> (path: String, blame: SourcePosition)? {
        do {
            return (try WorkspaceRoot.path(target.text).relative, target.position)
        } catch {
            diagnostics.append(Diagnostic(error, at: target.position))
            return nil
        }
    }

    private func hint(_ href: String) -> String {
        "map it to a workspace file in attest.yaml, under this framework: "
            + "catalogs: { '\(href)': path/to/catalog.json }"
    }

    /// The link relative to the profile's folder (when it has no scheme and stays inside the
    /// workspace), then its file name in that folder.
    private func candidates(_ link: String, folder: String) -> [String] {
        var text = link
        if let cut = text.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            text = String(text[..<cut])
        }
        text = text.removingPercentEncoding ?? text
        guard !text.isEmpty else { return [] }
        var result: [String] = []
        let hasScheme = text.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression)
        if hasScheme == nil, !text.hasPrefix("/"), let joined = Self.join(folder, text) {
            result.append(joined)
        }
        let name = (text as NSString).lastPathComponent
        if !name.isEmpty, name != "/", let beside = Self.join(folder, name) {
            result.append(beside)
        }
        return result
    }

    /// `folder/relative` with `.` and `..` collapsed; nil when it climbs out of the workspace.
    static func join(_ folder: String, _ relative: String) -> String? {
        var parts: [Substring] = folder.split(separator: "/")
        for part in relative.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: "/")
    }

    /// Whether `path` is a regular file inside the workspace (links followed and confined).
    private func isFile(_ path: String) -> Bool {
        guard let workspace = try? WorkspaceRoot(root),
            let checked = try? WorkspaceRoot.path(path),
            case .file? = try? workspace.locate(checked)
        else { return false }
        return true
    }

    /// JSON and YAML first, XML last: every format is read, but JSON loads fastest.
    private func rank(_ href: String) -> Int {
        OSCALFile.Format(path: href) == .xml ? 1 : 0
    }
}

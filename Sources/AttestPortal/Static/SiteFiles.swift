import AttestSystem
import Foundation

/// The built site, read through the confinement function (``WorkspaceRoot``) with the site
/// folder as the root: a link leading out of the folder, a FIFO or a file over the size limit
/// is never served.
struct SiteFiles: Sendable {
    let root: WorkspaceRoot
    let maxFileBytes: Int

    /// What a request path leads to.
    enum Lookup: Equatable {
        case file(name: String, data: Data)
        /// A folder asked without its trailing slash: redirect, so its page's relative links
        /// resolve inside it.
        case folderWithoutSlash
        case notFound
    }

    /// - Throws: `PortalError` (`portal.missing-site`) when the folder does not exist.
    init(folder: URL, maxFileBytes: Int) throws(PortalError) {
        do { root = try WorkspaceRoot(folder) } catch {
            throw PortalError(
                .missingSite, folder.path,
                "the site folder \(folder.path) does not exist or is not a folder; "
                    + "build it first with `attest build`")
        }
        self.maxFileBytes = maxFileBytes
    }

    /// The file `path` leads to (a folder's `index.html`), or why there is none.
    func lookup(_ path: SitePath) -> Lookup {
        var target: WorkspacePath
        if let relative = path.relative {
            switch (try? root.locate(relative)) ?? .missing {
            case .missing: return .notFound
            case .file:
                guard !path.namesFolder else { return .notFound }
                target = relative
            case .folder:
                guard path.namesFolder else { return .folderWithoutSlash }
                guard let index = try? WorkspacePath(relative.relative + "/index.html") else {
                    return .notFound
                }
                target = index
            }
        } else {
            guard let index = try? WorkspacePath("index.html") else { return .notFound }
            target = index
        }
        guard let read = try? root.read(target, limit: maxFileBytes) else { return .notFound }
        let name = target.relative.split(separator: "/").last.map(String.init) ?? ""
        return .file(name: name, data: read.data)
    }
}

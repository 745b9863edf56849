import AttestCore
import AttestSystem
import Foundation

/// The document library as the public site shows it, with the files it publishes.
///
/// The one place that decides which documents of `documents:` reach the site: a public,
/// unexpired document is listed with its size, SHA-256 and expiry, and its file is copied to
/// `documents/<id>/<file name>`; an nda, unexpired one is listed by title only, as available
/// under NDA (never its file, description or path); an internal or expired one is left out.
public struct DocumentLibrary: Sendable {
    /// What the site lists, in the workspace's order.
    public var entries: [PublicTrustCenter.LibraryDocument]
    /// The public files, keyed by their path inside the site folder.
    public var files: [(path: String, data: Data)]

    /// Reads the public documents' files through the confinement function, at most
    /// ``Document/maxFileBytes`` each.
    ///
    /// - Parameters:
    ///   - documents: the workspace's `documents:`.
    ///   - root: the workspace, through which every file is read.
    ///   - now: the build time, against which `expires` is judged.
    ///   - digest: SHA-256 as lower-case hex (the caller's hashing library: this module has
    ///     none).
    /// - Throws: `ConfinementError` for a public document whose file cannot be read safely.
    public static func read(
        _ documents: [Document], root: WorkspaceRoot, now: Date,
        digest: (Data) -> String
    ) throws(ConfinementError) -> DocumentLibrary {
        var entries: [PublicTrustCenter.LibraryDocument] = []
        var files: [(path: String, data: Data)] = []
        for document in documents where document.isDeliverable(at: now) {
            guard document.visibility == .public else {
                entries.append(
                    .init(id: document.id.rawValue, title: document.title.strings, access: "nda"))
                continue
            }
            let data = try root.read(
                WorkspaceRoot.path(document.file), limit: Document.maxFileBytes
            ).data
            let path = document.libraryPath
            files.append((path, data))
            entries.append(
                .init(
                    id: document.id.rawValue, title: document.title.strings,
                    access: "public", description: document.description?.strings,
                    path: path, fileName: document.fileName, size: data.count,
                    sha256: digest(data), expires: document.expires))
        }
        return DocumentLibrary(entries: entries, files: files)
    }

    public init(
        entries: [PublicTrustCenter.LibraryDocument] = [], files: [(path: String, data: Data)] = []
    ) {
        self.entries = entries
        self.files = files
    }
}

extension PublicTrustCenter {
    /// One document of the library as the public vocabulary shows it.
    public struct LibraryDocument: Codable, Hashable, Sendable {
        public var id: String
        public var title: LocalizedStrings
        /// `public` (the file is on the site) or `nda` (available on request, under NDA).
        public var access: String
        /// Public documents only.
        public var description: LocalizedStrings?
        /// Where the file is, relative to the site folder; public documents only.
        public var path: String?
        public var fileName: String?
        /// Size in bytes; public documents only.
        public var size: Int?
        /// SHA-256 of the file, lower-case hex; public documents only.
        public var sha256: String?
        /// Last day the document is valid (`YYYY-MM-DD`); public documents only.
        public var expires: String?

        public init(
            id: String, title: LocalizedStrings, access: String,
            description: LocalizedStrings? = nil, path: String? = nil, fileName: String? = nil,
            size: Int? = nil, sha256: String? = nil, expires: String? = nil
        ) {
            self.id = id
            self.title = title
            self.access = access
            self.description = description
            self.path = path
            self.fileName = fileName
            self.size = size
            self.sha256 = sha256
            self.expires = expires
        }
    }
}

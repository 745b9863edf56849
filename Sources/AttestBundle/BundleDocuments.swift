import AttestCore
import AttestSystem
import Foundation

/// Documents of the library (`documents:`) a viewer's bundle carries, asked for by id
/// (`attest bundle --document ID`).
///
/// Each lands at `documents/<id>/<file name>`, read through the confinement function (at most
/// ``Document/maxFileBytes``); the bundle's manifest hashes it like every other entry, so
/// `attest verify` checks it. Only a public or nda document still valid at the bundle's time
/// may be packed: an internal one never leaves the company, and an expired one is withheld.
public enum BundleDocuments {
    /// The path of `document` inside a bundle: the one it has on the site.
    public static func bundlePath(_ document: Document) -> String { document.libraryPath }

    /// The files of the documents named by `ids`, keyed by their bundle path.
    ///
    /// - Parameters:
    ///   - ids: the ids asked for, in any order; a repeat is packed once.
    ///   - documents: the workspace's `documents:`.
    ///   - root: the workspace, through which every file is read.
    ///   - now: the bundle's creation time, against which `expires` is judged.
    /// - Throws: `BundleDocumentError` for an unknown, internal or expired document, or a file
    ///   the confinement function refuses.
    public static func read(
        _ ids: [String], from documents: [Document], root: WorkspaceRoot, now: Date
    ) throws(BundleDocumentError) -> [String: Data] {
        var files: [String: Data] = [:]
        for id in Set(ids).sorted() {
            guard let document = documents.first(where: { $0.id.rawValue == id }) else {
                throw BundleDocumentError(
                    code: .unknown, id: id, detail: "no document '\(id)' in documents:")
            }
            guard document.visibility != .internal else {
                throw BundleDocumentError(
                    code: .internal, id: id,
                    detail: "document '\(id)' is internal: it never leaves the company")
            }
            guard !document.isExpired(at: now) else {
                throw BundleDocumentError(
                    code: .expired, id: id,
                    detail: "document '\(id)' expired on \(document.expires ?? "?"): it is "
                        + "withheld until it is renewed")
            }
            do throws(ConfinementError) {
                files[bundlePath(document)] = try root.read(
                    WorkspaceRoot.path(document.file), limit: Document.maxFileBytes
                ).data
            } catch {
                throw BundleDocumentError(code: .refused, id: id, detail: error.description)
            }
        }
        return files
    }
}

/// A document `attest bundle --document` cannot pack; ends the command as a usage error.
public struct BundleDocumentError: CommandFailure, Hashable, Sendable {
    public var failureKind: FailureKind { .unusable }

    public enum Code: String, Hashable, Sendable {
        /// No document of `documents:` has the id.
        case unknown = "bundle.document-unknown"
        /// The document is internal.
        case `internal` = "bundle.document-internal"
        /// The document's `expires` day is over.
        case expired = "bundle.document-expired"
        /// The confinement function refused its file (missing, a link out, too large, …).
        case refused = "bundle.document-refused"
    }

    public var code: Code
    /// The id asked for.
    public var id: String
    public var detail: String

    public init(code: Code, id: String, detail: String) {
        self.code = code
        self.id = id
        self.detail = detail
    }

    public var description: String { "\(detail) [\(code.rawValue)]" }
}

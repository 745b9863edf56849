import Foundation

extension IdentifierKinds {
    public enum Document: IdentifierKind {}
}

/// A document's identifier, unique in a workspace (`pentest-2026`); its site folder and the
/// bundle's `--document` name it.
public typealias DocumentID = Identifier<IdentifierKinds.Document>

/// One entry of the document library (`documents:` in attest.yaml or an included file): a file
/// of the workspace a customer may be given, such as a pen-test summary, a certificate letter
/// or a whitepaper.
///
/// A document is `nda` unless marked otherwise, because most of what a trust center hands out
/// (audit reports, test summaries) is shared under a non-disclosure agreement: publishing one
/// must be a decision. Public ones are copied to the site, nda ones are named there and
/// delivered only inside a viewer's bundle, internal ones are never shown. An expired document
/// (its `expires` day is over) is withheld everywhere.
public struct Document: Hashable, Sendable {
    /// The largest document file read (64 MiB): validate refuses a larger one, and the build
    /// and bundles never read past it.
    public static let maxFileBytes = 64 * 1024 * 1024

    public var id: DocumentID
    /// Workspace-relative path of the file, as written.
    public var file: String
    public var title: LocalizedText
    public var description: LocalizedText?
    public var visibility: Visibility
    /// Last day (`YYYY-MM-DD`, UTC, inclusive) the document may be handed out; nil for never
    /// expiring.
    public var expires: String?
    /// The entry in its file.
    public var position: SourcePosition
    /// Where `file:` was written.
    public var filePosition: SourcePosition
    /// Where `expires:` was written.
    public var expiresPosition: SourcePosition

    public init(
        id: DocumentID, file: String, title: LocalizedText, description: LocalizedText? = nil,
        visibility: Visibility = .nda, expires: String? = nil, position: SourcePosition,
        filePosition: SourcePosition? = nil, expiresPosition: SourcePosition? = nil
    ) {
        self.id = id
        self.file = file
        self.title = title
        self.description = description
        self.visibility = visibility
        self.expires = expires
        self.position = position
        self.filePosition = filePosition ?? position
        self.expiresPosition = expiresPosition ?? position
    }

    /// The file's own name (the last path component), the name it keeps on the site and in a
    /// bundle.
    public var fileName: String {
        String(file.split(separator: "/").last ?? Substring(file))
    }

    /// Whether the `expires` day is over at `now`.
    public func isExpired(at now: Date) -> Bool {
        guard let expires else { return false }
        return Timestamp.formatDay(now) > expires
    }

    /// Whether the document is still valid at `now` but its `expires` day falls within
    /// `window` of it.
    public func isExpiring(at now: Date, within window: TimeSpan) -> Bool {
        guard let expires, !isExpired(at: now) else { return false }
        let horizon = now.addingTimeInterval(TimeInterval(window.seconds))
        return Timestamp.formatDay(horizon) >= expires
    }

    /// Whether the document may be handed to a viewer under NDA at `now` (public or nda, not
    /// expired).
    public func isDeliverable(at now: Date) -> Bool {
        visibility != .internal && !isExpired(at: now)
    }

    /// Where the document's file goes, in the public site's folder and in a bundle alike.
    public var libraryPath: String { "documents/\(id.rawValue)/\(fileName)" }
}

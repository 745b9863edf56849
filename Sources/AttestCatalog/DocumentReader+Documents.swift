import AttestCore
import AttestSystem
import Foundation

extension ConfigReader {
    /// The keys of one `documents:` entry.
    static let documentKeys: Set<String> = [
        "id", "file", "title", "description", "visibility", "expires",
    ]

    /// Reads a `documents:` list. Each entry's shape is checked here; ids shared across files
    /// are reported by ``DocumentChecks/duplicates(_:)`` once everything is read, and files on
    /// disk by ``DocumentChecks/onDisk(_:root:)``.
    mutating func readDocuments(_ value: ConfigValue) -> [Document] {
        guard let items = sequence(value, "documents") else { return [] }
        return items.compactMap { readDocument($0) }
    }

    private mutating func readDocument(_ value: ConfigValue) -> Document? {
        guard
            let fields = fields(
                value, "a document", allowed: Self.documentKeys,
                required: ["id", "file", "title"], suggesting: true)
        else { return nil }
        let id = fields["id"].flatMap { plainString($0, "document id") }
        if let id, !Self.isDocumentID(id) {
            error(
                .schemaInvalidValue,
                "document id '\(id)' must be letters, digits, '-', '_' or '.' (it names a folder "
                    + "of the site)", at: fields["id"]?.position ?? value.position)
            return nil
        }
        let file = fields["file"].flatMap { plainString($0, "file") }
        if let file, let position = fields["file"]?.position {
            do throws(ConfinementError) {
                _ = try WorkspaceRoot.path(file)
            } catch {
                report(Diagnostic(error, at: position))
                return nil
            }
        }
        let title = fields["title"].flatMap { text($0, "document title") }
        let description = fields["description"].flatMap { text($0, "description") }
        let visibility =
            fields["visibility"].flatMap {
                choice($0, "visibility", as: Visibility.self, code: .controlInvalidVisibility)
            } ?? .nda
        let expires = fields["expires"].flatMap { documentDay($0) }
        guard let id, let file, let title, fields["expires"] == nil || expires != nil else {
            return nil
        }
        return Document(
            id: DocumentID(id), file: file, title: title, description: description,
            visibility: visibility, expires: expires, position: value.position,
            filePosition: fields["file"]?.position, expiresPosition: fields["expires"]?.position)
    }

    /// Whether `id` can name a folder of the site: ASCII letters, digits, `-`, `_`, `.`, not
    /// starting with a dot.
    static func isDocumentID(_ id: String) -> Bool {
        guard let first = id.utf8.first, first != UInt8(ascii: "."), id.utf8.count <= 128 else {
            return false
        }
        return id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".")
        }
    }

    /// `expires: YYYY-MM-DD`, an existing day, kept as written so days compare as text.
    private mutating func documentDay(_ value: ConfigValue) -> String? {
        guard let text = string(value, "expires") else { return nil }
        guard Timestamp.day(text) != nil else {
            report(
                .error(
                    .schemaInvalidValue, "'\(text)' is not a day (YYYY-MM-DD) for expires",
                    at: value.position, hint: "write an existing day such as 2027-03-31"))
            return nil
        }
        return text
    }
}

/// Checks of the whole `documents:` library, once every file is read.
public enum DocumentChecks {
    /// Documents sharing an id: each later one is an error with a note at the first.
    static func duplicates(_ documents: [Document]) -> [Diagnostic] {
        var first: [DocumentID: SourcePosition] = [:]
        var diagnostics: [Diagnostic] = []
        for document in documents {
            if let earlier = first[document.id] {
                diagnostics.append(
                    .error(
                        .documentDuplicateID,
                        "document '\(document.id)' is defined more than once",
                        at: document.position, notes: [.init("first defined here", at: earlier)]))
            } else {
                first[document.id] = document.position
            }
        }
        return diagnostics
    }

    /// Each document's file opened through the confinement function (never read): a missing
    /// file, a link out of the workspace or into a private folder, something that is not a
    /// regular file, or one over ``Document/maxFileBytes`` is an error at its `file:`.
    public static func onDisk(_ documents: [Document], root: URL) -> [Diagnostic] {
        guard let workspace = try? WorkspaceRoot(root) else { return [] }
        return documents.compactMap { document -> Diagnostic? in
            do throws(ConfinementError) {
                _ = try workspace.open(
                    WorkspaceRoot.path(document.file), limit: Document.maxFileBytes)
                return nil
            } catch {
                return Diagnostic(error, at: document.filePosition)
            }
        }
    }

    /// Findings that depend on `now`: an expired document (withheld from the site and from
    /// bundles) and one expiring within `window`, both warnings at `expires:`.
    public static func dated(
        _ documents: [Document], now: Date, window: TimeSpan
    ) -> [Diagnostic] {
        documents.compactMap { document -> Diagnostic? in
            guard let expires = document.expires else { return nil }
            if document.isExpired(at: now) {
                return .warning(
                    .documentExpired,
                    "document '\(document.id)' expired on \(expires); it is withheld from the "
                        + "site and from bundles", at: document.expiresPosition)
            }
            if document.isExpiring(at: now, within: window) {
                return .warning(
                    .documentExpiring,
                    "document '\(document.id)' expires on \(expires)",
                    at: document.expiresPosition)
            }
            return nil
        }
    }
}

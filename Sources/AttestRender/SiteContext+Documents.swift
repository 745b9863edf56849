import AttestCore
import Foundation

extension SiteContext {
    /// Whether the page has a "Documents" section: the library lists at least one document.
    var hasDocuments: Bool { !(center.documents ?? []).isEmpty }

    /// The "Documents" section: public documents with a download link, size, SHA-256 and
    /// expiry; nda ones by title, pointing at the report request when the page has one.
    func documents() -> [String: Any] {
        let entries = (center.documents ?? []).map { document -> [String: Any] in
            let isPublic = document.access == "public"
            let description = text(document.description)
            let expires = document.expires ?? ""
            return [
                "id": document.id,
                "title": text(document.title),
                "isPublic": isPublic,
                "description": description,
                "hasDescription": !description.isEmpty,
                "href": document.path.map { "../" + $0 } ?? "",
                "fileName": document.fileName ?? "",
                "sizeText": document.size.map { size($0) } ?? "",
                "sha256": document.sha256 ?? "",
                "hasExpiry": !expires.isEmpty,
                "expires": expires,
                "expiresText": expires.isEmpty ? "" : format.date(expires),
            ]
        }
        return [
            "items": entries,
            "hasRequest": center.reportRequest != nil,
        ]
    }

    /// A file size in the page's locale: bytes under 1 KiB, else KiB or MiB with one decimal.
    func size(_ bytes: Int) -> String {
        if bytes < 1024 { return label("document_size_bytes", ["count": String(bytes)]) }
        if bytes < 1024 * 1024 {
            return label("document_size_kib", ["size": format.number(Double(bytes) / 1024)])
        }
        return label(
            "document_size_mib", ["size": format.number(Double(bytes) / (1024 * 1024))])
    }
}

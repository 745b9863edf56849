import AttestCore
import Foundation

/// Builders for the assemblies every OSCAL model shares (OSCAL's `metadata`, `link`,
/// `back-matter`), with their children in the XSDs' order, so each model states only what is
/// its own.
extension OSCALNode {
    /// OSCAL's `date-time-with-timezone`: `2026-05-01T10:00:00Z`, UTC, whole seconds.
    public static func dateTime(_ date: Date) -> String { Timestamp.format(date) }

    /// A text made fit for OSCAL's `string` type (`^\S(.*\S)?$`: no line break, no space at
    /// either end): whitespace runs become one space, the ends are trimmed; an empty text
    /// becomes `fallback`.
    public static func oneLine(_ text: String, fallback: String = "-") -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        return words.isEmpty ? fallback : words.joined(separator: " ")
    }

    /// `text` as a URI reference (OSCAL's `uri-reference`, RFC 3986): characters a URI cannot
    /// hold (spaces, non-ASCII, `%` not starting an escape) are percent-encoded as UTF-8;
    /// an already valid reference (`https://…`, `evidence/a.txt`, `#uuid`) is unchanged.
    public static func uriReference(_ text: String) -> String {
        let allowed = Set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?#"
                .utf8)
        let bytes = Array(text.utf8)
        var result = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isEscape =
                byte == UInt8(ascii: "%") && index + 2 < bytes.count
                && bytes[(index + 1)...(index + 2)].allSatisfy { HexDigit.contains($0) }
            if allowed.contains(byte) || isEscape {
                result.append(Character(Unicode.Scalar(byte)))
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
            index += 1
        }
        return result.isEmpty ? "#" : result
    }

    /// A document's `metadata`: `title`, `last-modified`, `version`, `oscal-version` 1.2.1,
    /// then `prop` (first always `generator` = `attest` in Attest's namespace, which marks
    /// the file as an Attest export: `attest export oscal` replaces only such a file), `link`,
    /// `role`, `party`, `responsible-party` and `remarks` when given.
    ///
    /// - Parameters:
    ///   - lastModified: the time the content was last changed: the run's time for results,
    ///     never the wall clock, so the same run always gives the same document.
    ///   - roles, parties, responsibleParties: nodes made by the caller, in that order.
    public static func metadata(
        title: String, lastModified: Date, version: String, props: [OSCALNode] = [],
        links: [OSCALNode] = [], roles: [OSCALNode] = [], parties: [OSCALNode] = [],
        responsibleParties: [OSCALNode] = [], remarks: String? = nil
    ) -> OSCALNode {
        assembly(
            "metadata",
            [
                .one(.line("title", title)),
                .one(.text("last-modified", dateTime(lastModified))),
                .one(.text("version", oneLine(version))),
                .one(.text("oscal-version", OSCALDocument.oscalVersion)),
                .group("props", [generatorProp] + props),
                .group("links", links),
                .group("roles", roles),
                .group("parties", parties),
                .group("responsible-parties", responsibleParties),
                .optional(remarks.map { prose("remarks", $0) }),
            ])
    }

    /// The prop every Attest export's metadata starts with.
    public static let generatorProp = OSCALNode.prop(
        "generator", "attest", ns: OSCALDocument.attestNamespace)

    /// A `link`: `href` (a URI reference; `#uuid` points into back-matter), `rel`,
    /// `media-type`, and the link's text.
    public static func link(
        href: String, rel: String? = nil, mediaType: String? = nil, text: String? = nil
    ) -> OSCALNode {
        assembly(
            "link",
            flags: [
                OSCALFlag("href", href), OSCALFlag("rel", rel),
                OSCALFlag("media-type", mediaType),
            ],
            [.optional(text.map { line("text", $0) })])
    }

    /// A back-matter `resource`: `title`, `description`, `prop`, then one `rlink` per
    /// reference, each with its SHA-256 when known.
    public static func resource(
        uuid: StableUUID, title: String?, description: String? = nil, props: [OSCALNode] = [],
        rlinks: [ResourceLink] = [], remarks: String? = nil
    ) -> OSCALNode {
        assembly(
            "resource", flags: [OSCALFlag("uuid", uuid.text)],
            [
                .optional(title.map { line("title", $0) }),
                .optional(description.map { prose("description", $0) }),
                .group("props", props),
                .group(
                    "rlinks",
                    rlinks.map { rlink in
                        assembly(
                            "rlink",
                            flags: [
                                OSCALFlag("href", rlink.href),
                                OSCALFlag("media-type", rlink.mediaType),
                            ],
                            [
                                .group(
                                    "hashes",
                                    rlink.sha256.map {
                                        [
                                            OSCALNode(
                                                "hash",
                                                flags: [OSCALFlag("algorithm", "SHA-256")],
                                                value: .text($0))
                                        ]
                                    } ?? [])
                            ])
                    }),
                .optional(remarks.map { prose("remarks", $0) }),
            ])
    }

    /// `back-matter` holding `resources`; nil when there are none (OSCAL wants at least one).
    public static func backMatter(_ resources: [OSCALNode]) -> OSCALNode? {
        resources.isEmpty ? nil : assembly("back-matter", [.group("resources", resources)])
    }
}

/// One reference of a back-matter resource (`rlink`): where the bytes are and their hash.
public struct ResourceLink: Hashable, Sendable {
    /// A URI reference: a workspace-relative path or a URL.
    public var href: String
    public var mediaType: String?
    /// Lower-case hex SHA-256 of the bytes, when known.
    public var sha256: String?

    public init(href: String, mediaType: String? = nil, sha256: String? = nil) {
        self.href = href
        self.mediaType = mediaType
        self.sha256 = sha256
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

enum HexDigit {
    static func contains(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}

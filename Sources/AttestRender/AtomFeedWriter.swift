import AttestCore
import Foundation

/// Writes ``PublicChangeFeed`` as an Atom 1.0 document (RFC 4287), `site/<locale>/feed.xml`.
///
/// Links are relative (`index.html`, `feed.xml`): the feed sits beside the page it describes,
/// and a reader resolves them against the feed's own address (RFC 4287 §2, RFC 3986), so the
/// site needs no configured URL and stays movable between hosts. Ids never depend on where the
/// site is served: the feed's is the caller's `urn:uuid:`, each entry's is derived from its
/// build id. The same feed, labels and locale give the same bytes.
enum AtomFeedWriter {
    /// The document of `feed` in `context`'s locale.
    ///
    /// - Parameters:
    ///   - feedID: the feed's `urn:uuid:` (stable for an organisation and a locale).
    ///   - updated: the feed's `updated`: its newest entry's time, else the build time.
    static func document(
        _ feed: PublicChangeFeed, context: SiteContext, feedID: String, updated: Date
    ) -> Data {
        let organisation = context.center.organisation.name
        let feedTitle = context.label("feed_title", ["organisation": organisation])
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(escape(context.locale))">"#,
            "  <id>\(escape(feedID))</id>",
            "  <title>\(escape(feedTitle))</title>",
            "  <updated>\(PublicProjection.isoDate(feed.entries.first?.time ?? updated))</updated>",
            "  <author><name>\(escape(organisation))</name></author>",
            #"  <link rel="alternate" type="text/html" href="index.html"/>"#,
            #"  <link rel="self" type="application/atom+xml" href="\#(SiteContext.feedFile)"/>"#,
            "  <generator>Attest</generator>",
        ]
        for entry in feed.entries {
            let when = PublicProjection.isoDate(entry.time)
            lines += [
                "  <entry>",
                "    <id>\(escape(entry.entryID))</id>",
                "    <title>\(escape(title(entry, context: context)))</title>",
                "    <updated>\(when)</updated>",
                #"    <link rel="alternate" type="text/html" href="index.html#changes"/>"#,
                #"    <content type="text">\#(escape(summary(entry, context: context)))</content>"#,
                "  </entry>",
            ]
        }
        lines.append("</feed>")
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// "Update of <time>", in the page's words.
    static func title(_ entry: PublicChangeFeed.Entry, context: SiteContext) -> String {
        context.label(
            "feed_entry_title",
            ["date": context.format.dateTime(PublicProjection.isoDate(entry.time))])
    }

    /// The entry's facts, one per line, in the page's words.
    static func summary(_ entry: PublicChangeFeed.Entry, context: SiteContext) -> String {
        var lines: [String] = []
        for move in entry.programs {
            lines.append(
                "\(context.text(move.title)): \(context.format.percent(move.from)) → "
                    + context.format.percent(move.to))
        }
        func name(_ move: PublicChangeFeed.Entry.Move) -> String {
            context.isDetailed ? "\(move.id) \(context.text(move.title))" : context.text(move.title)
        }
        for move in entry.controlsAdded {
            lines.append(context.label("feed_control_added", ["control": name(move)]))
        }
        for move in entry.controlsRemoved {
            lines.append(context.label("feed_control_removed", ["control": name(move)]))
        }
        for move in entry.controlsChanged {
            let from = context.feedState(move.from)
            let to = context.feedState(move.to)
            // Summary shows "in place" or "being improved": a move between two states it
            // shows alike says nothing.
            guard from != to else { continue }
            lines.append("\(name(move)): \(from) → \(to)")
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with the five XML special characters escaped, and characters XML 1.0 cannot
    /// hold (C0 controls other than tab and newline) dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    continue
                }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension SiteContext {
    /// A control state in the page's words: its state when the page is detailed, else "in
    /// place" or "being improved".
    func feedState(_ state: String) -> String {
        guard isDetailed else {
            return label(state == "passing" ? "summary_in_place" : "summary_improving")
        }
        return ["passing", "attention", "failing"].contains(state) ? label("state_" + state) : state
    }
}

import Foundation

/// The `reviewed:` date of a Markdown file's YAML front matter.
///
/// Only this one key is read, line by line, so the file collector needs no YAML parser:
/// ```
/// ---
/// reviewed: 2026-05-01
/// ---
/// ```
/// Only the first ``prefixLimit`` bytes are looked at, and only the lines up to the key or the
/// end of the block are decoded, so a large evidence file costs no more than a small one: a file
/// that does not start with `---` is answered from its first three bytes.
enum FrontMatter {
    enum Reviewed: Equatable {
        /// The file does not start with a `---` front matter block.
        case noFrontMatter
        /// There is front matter, without a `reviewed:` key.
        case absent
        /// The value as written, unquoted.
        case value(String)
    }

    /// Most bytes read for front matter; a `reviewed:` key that starts further into the file is
    /// not seen (the block is then treated as never closed: no front matter).
    static let prefixLimit = 64 * 1024

    /// The UTF-8 byte order mark, which Foundation's UTF-8 decoding drops when it opens a file.
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let dashes = Array("---".utf8)

    /// The front matter of a file's bytes, which count as text only when the whole file is
    /// valid UTF-8 (as `String(data:encoding:)` decides).
    static func reviewed(in data: Data) -> Reviewed {
        var body = data[...]
        if body.starts(with: byteOrderMark) { body = body.dropFirst(byteOrderMark.count) }
        guard body.starts(with: dashes) else { return .noFrontMatter }
        let window = body.prefix(prefixLimit)
        let lines: Data.SubSequence
        if window.count == body.count {
            lines = window
        } else {
            // Only whole lines of the window: cut after its last line break, which always ends
            // a character, so the lines decoded are exactly those of the whole text.
            guard let end = lastLineEnd(in: window) else { return .noFrontMatter }
            lines = window[..<end]
        }
        let found = reviewed(in: String(decoding: lines, as: UTF8.self))
        guard case .value = found else { return found }
        // A file that is not UTF-8 text as a whole has no front matter, wherever the bad byte is.
        return String(data: data, encoding: .utf8) == nil ? .noFrontMatter : found
    }

    /// The index just after the last line feed in `window`, or after its last carriage return
    /// that is not the window's final byte (a CR LF pair must not be cut in two).
    private static func lastLineEnd(in window: Data.SubSequence) -> Data.Index? {
        var index = window.endIndex
        while index > window.startIndex {
            let previous = window.index(before: index)
            let byte = window[previous]
            if byte == 0x0A || (byte == 0x0D && index != window.endIndex) { return index }
            index = previous
        }
        return nil
    }

    static func reviewed(in text: String) -> Reviewed {
        var lines = LineIterator(text: text[...])
        guard let first = lines.next(), first.trimmingTrailingSpaces == "---" else {
            return .noFrontMatter
        }
        while let line = lines.next() {
            let trimmed = line.trimmingTrailingSpaces
            if trimmed == "---" || trimmed == "..." { return .absent }
            guard trimmed.hasPrefix("reviewed:") else { continue }
            var value = trimmed.dropFirst("reviewed:".count).drop { $0 == " " || $0 == "\t" }
            if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
            value = Substring(value.trimmingTrailingSpaces)
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'",
                value.last == quote
            {
                value = value.dropFirst().dropLast()
            }
            return .value(String(value))
        }
        return .noFrontMatter  // never closed: not front matter after all
    }

    /// The lines of a text, split at every newline character, one at a time: the front matter
    /// is at the top, so the rest of the text is never split.
    private struct LineIterator: IteratorProtocol {
        var text: Substring
        var finished = false

        mutating func next() -> Substring? {
            guard !finished else { return nil }
            guard let end = text.firstIndex(where: \.isNewline) else {
                finished = true
                return text
            }
            let line = text[..<end]
            text = text[text.index(after: end)...]
            return line
        }
    }
}

extension StringProtocol {
    fileprivate var trimmingTrailingSpaces: String {
        var text = String(self)
        while let last = text.last, last == " " || last == "\t" || last == "\r" {
            text.removeLast()
        }
        return text
    }
}

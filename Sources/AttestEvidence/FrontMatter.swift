/// The `reviewed:` date of a Markdown file's YAML front matter.
///
/// Only this one key is read, line by line, so the file collector needs no YAML parser:
/// ```
/// ---
/// reviewed: 2026-05-01
/// ---
/// ```
enum FrontMatter {
    enum Reviewed: Equatable {
        /// The file does not start with a `---` front matter block.
        case noFrontMatter
        /// There is front matter, without a `reviewed:` key.
        case absent
        /// The value as written, unquoted.
        case value(String)
    }

    static func reviewed(in text: String) -> Reviewed {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .makeIterator()
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

import AttestSystem
import Foundation

/// A request path mapped onto the site folder, decided on the text alone before any file is
/// touched.
///
/// Refused (the portal answers 404): anything that could name a file outside the site or a
/// hidden one — a `.` or `..` component, written plainly or percent-encoded; an encoded `/` or
/// `\` (`%2f`, `%5c`), which would let one component span folders; a backslash; NUL or any
/// control character; an empty component (`//`); a component starting with `.` (dotfiles such
/// as `.git` or `.htaccess`); invalid percent-encoding or UTF-8. Links are judged later, on
/// disk, by ``WorkspaceRoot``.
struct SitePath: Equatable {
    /// The site-relative path, or nil for the site's root folder.
    var relative: WorkspacePath?
    /// The request named a folder (it ended with `/`): serve its `index.html`.
    var namesFolder: Bool

    /// The longest request path considered; longer is refused without looking at it.
    static let maxLength = 2048

    init?(requestPath raw: String) {
        guard raw.utf8.count <= Self.maxLength, raw.utf8.first == UInt8(ascii: "/") else {
            return nil
        }
        let inner = raw.dropFirst()
        var components: [String] = []
        if !inner.isEmpty {
            let parts = inner.split(separator: "/", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                let isLast = index == parts.count - 1
                if part.isEmpty {
                    // Only a trailing slash may leave an empty component.
                    guard isLast else { return nil }
                    continue
                }
                guard let name = Self.decode(part) else { return nil }
                components.append(name)
            }
        }
        namesFolder = raw.utf8.last == UInt8(ascii: "/")
        if components.isEmpty {
            relative = nil
        } else {
            guard let path = try? WorkspacePath(components.joined(separator: "/")) else {
                return nil
            }
            relative = path
        }
    }

    /// One percent-decoded path component, or nil when it is refused.
    private static func decode(_ part: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.utf8.count)
        var iterator = part.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue),
                    let low = iterator.next().flatMap(hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        guard let first = bytes.first, first != UInt8(ascii: "."),
            !bytes.contains(where: { $0 < 0x20 || $0 == 0x7f }),
            !bytes.contains(UInt8(ascii: "/")), !bytes.contains(UInt8(ascii: "\\")),
            let text = String(validating: bytes, as: UTF8.self)
        else { return nil }
        // C1 controls, which UTF-8 decoding lets through.
        guard !text.unicodeScalars.contains(where: { (0x80...0x9f).contains($0.value) }) else {
            return nil
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

import Foundation

/// The encodings of an e-mail's text: RFC 2047 encoded words for headers, quoted-printable
/// (RFC 2045) for the body.
enum MailEncoding {
    /// `text` as is when it is printable ASCII, else as `=?UTF-8?B?…?=` words of at most 75
    /// characters, folded onto continuation lines.
    static func encodedWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }) { return text }
        // 45 bytes of UTF-8 make 60 base64 characters: 72 with the markers.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + base64(bytes) + "?="
    }

    /// `"Name" <address>`, the name quoted or encoded; the address alone without a name.
    static func mailbox(_ mailbox: MailMessage.Mailbox) -> String {
        guard let name = mailbox.name, !name.isEmpty else { return "<\(mailbox.address)>" }
        let isASCII = name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7f }
        let shown =
            isASCII
            ? "\""
                + name.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
            : encodedWords(name)
        return "\(shown) <\(mailbox.address)>"
    }

    /// `text` in quoted-printable with CRLF line ends and soft breaks before 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        var output: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let piece: String
                if (byte == 0x20 || byte == 0x09) && isLast {
                    piece = hexEscape(byte)
                } else if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || byte == 0x20
                    || byte == 0x09
                {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = hexEscape(byte)
                }
                if current.utf8.count + piece.utf8.count > 75 {
                    output.append(current + "=")
                    current = ""
                }
                current += piece
            }
            output.append(current)
        }
        return output.joined(separator: "\r\n")
    }

    private static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}

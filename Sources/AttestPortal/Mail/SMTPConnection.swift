import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking TCP connection to an SMTP server, with timeouts on connect, send and receive,
/// and bounded replies.
final class SMTPConnection {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// The longest reply line accepted (RFC 5321 §4.5.3.1.5), and the most lines in a reply.
    static let maxLineBytes = 512
    static let maxReplyLines = 100

    init(host: String, port: Int, timeout: TimeInterval) throws(MailError) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw MailError(.connection, "cannot resolve the SMTP host \(host)")
        }
        defer { freeaddrinfo(list) }
        var seconds = timeval(tv_sec: Int(timeout), tv_usec: 0)
        var entry: UnsafeMutablePointer<addrinfo>? = first
        var connected: Int32 = -1
        while let current = entry, connected < 0 {
            let candidate = socket(current.pointee.ai_family, current.pointee.ai_socktype, 0)
            if candidate >= 0 {
                // On Linux the send timeout bounds connect(2) as well.
                setsockopt(
                    candidate, SOL_SOCKET, SO_SNDTIMEO, &seconds,
                    socklen_t(MemoryLayout<timeval>.size))
                setsockopt(
                    candidate, SOL_SOCKET, SO_RCVTIMEO, &seconds,
                    socklen_t(MemoryLayout<timeval>.size))
                if connect(candidate, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 {
                    connected = candidate
                } else {
                    close(candidate)
                }
            }
            entry = current.pointee.ai_next
        }
        guard connected >= 0 else {
            throw MailError(.connection, "cannot connect to the SMTP server \(host):\(port)")
        }
        descriptor = connected
    }

    deinit { close(descriptor) }

    /// Sends `line` and expects one of `codes`.
    func command(_ line: String, expect codes: Int...) throws(MailError) {
        try write(Array((line + "\r\n").utf8))
        try expect(codes, after: line.split(separator: " ").first.map(String.init) ?? line)
    }

    func expect(_ codes: Int...) throws(MailError) { try expect(codes, after: "connect") }

    private func expect(_ codes: [Int], after step: String) throws(MailError) {
        var lines: [String] = []
        while true {
            let line = try readLine()
            lines.append(line)
            guard line.utf8.count >= 3, let code = Int(line.prefix(3)) else {
                throw MailError(.protocolViolation, "the SMTP server's reply is not SMTP")
            }
            let more = line.dropFirst(3).first == "-"
            if !more {
                guard codes.contains(code) else {
                    throw MailError(.refused, "the SMTP server refused \(step): \(line)")
                }
                return
            }
            guard lines.count < Self.maxReplyLines else {
                throw MailError(.protocolViolation, "the SMTP server's reply is too long")
            }
        }
    }

    func write(_ bytes: [UInt8]) throws(MailError) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw MailError(.connection, "the SMTP connection broke or timed out while sending")
            }
            sent += count
        }
    }

    private func readLine() throws(MailError) -> String {
        while true {
            if let end = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<end])
                buffer.removeFirst(end + 1)
                if line.last == 13 { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard buffer.count < Self.maxLineBytes else {
                throw MailError(.protocolViolation, "the SMTP server sent a line over 512 bytes")
            }
            var chunk = [UInt8](repeating: 0, count: Self.maxLineBytes)
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw MailError(.connection, "the SMTP connection closed or timed out")
            }
            buffer += chunk[..<count]
        }
    }

    /// The message with every line that starts with `.` given a second one (RFC 5321
    /// §4.5.2), so no line of it can end the DATA section early.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(message.count + 16)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == UInt8(ascii: ".") { result.append(UInt8(ascii: ".")) }
            result.append(byte)
            atLineStart = byte == 10
        }
        if result.last != 10 { result += [13, 10] }
        return result
    }
}

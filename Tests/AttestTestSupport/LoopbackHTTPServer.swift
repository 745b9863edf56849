import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 (an ephemeral port) answering fixed responses, so the
/// http collector is tested without touching any other address.
///
/// Each connection is served on its own thread: read the request head, look the path up,
/// answer, close. `stop()` (or release) closes the listening socket, ending the accept loop.
public final class LoopbackHTTPServer: @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var reason: String = "OK"
        public var headers: [(String, String)] = []
        public var body: Data = Data()
        /// Sleep before answering, to exercise timeouts (bounded by the test's own timeout).
        public var delay: TimeInterval = 0
        /// Send the body with `Transfer-Encoding: chunked` and no `Content-Length`, so the
        /// client cannot know its size in advance.
        public var chunked = false
        /// Request headers (name, exact value) that must be present; otherwise the answer is
        /// 401, as an API answers a request without its credentials.
        public var requiredHeaders: [(String, String)] = []

        public init(
            status: Int, reason: String = "OK", headers: [(String, String)] = [],
            body: Data = Data(), delay: TimeInterval = 0, chunked: Bool = false,
            requiredHeaders: [(String, String)] = []
        ) {
            self.status = status
            self.reason = reason
            self.headers = headers
            self.body = body
            self.delay = delay
            self.chunked = chunked
            self.requiredHeaders = requiredHeaders
        }
    }

    public let port: UInt16
    private let listener: Int32
    private let routes: [String: Response]
    private let lock = NSLock()
    private var stopped = false

    public init(routes: [String: Response]) throws {
        self.routes = routes
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EIO) }
        var reuse: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketFD, 16) == 0 else {
            close(socketFD)
            throw POSIXError(.EADDRINUSE)
        }
        var assigned = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &assigned) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(socketFD, $0, &length)
            }
        }
        listener = socketFD
        port = UInt16(bigEndian: assigned.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        // Only shut down: the accept loop closes the socket once its `accept` has failed.
        // Closing here raced with it: the descriptor number, reused by the next test's server,
        // was then accepted on by this server's loop, answering with this server's routes.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                close(listener)  // shut down by stop()
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var request = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while request.range(of: Data("\r\n\r\n".utf8)) == nil, request.count < 16_384 {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { return }
            request.append(contentsOf: buffer[0..<count])
        }
        let firstLine =
            String(decoding: request, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = firstLine.split(separator: " ")
        let path = parts.count > 1 ? String(parts[1]) : "/"
        var response =
            routes[path] ?? Response(status: 404, reason: "Not Found", body: Data("no route".utf8))
        let lines = String(decoding: request, as: UTF8.self).split(separator: "\r\n").dropFirst()
        let sent = Set(lines.map { $0.lowercased() })
        if !response.requiredHeaders.allSatisfy({ sent.contains("\($0.0): \($0.1)".lowercased()) })
        {
            response = Response(status: 401, reason: "Unauthorized", body: Data("{}".utf8))
        }
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var head = "HTTP/1.1 \(response.status) \(response.reason)\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        if response.chunked {
            head += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            guard send(Data(head.utf8), on: connection) else { return }
            let chunkSize = 64 * 1024
            var offset = 0
            while offset < response.body.count {
                let end = min(offset + chunkSize, response.body.count)
                var chunk = Data((String(end - offset, radix: 16) + "\r\n").utf8)
                chunk.append(response.body[offset..<end])
                chunk.append(contentsOf: "\r\n".utf8)
                guard send(chunk, on: connection) else { return }  // the client hung up
                offset = end
            }
            _ = send(Data("0\r\n\r\n".utf8), on: connection)
            return
        }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        var bytes = Data(head.utf8)
        bytes.append(response.body)
        _ = send(bytes, on: connection)
    }

    /// Sends every byte; false when the connection failed (the client closed it).
    private func send(_ bytes: Data, on connection: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let sent = Glibc.send(
                    connection, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }
}

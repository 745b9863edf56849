import AttestTestSupport
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A service a test starts on 127.0.0.1 and stops when it is done: moto's AWS emulator, or the
/// replaying API server of `Tests/Fixtures/recipes`.
final class LocalServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    var baseURL: String { "http://127.0.0.1:\(port)" }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// moto's server mode on a free port, answered once it accepts requests.
    static func moto() async throws -> LocalServer {
        let port = try freePort()
        let server = try LocalServer(
            executable: "moto_server", arguments: ["-H", "127.0.0.1", "-p", String(port)],
            port: port)
        try await server.waitUntilAnswering()
        return server
    }

    /// The replaying server with the routes of `Tests/Fixtures/recipes/<routes>`; with
    /// `authorization`, a request without exactly that header is answered 401.
    static func replaying(
        _ routes: String, authorization: String? = nil
    ) async throws
        -> LocalServer
    {
        let folder = Fixtures.root.appendingPathComponent("recipes")
        var arguments = [
            folder.appendingPathComponent("replay_server.py").path,
            folder.appendingPathComponent(routes).path,
        ]
        if let authorization { arguments += ["--authorization", authorization] }
        let process = Process()
        process.executableURL = LocalService.path(of: "python3")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The server prints its port on its first line.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty,
            byte != Data("\n".utf8)
        {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw StartFailure(description: "the replay server printed no port")
        }
        return LocalServer(process: process, port: port)
    }

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    private convenience init(executable: String, arguments: [String], port: Int) throws {
        guard let url = LocalService.path(of: executable) else {
            throw StartFailure(description: "\(executable) is not on PATH")
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.init(process: process, port: port)
    }

    deinit { stop() }

    /// Kills the server with SIGKILL: a child of the test runner may inherit a signal mask
    /// that blocks SIGTERM, and `terminate()` would then never end it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Polls until an HTTP request gets any answer; at most 120 s (moto imports much of boto,
    /// slowly on a loaded machine).
    private func waitUntilAnswering() async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        guard let url = URL(string: baseURL + "/") else { return }
        while ContinuousClock.now < deadline {
            var request = URLRequest(url: url)
            request.timeoutInterval = 2
            if (try? await URLSession.shared.data(for: request)) != nil { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        stop()
        throw StartFailure(description: "the server on port \(port) did not answer")
    }

    /// A port nothing listens on now: bound to 0, read, released.
    private static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw StartFailure(description: "no socket") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw StartFailure(description: "cannot bind a port") }
        var assigned = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &assigned) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(socketFD, $0, &length)
            }
        }
        return Int(UInt16(bigEndian: assigned.sin_port))
    }
}

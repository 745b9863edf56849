import AttestTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Certificates made for one test with the `openssl` command: a test CA and leaf certificates
/// it signs, with exactly the validity and names asked for.
struct TestCertificates {
    let folder: URL
    /// The CA certificate (PEM), the trust anchor of every leaf made here.
    var caCertificate: URL { folder.appendingPathComponent("ca.pem") }

    /// Makes the CA in `folder`.
    init(in folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(
            """
            [ ca ]
            default_ca = test
            [ test ]
            database = index.txt
            new_certs_dir = .
            serial = serial
            default_md = sha256
            policy = anything
            copy_extensions = copy
            unique_subject = no
            [ anything ]
            commonName = supplied

            """.utf8
        ).write(to: folder.appendingPathComponent("ca.cnf"))
        try Data().write(to: folder.appendingPathComponent("index.txt"))
        try Data("01\n".utf8).write(to: folder.appendingPathComponent("serial"))
        try openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=Attest Test CA", "-days", "3650")
    }

    /// A leaf for `names` (DNS names; IP literals become IP entries) valid from `notBefore` to
    /// `notAfter`, signed by the CA (or by itself when `selfSigned`).
    ///
    /// - Returns: The certificate and key files.
    func leaf(
        _ label: String, names: [String] = ["localhost", "127.0.0.1"],
        notBefore: Date = Date().addingTimeInterval(-86_400),
        notAfter: Date = Date().addingTimeInterval(90 * 86_400), selfSigned: Bool = false
    ) throws -> (certificate: URL, key: URL) {
        let alternatives = names.map {
            $0.allSatisfy { $0.isNumber || $0 == "." } ? "IP:\($0)" : "DNS:\($0)"
        }.joined(separator: ",")
        try openssl(
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "\(label).key", "-out", "\(label).csr", "-subj", "/CN=\(names[0])",
            "-addext", "subjectAltName=\(alternatives)")
        var signing = [
            "ca", "-batch", "-config", "ca.cnf", "-in", "\(label).csr", "-out", "\(label).pem",
            "-startdate", Self.stamp(notBefore), "-enddate", Self.stamp(notAfter),
        ]
        signing +=
            selfSigned
            ? ["-selfsign", "-keyfile", "\(label).key"]
            : [
                "-cert", "ca.pem", "-keyfile", "ca.key",
            ]
        try openssl(signing)
        return (
            folder.appendingPathComponent("\(label).pem"),
            folder.appendingPathComponent("\(label).key")
        )
    }

    /// `YYYYMMDDHHMMSSZ`, as `openssl ca` takes dates.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02d%02d%02d%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    private func openssl(_ arguments: String...) throws { try openssl(arguments) }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = LocalService.path(of: "openssl")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServerError(
                "openssl \(arguments.joined(separator: " ")) failed: "
                    + String(decoding: output, as: UTF8.self))
        }
    }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// An `openssl s_server` on 127.0.0.1, started by a test and stopped by it.
final class LocalTLSServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    /// Starts `openssl s_server -www` with `certificate` and `key` and the extra `options`
    /// (`-tls1_3`, `-no_tls1_3`, `-cipher DEFAULT@SECLEVEL=0`…), and waits until it accepts
    /// connections.
    init(certificate: URL, key: URL, options: [String] = []) throws {
        port = try freePort()
        process = Process()
        process.executableURL = LocalService.path(of: "openssl")
        process.arguments =
            [
                "s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate.path, "-key",
                key.path, "-www", "-quiet",
            ] + options
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !canConnect(port: port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw ServerError("openssl s_server did not start on port \(port)")
            }
            usleep(50_000)
        }
    }

    /// Kills the server: `SIGKILL`, since a process spawned from a test's thread inherits a
    /// signal mask that blocks `SIGTERM`.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// A TCP listener on 127.0.0.1 that accepts connections (the kernel completes them) but
/// never says a word: a TLS client waiting for the server's hello waits forever.
final class SilentListener: @unchecked Sendable {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let (descriptor, port) = try listeningSocket()
        self.descriptor = descriptor
        self.port = port
    }

    func stop() { close(descriptor) }
}

/// A port on 127.0.0.1 that nothing listens on (bound, then released).
func freePort() throws -> Int {
    let (descriptor, port) = try listeningSocket()
    close(descriptor)
    return port
}

private func listeningSocket() throws -> (Int32, Int) {
    #if canImport(Glibc)
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw ServerError("socket failed") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    guard bound == 0, listen(descriptor, 16) == 0 else {
        close(descriptor)
        throw ServerError("bind or listen failed")
    }
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            getsockname(descriptor, $0, &length)
        }
    }
    guard named == 0 else {
        close(descriptor)
        throw ServerError("getsockname failed")
    }
    return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
}

private func canConnect(port: Int) -> Bool {
    #if canImport(Glibc)
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    let length = socklen_t(MemoryLayout<sockaddr_in>.size)
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, length) }
    } == 0
}

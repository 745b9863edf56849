import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL server for a test: Debian's `initdb` makes a cluster in a temporary
/// folder, `pg_ctl` starts it on a free loopback port (its unix socket in that folder too), and
/// `stop()` (or release) stops it with `-m immediate` and removes the folder.
///
/// Use with `@Test(.enabled(if: LocalPostgres.available))`: outside CI a machine without the
/// `postgresql` package skips visibly; under `CI=true` the test runs and fails (.ci/run installs
/// it). `initdb` refuses to run as root, so under root the cluster belongs to the `postgres`
/// system user (which the Debian package creates) and both commands run through `runuser`.
///
/// The superuser is `attest` with `password`; TCP connections authenticate with
/// SCRAM-SHA-256, so a wrong password is refused as on a real server.
public final class LocalPostgres: @unchecked Sendable {
    // @unchecked: every property is set in init; `stopped` only changes under `lock`.
    public let port: Int
    public let folder: URL
    public let user = "attest"
    public let password: String
    private let binaries: URL
    private let lock = NSLock()
    private var stopped = false

    /// The newest `/usr/lib/postgresql/<version>/bin` holding `initdb` and `pg_ctl`.
    public static var binaries: URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions =
            (try? FileManager.default.contentsOfDirectory(atPath: root.path))?
            .compactMap { name in Int(name).map { (number: $0, name: name) } }
            .sorted { $0.number > $1.number } ?? []
        for version in versions {
            let bin = root.appendingPathComponent(version.name).appendingPathComponent("bin")
            let tools = ["initdb", "pg_ctl", "createdb", "psql"]
            if tools.allSatisfy({
                FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent($0).path)
            }) {
                return bin
            }
        }
        return nil
    }

    /// True when Debian's PostgreSQL server binaries are installed, or under `CI=true`.
    public static var available: Bool {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        return binaries != nil
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Creates and starts a cluster; throws (with the server's log) when it cannot.
    public init() throws {
        guard let binaries = Self.binaries else {
            throw Failure(
                description: "PostgreSQL is not installed (apt-get install -y postgresql)")
        }
        self.binaries = binaries
        password = "pw-\(UUID().uuidString.prefix(12))"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-pg-\(UUID().uuidString)")
        let data = folder.appendingPathComponent("data")
        let socketFolder = folder.appendingPathComponent("socket")
        try FileManager.default.createDirectory(at: socketFolder, withIntermediateDirectories: true)
        let passwordFile = folder.appendingPathComponent("password")
        try Data(password.utf8).write(to: passwordFile)
        if getuid() == 0 {
            try Self.run(URL(fileURLWithPath: "/usr/bin/chown"), ["-R", "postgres:", folder.path])
        }
        try Self.run(
            "initdb", in: binaries,
            [
                "-D", data.path, "-U", user, "--pwfile", passwordFile.path, "--auth-local=trust",
                "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
            ])
        // A free port can be taken by someone else between the probe and the start: try again.
        var lastError: (any Error)?
        for _ in 0..<5 {
            let candidate = try Self.freePort()
            do {
                try Self.run(
                    "pg_ctl", in: binaries,
                    [
                        "-D", data.path, "-l", folder.appendingPathComponent("server.log").path,
                        "-w", "-t", "60", "-o",
                        "-c listen_addresses=127.0.0.1 -p \(candidate) "
                            + "-c unix_socket_directories=\(socketFolder.path) -c fsync=off "
                            + "-c max_connections=200",
                        "start",
                    ])
                port = candidate
                return
            } catch {
                lastError = error
            }
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"))) ?? ""
        try? FileManager.default.removeItem(at: folder)
        throw Failure(
            description: "the PostgreSQL server did not start: \(lastError.map { "\($0)" } ?? "")"
                + "\n\(log)")
    }

    deinit { stop() }

    /// A new, empty database and its URL (`postgres://attest:PASSWORD@127.0.0.1:PORT/NAME`).
    public func createDatabase(
        _ name: String = "attest_\(UInt32.random(in: 0...UInt32.max))"
    )
        throws -> String
    {
        try run(
            "createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", user, name],
            environment: ["PGPASSWORD": password])
        return url(database: name)
    }

    /// Runs `sql` in `database` with psql, as the superuser (for a test to shape a database).
    public func execute(_ sql: String, database: String) throws {
        try run(
            "psql",
            [
                "-h", "127.0.0.1", "-p", "\(port)", "-U", user, "-d", database, "-v",
                "ON_ERROR_STOP=1", "-c", sql,
            ], environment: ["PGPASSWORD": password])
    }

    /// The URL of `database` with `password` (the server's own by default).
    public func url(database: String, password: String? = nil) -> String {
        "postgres://\(user):\(password ?? self.password)@127.0.0.1:\(port)/\(database)"
    }

    /// Stops the server at once and removes its folder; a second call does nothing.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        try? run(
            "pg_ctl",
            ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs one of the server's programs, as the `postgres` user when the test runs as root.
    private func run(
        _ tool: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws {
        try Self.run(tool, in: binaries, arguments, environment: environment)
    }

    private static func run(
        _ tool: String, in binaries: URL, _ arguments: [String],
        environment: [String: String] = [:]
    ) throws {
        let executable = binaries.appendingPathComponent(tool)
        if getuid() == 0 {
            try Self.run(
                URL(fileURLWithPath: "/usr/sbin/runuser"),
                ["-u", "postgres", "--", executable.path] + arguments, environment: environment)
        } else {
            try Self.run(executable, arguments, environment: environment)
        }
    }

    /// Runs a command to its end (at most two minutes); throws with its output on failure.
    ///
    /// posix_spawn and waitpid, not Foundation's `Process`: `pg_ctl start` leaves the server
    /// running in the background, and the server inherits the descriptor by which `Process`
    /// learns that its child ended, so `Process` would wait for the server, not for pg_ctl.
    private static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:]
    ) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-pg-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(executable.path): error \(spawned)")
        }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(120)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(10_000)
        }
        // Exited normally with status 0 (WIFEXITED and WEXITSTATUS, spelled out: macros).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            throw Failure(
                description: "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) "
                    + "failed (wait status \(status)): \(text)")
        }
    }

    /// A port nobody listens on now: the kernel's pick for a socket bound to port 0.
    private static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw Failure(description: "socket() failed") }
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
        guard bound == 0 else { throw Failure(description: "bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(socketFD, $0, &length)
            }
        }
        guard named == 0 else { throw Failure(description: "getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

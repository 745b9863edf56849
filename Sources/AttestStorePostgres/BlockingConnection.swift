import AttestStore
import Foundation
import Logging
import PostgresNIO

/// One PostgreSQL connection used from synchronous code: the bridge between `ScoreStore`'s
/// synchronous methods and postgres-nio.
///
/// Why futures and `wait()`: the store protocol is synchronous (the CLI and SQLite need nothing
/// else), and postgres-nio does its work on SwiftNIO's event-loop threads. Each call hands its
/// query to the connection's event loop and blocks the *calling* thread on the returned
/// `EventLoopFuture` until the loop answers. The work never needs Swift's cooperative thread
/// pool, so blocking a caller that happens to run on that pool cannot starve the query that
/// would wake it (the deadlock of `Task { await … }` plus a semaphore on a two-core machine).
/// NIO refuses `wait()` on an event-loop thread, and the store is never called from one.
///
/// Bounded: connecting gives up after `connectTimeout`, and every wait after
/// `operationTimeout`, after which the connection is closed (a later call reports it closed)
/// rather than left hanging. Calls are serialised by a lock: one connection carries one
/// transaction at a time.
final class BlockingConnection: @unchecked Sendable {
    // @unchecked: `connection` is set once in init and then only used under `lock`.
    private let connection: PostgresConnection
    private let lock = NSLock()
    private let logger: Logger
    let operationTimeout: TimeAmount
    /// The URL without its password, for every error.
    let location: String

    private struct TimedOut: Error {}

    init(
        _ place: PostgresLocation, connectTimeout: TimeAmount, operationTimeout: TimeAmount
    ) throws(StoreError) {
        location = place.redacted
        self.operationTimeout = operationTimeout
        // No log output: the CLI reports failures itself, as StoreErrors.
        logger = Logger(label: "attest.store.postgres") { _ in SwiftLogNoOpLogHandler() }
        let tls: PostgresConnection.Configuration.TLS
        if place.requiresTLS {
            do {
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            } catch {
                throw StoreError(
                    code: .io, path: location, detail: "cannot set up TLS: \(error)")
            }
        } else {
            tls = .disable
        }
        var configuration = PostgresConnection.Configuration(
            host: place.host, port: place.port, username: place.user, password: place.password,
            database: place.database, tls: tls)
        configuration.options.connectTimeout = connectTimeout
        // The event loops are NIO's process-wide group: created on first use, never shut down,
        // shared with any other NIO user of the process.
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let future = PostgresConnection.connect(
            on: eventLoop, configuration: configuration, id: 1, logger: logger)
        do {
            connection = try Self.wait(for: future, timeout: connectTimeout + .seconds(1))
        } catch {
            future.whenSuccess { let _: EventLoopFuture<Void> = $0.close() }
            throw PostgresErrors.storeError(error, location: location, connecting: true)
        }
    }

    /// Closes the connection and waits (bounded) for it: postgres-nio requires a connection
    /// to be closed before it is released.
    deinit {
        let closed: EventLoopFuture<Void> = connection.close()
        _ = try? Self.wait(for: closed, timeout: .seconds(5))
    }

    /// Runs `body` with the connection held, so no other caller interleaves its queries.
    func exclusively<T>(_ body: (Session) throws(StoreError) -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(Session(owner: self))
    }

    /// The connection while held by `exclusively`.
    struct Session {
        fileprivate let owner: BlockingConnection

        /// Runs one query and returns its rows.
        func query(_ query: PostgresQuery) throws(StoreError) -> [PostgresRow] {
            try owner.wait(owner.connection.query(query, logger: owner.logger)).rows
        }

        /// Sends every query at once (pipelined) and waits for all of them; the first failure
        /// is thrown.
        func pipeline(_ queries: [PostgresQuery]) throws(StoreError) {
            guard !queries.isEmpty else { return }
            let futures = queries.map { owner.connection.query($0, logger: owner.logger) }
            let all = EventLoopFuture.andAllSucceed(futures, on: owner.connection.eventLoop)
            try owner.wait(all)
        }

        /// Runs `sql` with no parameter (transaction control, DDL).
        func execute(_ sql: String) throws(StoreError) {
            _ = try query(PostgresQuery(unsafeSQL: sql))
        }
    }

    /// Waits for `future` at most `operationTimeout`; on a timeout the connection is closed.
    private func wait<T: Sendable>(_ future: EventLoopFuture<T>) throws(StoreError) -> T {
        do {
            return try Self.wait(for: future, timeout: operationTimeout)
        } catch is TimedOut {
            let _: EventLoopFuture<Void> = connection.close()
            throw StoreError(
                code: .io, path: location,
                detail: "the server did not answer within \(operationTimeout.seconds) s; "
                    + "the connection was closed")
        } catch {
            throw PostgresErrors.storeError(error, location: location, connecting: false)
        }
    }

    /// Blocks the calling thread (never an event loop's) until `future` completes or
    /// `timeout` passes.
    private static func wait<T: Sendable>(
        for future: EventLoopFuture<T>, timeout: TimeAmount
    ) throws -> T {
        let promise = future.eventLoop.makePromise(of: T.self)
        let timer = future.eventLoop.scheduleTask(in: timeout) { promise.fail(TimedOut()) }
        future.whenComplete { _ in timer.cancel() }
        // Whichever completes the promise first wins; NIO ignores the second completion.
        future.cascade(to: promise)
        return try promise.futureResult.wait()
    }
}

extension TimeAmount {
    fileprivate var seconds: Int64 { nanoseconds / 1_000_000_000 }
}

/// postgres-nio's errors as `StoreError`s, without the password (PSQLError's own description
/// is generic on purpose; the fields used here carry no credential).
enum PostgresErrors {
    static func storeError(_ error: any Error, location: String, connecting: Bool) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? PSQLError else {
            let what = connecting ? "cannot connect to the server" : "the query failed"
            return StoreError(
                code: .io, path: location,
                detail: "\(what): \(PostgresLocation.redact(String(describing: error)))")
        }
        if error.code == .server, let info = error.serverInfo {
            let state = info[.sqlState] ?? ""
            let message = info[.message] ?? "server error"
            let detail = "\(message) (SQLSTATE \(state))"
            switch state {
            case let code where code.hasPrefix("23"):
                return StoreError(code: .invalidRecord, path: location, detail: detail)
            case "40001", "40P01", "55P03", "57014":
                return StoreError(code: .busy, path: location, detail: detail)
            default:
                return StoreError(code: .io, path: location, detail: detail)
            }
        }
        let reason: String
        switch error.code {
        case .connectionError:
            let underlying = error.underlying.map { String(describing: $0) } ?? "no detail"
            reason = "cannot connect to the server: \(PostgresLocation.redact(underlying))"
        case .serverClosedConnection, .uncleanShutdown:
            reason = "the server closed the connection"
        case .clientClosedConnection:
            reason = "the connection is closed (an earlier call timed out or failed)"
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            reason =
                "authentication failed (\(error.code)); give the password in the URL or "
                + "PGPASSWORD"
        case .sslUnsupported:
            reason = "the server does not offer TLS (sslmode=require)"
        default:
            reason = "PostgreSQL error \(error.code)"
        }
        return StoreError(code: .io, path: location, detail: reason)
    }
}

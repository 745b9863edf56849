import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What a GET returned: status, headers (names lower-cased) and the first bytes of the body.
struct HTTPSnapshot: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var bodyTruncated: Bool
    /// The URL finally answered, after redirects.
    var finalURL: URL?
}

/// Why a request produced no response.
enum HTTPFailure: Error, Equatable, CustomStringConvertible {
    case timedOut
    case transport(String)

    var description: String {
        switch self {
        case .timedOut: "timed out"
        case .transport(let message): message
        }
    }
}

/// One GET with URLSession, stopping the download at the body cap and refusing redirects to
/// anything but http(s).
///
/// A delegate rather than `data(from:)` because the cap must hold while the body streams in:
/// a misconfigured endpoint serving a large file must not be held in memory. The cap bounds
/// the *decoded* body: a gzip response of 2 MB can inflate to gigabytes, and URLSession
/// decodes it before the delegate sees it (see `InlineDelegateQueue`).
struct HTTPFetcher: Sendable {
    /// - Parameter headers: Request headers beyond the User-Agent (an API version, a token).
    func get(
        _ url: URL, timeout: Duration, maxBodyBytes: Int, headers: [(String, String)] = []
    ) async -> Result<
        HTTPSnapshot, HTTPFailure
    > {
        let seconds =
            Double(timeout.components.seconds)
            + Double(timeout.components.attoseconds) / 1e18
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData)
        request.httpMethod = "GET"
        request.timeoutInterval = seconds
        request.setValue("attest-evidence", forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }

        let transfer = Transfer(maxBodyBytes: maxBodyBytes)
        let session = URLSession(
            configuration: configuration, delegate: transfer,
            delegateQueue: InlineDelegateQueue.make())
        defer { session.finishTasksAndInvalidate() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.start(session.dataTask(with: request), continuation: continuation)
            }
        } onCancel: {
            transfer.cancel()
        }
    }
}

#if canImport(FoundationNetworking)
/// A delegate queue that runs each callback at once on the thread that hands it over.
///
/// On Linux, URLSession (libcurl underneath) decodes a compressed body and hands every decoded
/// chunk to the delegate queue without waiting for the delegate. With an ordinary queue the
/// chunks pile up faster than the delegate consumes them: a 2 MB gzip bomb filled 2.3 GB before
/// the delegate's cancellation took effect. Run inline, each chunk is judged (kept under the
/// cap or dropped) before libcurl decodes the next one, so no more than the cap plus one chunk
/// is ever held; the cancellation then ends the transfer at the next turn of the loop.
private final class InlineDelegateQueue: OperationQueue, @unchecked Sendable {
    static func make() -> OperationQueue { InlineDelegateQueue() }

    override func addOperation(_ block: @Sendable @escaping () -> Void) { block() }

    override func addOperation(_ operation: Operation) { operation.start() }

    override func addOperations(_ operations: [Operation], waitUntilFinished wait: Bool) {
        for operation in operations { operation.start() }
    }

    override func addBarrierBlock(_ barrier: @Sendable @escaping () -> Void) { barrier() }
}
#else
/// Apple's URLSession paces delivery to its delegate queue itself; the default queue is used.
private enum InlineDelegateQueue {
    static func make() -> OperationQueue? { nil }
}
#endif

/// The state of one transfer, fed by URLSession's delegate callbacks.
private final class Transfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private let maxBodyBytes: Int
    private var body = Data()
    /// More bytes arrived than the cap allows; the rest is dropped unread.
    private var truncated = false
    private var response: HTTPURLResponse?
    private var task: URLSessionDataTask?
    private var continuation: CheckedContinuation<Result<HTTPSnapshot, HTTPFailure>, Never>?

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = max(0, maxBodyBytes)
    }

    func start(
        _ task: URLSessionDataTask,
        continuation: CheckedContinuation<Result<HTTPSnapshot, HTTPFailure>, Never>
    ) {
        lock.withLock {
            self.task = task
            self.continuation = continuation
        }
        task.resume()
    }

    func cancel() {
        let running: URLSessionDataTask? = lock.withLock { task }
        DispatchQueue.global().async { running?.cancel() }
    }

    private func finish(_ result: Result<HTTPSnapshot, HTTPFailure>) {
        let waiting = lock.withLock {
            let waiting = continuation
            continuation = nil
            return waiting
        }
        waiting?.resume(returning: result)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        lock.withLock { self.response = response as? HTTPURLResponse }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let justFilled = lock.withLock {
            if truncated { return false }  // already over the cap: drop, cancellation pending
            let room = maxBodyBytes - body.count
            if data.count > room {
                body.append(data.prefix(max(0, room)))
                truncated = true
                return true
            }
            body.append(data)
            return false
        }
        // The cap is reached: stop downloading and decoding. Not from this thread: with the
        // inline delegate queue this is URLSession's own queue, which `cancel()` waits for.
        if justFilled { DispatchQueue.global().async { dataTask.cancel() } }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        let scheme = request.url?.scheme?.lowercased()
        // nil keeps the redirect response itself as the answer (its 3xx status is judged).
        completionHandler(scheme == "http" || scheme == "https" ? request : nil)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?
    ) {
        let (response, body, truncated) = lock.withLock {
            (self.response, self.body, self.truncated)
        }
        if let error, !truncated {
            let code = (error as NSError).code
            finish(
                .failure(
                    code == NSURLErrorTimedOut
                        ? .timedOut : .transport(error.localizedDescription)))
            return
        }
        guard let response else {
            finish(.failure(.transport("no HTTP response")))
            return
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            guard let name = name as? String else { continue }
            headers[name.lowercased()] = value as? String ?? "\(value)"
        }
        finish(
            .success(
                HTTPSnapshot(
                    status: response.statusCode, headers: headers, body: body,
                    bodyTruncated: truncated, finalURL: response.url)))
    }
}

import Hummingbird

/// Reads a request body without ever holding more than the limit.
enum BodyReader {
    enum Outcome {
        case bytes([UInt8])
        /// The body (or its announced length) is over the limit: answer 413.
        case tooLarge
    }

    static func read(_ request: Request, limit: Int) async throws -> Outcome {
        if let announced = request.headers[.contentLength].flatMap({ Int($0) }),
            announced > limit
        {
            return .tooLarge
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard bytes.count + buffer.readableBytes <= limit else { return .tooLarge }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return .bytes(bytes)
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer of one output file: text is appended to a fixed-size buffer that is handed
/// to the file (or kept, for an in-memory file) each time it fills, so a table of any length
/// streams out in pieces and is never held whole.
///
/// A write error is kept, later writes are dropped, and ``finish()`` throws it: renderers write
/// without a `try` per cell, and a failed file is never reported as written.
public final class TextSink {
    /// How many bytes are gathered before each write to the file.
    public static let bufferBytes = 1 << 18

    private enum Target {
        case file(descriptor: Int32, path: String)
        case memory
    }

    private let target: Target
    /// The file's path under the output folder.
    public let relativePath: String
    private var buffer: [UInt8] = []
    /// The bytes of an in-memory file, once flushed.
    private var kept = Data()
    private var failure: RenderError?
    private var finished = false

    private init(target: Target, relativePath: String) {
        self.target = target
        self.relativePath = relativePath
        buffer.reserveCapacity(Self.bufferBytes)
    }

    /// A sink that creates (or truncates) the file at `path`.
    static func file(at path: String, relativePath: String) throws(RenderError) -> TextSink {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw RenderError(
                code: .io, detail: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return TextSink(
            target: .file(descriptor: descriptor, path: path), relativePath: relativePath)
    }

    /// A sink that keeps the file's bytes in memory, for callers that gather files (bundles).
    public static func memory(_ relativePath: String) -> TextSink {
        TextSink(target: .memory, relativePath: relativePath)
    }

    /// Appends `text` as UTF-8.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `bytes` as they are.
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, !finished else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferBytes { flush() }
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        switch target {
        case .memory:
            kept.append(contentsOf: buffer)
        case let .file(descriptor, path):
            buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    guard let base = raw.baseAddress else { return }
                    let written = systemWrite(descriptor, base + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        failure = RenderError(
                            code: .io,
                            detail: "cannot write \(path): \(String(cString: strerror(errno)))")
                        return
                    }
                    offset += written
                }
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file.
    ///
    /// - Returns: the bytes of an in-memory sink; empty data for a file.
    /// - Throws: `RenderError` (`render.io`) when any write failed.
    @discardableResult
    public func finish() throws(RenderError) -> Data {
        if !finished {
            flush()
            finished = true
            buffer = []
            if case let .file(descriptor, path) = target, close(descriptor) != 0, failure == nil {
                failure = RenderError(
                    code: .io, detail: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
        }
        if let failure { throw failure }
        return kept
    }

    deinit {
        if !finished, case let .file(descriptor, _) = target { close(descriptor) }
    }
}

/// `write(2)`, named apart from ``TextSink/write(_:)-(String)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}

/// Where renderers that stream put their files: a build's staging folder, or memory (a
/// bundle gathers its files before zipping them).
public protocol ReportDestination {
    /// Creates the file at `relativePath` (folders as needed) and returns its sink.
    func open(_ relativePath: String) throws(RenderError) -> TextSink
    /// Completes a file ``open(_:)`` returned: writes what is buffered and closes it.
    func close(_ sink: TextSink) throws(RenderError)
}

extension ReportDestination {
    /// Opens `relativePath`, lets `body` write it and closes it.
    public func stream(
        to relativePath: String, _ body: (TextSink) throws(RenderError) -> Void
    ) throws(RenderError) {
        let sink = try open(relativePath)
        try body(sink)
        try close(sink)
    }
}

/// Files gathered in memory, keyed by their path under the output folder.
public final class ReportFiles: ReportDestination {
    public private(set) var files: [String: Data] = [:]

    public init() {}

    public func open(_ relativePath: String) throws(RenderError) -> TextSink {
        TextSink.memory(relativePath)
    }

    public func close(_ sink: TextSink) throws(RenderError) {
        files[sink.relativePath] = try sink.finish()
    }
}

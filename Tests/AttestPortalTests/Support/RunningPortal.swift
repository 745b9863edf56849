import AttestTestSupport
import Foundation
import Logging

@testable import AttestPortal

/// A portal started for one test on 127.0.0.1 with a port the system chose, and stopped (its
/// task cancelled, which shuts its service group down) when the test body returns.
enum RunningPortal {
    static func with<T: Sendable>(
        _ configuration: PortalConfiguration, desk: (any AccessDesk)? = nil,
        isHealthy: @escaping @Sendable () async -> Bool = { true },
        logs: LogRecorder = LogRecorder(),
        _ body: (Int) async throws -> T
    ) async throws -> T {
        let server = try PortalServer(
            configuration: configuration, desk: desk, isHealthy: isHealthy,
            logger: Logger(label: "test.portal") { _ in logs })
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { continuation.finish() }
            try await server.run(handlingSignals: false) { continuation.yield($0.port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            _ = try await task.value
            throw RawHTTP.Failure(description: "the portal stopped before listening")
        }
        do {
            let result = try await body(port)
            task.cancel()
            _ = try? await task.value
            return result
        } catch {
            task.cancel()
            _ = try? await task.value
            throw error
        }
    }
}

/// Every log line the portal wrote, message and metadata, for the tests that check what is
/// (not) logged.
final class LogRecorder: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let text = "\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key })"
        lock.withLock { lines.append(text) }
    }

    var all: [String] { lock.withLock { lines } }
}

/// A small built site in a temporary folder, with the traps the static tests need beside it:
/// a secret file outside the site, a link to it inside, a dotfile, a file over the size limit.
struct SiteFixture {
    let parent: URL
    var site: URL { parent.appendingPathComponent("site") }
    /// A file outside the site that must never be served.
    var outsideSecret: URL { parent.appendingPathComponent("secret.txt") }
    static let secretText = "TOP-SECRET-OUTSIDE-THE-SITE"
    static let maxFileBytes = 4096

    init() throws {
        parent = FileManager.default.temporaryDirectory
            .appendingPathComponent("portal-site-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(
            at: site.appendingPathComponent("en"), withIntermediateDirectories: true)
        try manager.createDirectory(
            at: site.appendingPathComponent("fr"), withIntermediateDirectories: true)
        try Data(Self.secretText.utf8).write(to: outsideSecret)
        try Data("<!DOCTYPE html><title>root</title>ROOT-INDEX".utf8)
            .write(to: site.appendingPathComponent("index.html"))
        try Data("<!DOCTYPE html><title>en</title>EN-INDEX".utf8)
            .write(to: site.appendingPathComponent("en/index.html"))
        try Data("<!DOCTYPE html><title>fr</title>FR-INDEX".utf8)
            .write(to: site.appendingPathComponent("fr/index.html"))
        try Data("body { color: black; }".utf8).write(to: site.appendingPathComponent("style.css"))
        try Data(#"{"a":1}"#.utf8).write(to: site.appendingPathComponent("trust-center.json"))
        try Data("hidden".utf8).write(to: site.appendingPathComponent(".env"))
        try Data(repeating: 65, count: Self.maxFileBytes + 1)
            .write(to: site.appendingPathComponent("large.txt"))
        try manager.createSymbolicLink(
            at: site.appendingPathComponent("leak.txt"), withDestinationURL: outsideSecret)
        try manager.createSymbolicLink(
            at: site.appendingPathComponent("up"), withDestinationURL: parent)
    }

    func configuration(
        behindTLS: Bool = false, trustProxy: Bool = false, limits: PortalLimits? = nil,
        content: PortalContent = PortalContent(labels: TestLabels.portal)
    ) throws -> PortalConfiguration {
        var chosen = limits ?? PortalLimits()
        if limits == nil { chosen.maxFileBytes = Self.maxFileBytes }
        return PortalConfiguration(
            siteFolder: site, listen: ListenAddress(host: "127.0.0.1", port: 0),
            behindTLS: behindTLS, trustProxy: trustProxy,
            secret: try PortalSecret(TestSecret.text), limits: chosen, content: content)
    }

    func remove() { try? FileManager.default.removeItem(at: parent) }
}

enum TestSecret {
    static let text = "a-test-secret-of-more-than-thirty-two-bytes-0123456789"
}

/// The `portal_*` labels of the bundled locale files, read with a line scan of this test
/// target's own (the files are flat `key: "value"` lines).
enum TestLabels {
    static let portal: [String: [String: String]] = {
        var result: [String: [String: String]] = [:]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for locale in ["en", "fr"] {
            let url = root.appendingPathComponent("templates/locales/\(locale).yaml")
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            var labels: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("portal_"), let colon = trimmed.firstIndex(of: ":") else {
                    continue
                }
                let key = String(trimmed[..<colon])
                var value = trimmed[trimmed.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                labels[key] = value
            }
            result[locale] = labels
        }
        return result
    }()
}

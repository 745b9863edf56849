import Foundation

/// A folder under the temporary directory, removed when the value is released.
public final class TemporaryWorkspace: @unchecked Sendable {
    public let root: URL

    public init() throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("attest-tests")
            .appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        // Resolve /tmp links once so paths compare equal to what Attest reports.
        root = base.resolvingSymlinksInPath()
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    @discardableResult
    public func write(_ path: String, _ text: String, executable: Bool = false) throws -> URL {
        try write(path, Data(text.utf8), executable: executable)
    }

    @discardableResult
    public func write(_ path: String, _ data: Data, executable: Bool = false) throws -> URL {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        if executable {
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        return url
    }

    /// A symbolic link at `path` whose target text is `destination`.
    public func link(_ path: String, to destination: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: url.path, withDestinationPath: destination)
    }

    public func setModified(_ path: String, _ date: Date) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: date], ofItemAtPath: root.appendingPathComponent(path).path)
    }

    /// The text of a file in the folder.
    public func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}

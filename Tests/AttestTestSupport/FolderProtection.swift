import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every entry of a folder (not recursive) with its bytes, to show that something left a folder
/// exactly as it was: no file changed, none added (`-wal`, `-shm`, `.lock`), none removed.
public struct FolderSnapshot: Equatable, CustomStringConvertible {
    public var entries: [String: Data]

    public init(_ folder: URL) throws {
        var entries: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(name)
            let type = try FileManager.default.attributesOfItem(atPath: url.path)[.type]
            // Only regular files are read: reading a FIFO would block. Others count by type.
            entries[name] =
                type as? FileAttributeType == .typeRegular
                ? try Data(contentsOf: url) : Data("<\(String(describing: type))>".utf8)
        }
        self.entries = entries
    }

    public var description: String {
        entries.keys.sorted().map { "\($0) (\(entries[$0]?.count ?? 0) bytes)" }.joined(
            separator: ", ")
    }
}

/// Makes a folder and its files read-only, even for root, for tests of read-only stores.
///
/// Permission bits do not bind root (CI runs as root), so there the immutable attribute
/// (`chattr +i`) is set too. `protect` checks that creating a file really fails, so a test
/// never passes on a folder that was writable after all.
public enum FolderProtection {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Makes `folder` and the files in it read-only.
    public static func protect(_ folder: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).map {
            folder.appendingPathComponent($0).path
        }
        for file in files { chmod(file, 0o444) }
        chmod(folder.path, 0o555)
        if geteuid() == 0 { try chattr("+i", files + [folder.path]) }
        let probe = folder.appendingPathComponent(".write-probe").path
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if descriptor >= 0 {
            close(descriptor)
            unlink(probe)
            throw Failure(description: "\(folder.path) is still writable")
        }
    }

    /// Makes `folder` and its files writable again, so it can be removed.
    public static func release(_ folder: URL) {
        let files =
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).map {
                folder.appendingPathComponent($0).path
            }
        if geteuid() == 0 { try? chattr("-i", [folder.path] + files) }
        chmod(folder.path, 0o755)
        for file in files { chmod(file, 0o644) }
    }

    private static func chattr(_ flag: String, _ paths: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag] + paths
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "chattr \(flag) failed for \(paths)")
        }
    }
}

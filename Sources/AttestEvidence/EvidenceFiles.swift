import AttestCore
import AttestSystem
import Foundation

/// The evidence files of one run: the workspace folder resolved once, and one read and one hash
/// for a file that several specs name (a `test-results.xml` judged by three junit specs, a
/// document checked by a json and a file spec).
///
/// Every read still goes through ``WorkspaceRoot/open(_:limit:)``. A shared file's bytes are
/// kept only until the last spec naming it has finished, and never more than
/// ``sharedBytesLimit`` in all: past that a spec reads the file again itself, so memory stays
/// bounded by the size limits, not by the number of files. The runner creates one per run
/// (``EvidenceRunner/run(_:context:)``); a collector called directly reads without one.
public final class EvidenceFiles: @unchecked Sendable {
    /// The workspace folder as the run's context names it.
    let rootURL: URL
    private let root: Result<WorkspaceRoot, ConfinementError>
    /// Guards `pending`, `entries` and `sharedBytes`.
    private let lock = NSLock()
    /// For each path named by two or more specs, how many of them have not finished.
    private var pending: [WorkspacePath: Int]
    private var entries: [Key: Entry] = [:]
    private var sharedBytes = 0

    /// Most bytes of shared files kept at once.
    static let sharedBytesLimit = 64 << 20

    private struct Key: Hashable {
        var path: WorkspacePath
        var limit: Int
    }

    /// One shared read: its own lock makes a second spec wait for the first one's read
    /// instead of reading the file again.
    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var read: Result<ArtifactFile, ArtifactFile.Problem>?
    }

    /// - Parameters:
    ///   - root: The workspace folder, resolved once here.
    ///   - namedPaths: The paths each spec of the run reads, one list per spec (repeats within
    ///     one list count once).
    public init(root: URL, namedPaths: [[WorkspacePath]]) {
        rootURL = root
        do { self.root = .success(try WorkspaceRoot(root)) } catch { self.root = .failure(error) }
        var counts: [WorkspacePath: Int] = [:]
        for paths in namedPaths {
            for path in Set(paths) { counts[path, default: 0] += 1 }
        }
        pending = counts.filter { $0.value > 1 }
    }

    /// Reads `path` whole (at most `limit` bytes) and hashes it, once for all specs naming it.
    func read(_ path: WorkspacePath, limit: Int) -> Result<ArtifactFile, ArtifactFile.Problem> {
        let entry: Entry? = lock.withLock {
            guard pending[path] != nil else { return nil }
            let key = Key(path: path, limit: limit)
            if let entry = entries[key] { return entry }
            let entry = Entry()
            entries[key] = entry
            return entry
        }
        guard let entry else { return readOnce(path, limit: limit) }
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if let read = entry.read { return read }
        let read = readOnce(path, limit: limit)
        let size = (try? read.get())?.data.count ?? 0
        lock.withLock {
            guard entries[Key(path: path, limit: limit)] === entry,
                sharedBytes + size <= Self.sharedBytesLimit
            else { return }
            entry.read = read
            sharedBytes += size
        }
        return read
    }

    /// Called as each spec finishes: the bytes of a shared file are dropped once every spec
    /// naming it is done.
    func finished(_ paths: [WorkspacePath]) {
        lock.withLock {
            for path in Set(paths) {
                guard let count = pending[path] else { continue }
                guard count <= 1 else {
                    pending[path] = count - 1
                    continue
                }
                pending[path] = nil
                for key in entries.keys where key.path == path {
                    if let entry = entries.removeValue(forKey: key),
                        case .success(let file) = entry.read
                    {
                        sharedBytes -= file.data.count
                    }
                }
            }
        }
    }

    private func readOnce(
        _ path: WorkspacePath, limit: Int
    ) -> Result<ArtifactFile, ArtifactFile.Problem> {
        switch root {
        case .success(let workspace): ArtifactFile.read(path, in: workspace, limit: limit)
        case .failure(let error): .failure(ArtifactFile.Problem(error))
        }
    }
}

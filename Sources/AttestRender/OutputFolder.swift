import CAttestSystem
import Foundation

/// Writes a build's output into a temporary sibling folder, then swaps it into place, so a
/// failed or killed build leaves the previous output intact.
public struct OutputFolder: Sendable {
    /// The final folder, e.g. `reports/`.
    public let destination: URL
    /// Where files are written until `commit()`.
    public let staging: URL

    /// Creates an empty staging folder beside `destination` (same file system, so the final
    /// rename is atomic).
    public init(destination: URL) throws(RenderError) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appendingPathComponent(
            ".\(self.destination.lastPathComponent).staging-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw RenderError(
                code: .io, detail: "cannot create \(staging.path): \(error.localizedDescription)")
        }
    }

    /// Writes `data` at `relativePath` inside the staging folder, creating folders as needed.
    public func write(_ data: Data, to relativePath: String) throws(RenderError) {
        guard !relativePath.split(separator: "/").contains(".."), !relativePath.hasPrefix("/")
        else {
            throw RenderError(
                code: .io, detail: "output path '\(relativePath)' leaves the output folder")
        }
        let url = staging.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw RenderError(
                code: .io, detail: "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    public func write(_ text: String, to relativePath: String) throws(RenderError) {
        try write(Data(text.utf8), to: relativePath)
    }

    /// Replaces `destination` with the staged folder. Files of the destination that a build
    /// does not produce (such as `README.md`) are carried over first.
    ///
    /// With an existing destination the two folders are exchanged in one system call
    /// (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on macOS), so readers
    /// see either the whole old output or the whole new one; the old one is then removed. Where
    /// the file system cannot exchange, the old folder is renamed aside first.
    public func commit(keeping kept: [String] = ["README.md"]) throws(RenderError) {
        let manager = FileManager.default
        do {
            for name in kept {
                let old = destination.appendingPathComponent(name)
                let new = staging.appendingPathComponent(name)
                if manager.fileExists(atPath: old.path), !manager.fileExists(atPath: new.path) {
                    try manager.copyItem(at: old, to: new)
                }
            }
            guard manager.fileExists(atPath: destination.path) else {
                try manager.moveItem(at: staging, to: destination)
                return
            }
            if attest_exchange_paths(staging.path, destination.path) == 0 {
                // `staging` now holds the previous output.
                try manager.removeItem(at: staging)
                return
            }
            let previous = destination.deletingLastPathComponent()
                .appendingPathComponent(
                    ".\(destination.lastPathComponent).previous-\(UUID().uuidString)")
            try manager.moveItem(at: destination, to: previous)
            try manager.moveItem(at: staging, to: destination)
            try manager.removeItem(at: previous)
        } catch {
            throw RenderError(
                code: .io,
                detail:
                    "cannot move the output into \(destination.path): \(error.localizedDescription)"
            )
        }
    }

    /// Removes the staging folder (after a failure).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

import CAttestSystem
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a build's output into a temporary sibling folder, then swaps it into place, so a
/// failed or killed build leaves the previous output intact.
///
/// Attest only ever replaces a folder it wrote: every output carries a marker file
/// (``markerName``), and an existing destination without it is refused unless it is empty.
/// Staging folders are named after the build's process, carry the marker and a `.gitignore`
/// of their own (so a killed build's leftovers never show in `git status`), and are removed by
/// the next build once their process is gone.
public struct OutputFolder: Sendable {
    /// The final folder, e.g. `reports/`.
    public let destination: URL
    /// Where files are written until `commit()`.
    public let staging: URL

    /// The file that marks a folder as a build's output.
    public static let markerName = ".attest-output"
    static let markerText = """
        This folder is written by `attest build` and replaced whole on every build.
        Attest refuses to replace a folder without this file.

        """

    /// Creates an empty staging folder beside `destination` (same file system, so the final
    /// rename is atomic), after removing the staging folders of builds that died.
    ///
    /// - Throws: `RenderError` (`render.foreign-output`) when `destination` exists, is not
    ///   empty and has no marker: it is not Attest's to replace.
    public init(destination: URL) throws(RenderError) {
        self.destination = destination.standardizedFileURL
        try Self.checkOwnership(of: self.destination)
        let parent = self.destination.deletingLastPathComponent()
        Self.removeAbandonedStaging(beside: self.destination)
        staging = parent.appendingPathComponent(
            "\(Self.stagingPrefix(for: self.destination))\(getpid())-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data(Self.markerText.utf8).write(
                to: staging.appendingPathComponent(Self.markerName))
            try Data("*\n".utf8).write(to: staging.appendingPathComponent(".gitignore"))
        } catch {
            throw RenderError(
                code: .io, detail: "cannot create \(staging.path): \(error.localizedDescription)")
        }
    }

    /// `.reports.staging-` for `reports`: the start of every staging folder name of a
    /// destination, followed by the process id and a UUID.
    static func stagingPrefix(for destination: URL) -> String {
        ".\(destination.lastPathComponent).staging-"
    }

    /// Refuses a destination that exists and is not Attest's output.
    static func checkOwnership(of destination: URL) throws(RenderError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: destination.path, isDirectory: &isDirectory) else {
            return
        }
        guard isDirectory.boolValue else {
            throw RenderError(
                code: .foreignOutput,
                detail: "\(destination.path) is a file; the output must be a folder")
        }
        let names = (try? manager.contentsOfDirectory(atPath: destination.path)) ?? []
        if names.isEmpty || names.contains(markerName) { return }
        throw RenderError(
            code: .foreignOutput,
            detail: "refusing to replace \(destination.path): it is not empty and has no "
                + "\(markerName) marker, so attest build did not write it; choose a new or "
                + "empty folder")
    }

    /// Removes the staging folders beside `destination` whose build process no longer runs and
    /// that carry the marker (so nothing Attest did not write is ever removed).
    static func removeAbandonedStaging(beside destination: URL) {
        let manager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let prefix = stagingPrefix(for: destination)
        let names = (try? manager.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }),
                !isRunning(pid)
            else { continue }
            let folder = parent.appendingPathComponent(name)
            guard manager.fileExists(atPath: folder.appendingPathComponent(markerName).path)
            else { continue }
            try? manager.removeItem(at: folder)
        }
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// The staging URL of `relativePath`, its folders created; a path leaving the folder is
    /// refused.
    private func stagedFile(_ relativePath: String) throws(RenderError) -> URL {
        guard !relativePath.split(separator: "/").contains(".."), !relativePath.hasPrefix("/")
        else {
            throw RenderError(
                code: .io, detail: "output path '\(relativePath)' leaves the output folder")
        }
        let url = staging.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw RenderError(
                code: .io, detail: "cannot write \(url.path): \(error.localizedDescription)")
        }
        return url
    }

    /// Writes `data` at `relativePath` inside the staging folder, creating folders as needed.
    public func write(_ data: Data, to relativePath: String) throws(RenderError) {
        let url = try stagedFile(relativePath)
        do {
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
            // The staging folder's own `.gitignore` hid it from git; the output needs none.
            try? manager.removeItem(at: staging.appendingPathComponent(".gitignore"))
            try Self.checkOwnership(of: destination)
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
            // Named like a staging folder, so a build killed here is cleaned up by the next.
            let previous = destination.deletingLastPathComponent()
                .appendingPathComponent(
                    "\(Self.stagingPrefix(for: destination))\(getpid())-\(UUID().uuidString)")
            try manager.moveItem(at: destination, to: previous)
            try manager.moveItem(at: staging, to: destination)
            try manager.removeItem(at: previous)
        } catch let error as RenderError {
            throw error
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

extension OutputFolder: ReportDestination {
    /// A buffered sink into the file at `relativePath` inside the staging folder: a big table
    /// goes to disk in fixed-size pieces instead of being gathered first.
    public func open(_ relativePath: String) throws(RenderError) -> TextSink {
        try TextSink.file(at: try stagedFile(relativePath).path, relativePath: relativePath)
    }

    public func close(_ sink: TextSink) throws(RenderError) {
        try sink.finish()
    }
}

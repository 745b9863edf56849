import Foundation

/// Puts a new workspace's files into a folder without replacing anything it must not.
///
/// Every file is first written into a staging folder Attest creates (and alone removes); only
/// when all of them are written and the staged workspace has loaded are they moved into place.
/// A folder that did not exist is created by renaming the staging folder, so it appears whole
/// or not at all; in an existing folder each file is linked into place, which fails rather than
/// replace a file that appeared meanwhile (`--force` renames over regular files instead).
struct ScaffoldWriter {
    /// The workspace folder; it may not exist yet.
    var destination: URL
    /// Whether existing regular files at the scaffold's paths are replaced.
    var force: Bool

    /// Refuses paths the scaffold must not write through or over, before anything is written:
    /// a parent on the way that is a link or not a folder, an existing entry that is not a
    /// regular file (even with `--force`), and without `--force` any existing file.
    ///
    /// - Throws: `UnreadableInput` naming every path in the way.
    func check(_ paths: [String]) throws {
        guard let kind = Self.kind(destination) else { return }
        guard kind == .typeDirectory else {
            throw UnreadableInput(
                description: "\(destination.path) exists and is not a folder; "
                    + "give attest init an empty or new folder")
        }
        var blocked: [String] = []
        var existing: [String] = []
        for path in paths {
            let components = path.split(separator: "/").map(String.init)
            var url = destination
            for parent in components.dropLast() {
                url.appendPathComponent(parent)
                if let kind = Self.kind(url), kind != .typeDirectory {
                    blocked.append("\(relative(url)) is \(Self.describe(kind)), not a folder")
                    break
                }
            }
            let target = destination.appendingPathComponent(path)
            switch Self.kind(target) {
            case nil: continue
            case .typeRegular?: existing.append(path)
            case let other?:
                blocked.append("\(path) is \(Self.describe(other)); attest init never replaces one")
            }
        }
        if !blocked.isEmpty {
            throw UnreadableInput(
                description: "cannot write the workspace into \(destination.path):\n  "
                    + Array(Set(blocked)).sorted().joined(separator: "\n  "))
        }
        if !existing.isEmpty && !force {
            throw UnreadableInput(
                description: "\(destination.path) already holds "
                    + existing.sorted().joined(separator: ", ")
                    + "; nothing was written (--force replaces these files)")
        }
    }

    /// Writes `files` into a new staging folder and returns it.
    func stage(_ files: [(path: String, text: String)]) throws -> URL {
        let exists = Self.kind(destination) != nil
        let parent = exists ? destination : destination.deletingLastPathComponent()
        guard Self.kind(parent) == .typeDirectory else {
            throw UnreadableInput(
                description: "\(parent.path) does not exist; create it first, or name a folder "
                    + "inside an existing one")
        }
        let staging = parent.appendingPathComponent(".attest-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        do {
            for file in files { try Self.write(file.text, to: staging, at: file.path) }
        } catch {
            discard(staging)
            throw UnreadableInput(
                description: "cannot write into \(parent.path): \(error.localizedDescription)")
        }
        return staging
    }

    /// Adds one more file to a staging folder.
    static func write(_ text: String, to staging: URL, at path: String) throws {
        let url = staging.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .withoutOverwriting)
    }

    /// Moves the staged files of `paths` into place and removes the staging folder.
    func place(_ staging: URL, paths: [String]) throws {
        defer { discard(staging) }
        if Self.kind(destination) == nil {
            guard rename(staging.path, destination.path) == 0 else {
                throw failure("cannot create \(destination.path)")
            }
            return
        }
        // Files this call created, removed again if a later one cannot be placed, so a failure
        // leaves the folder as it was (with --force, a replaced file stays replaced).
        var created: [URL] = []
        for path in paths.sorted() {
            let source = staging.appendingPathComponent(path)
            let target = destination.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if force {
                    guard rename(source.path, target.path) == 0 else {
                        throw failure("cannot write \(target.path)")
                    }
                } else {
                    try placeWithoutReplacing(source, at: target)
                    created.append(target)
                }
            } catch {
                for url in created { unlink(url.path) }
                throw error
            }
        }
    }

    /// Moves `source` to `target` only if nothing is there: link() fails with EEXIST rather than
    /// replace. Where the file system has no hard links, rename() follows a fresh check.
    private func placeWithoutReplacing(_ source: URL, at target: URL) throws {
        if link(source.path, target.path) == 0 {
            unlink(source.path)
            return
        }
        let linkError = errno
        guard linkError == EPERM || linkError == ENOTSUP || linkError == EOPNOTSUPP,
            Self.kind(target) == nil, rename(source.path, target.path) == 0
        else {
            if linkError == EEXIST {
                throw UnreadableInput(
                    description: "\(target.path) appeared while attest init ran; nothing was "
                        + "replaced (--force replaces it)")
            }
            throw failure("cannot write \(target.path)", code: linkError)
        }
    }

    /// Removes a staging folder this writer created (after `place`, only empty folders).
    func discard(_ staging: URL) {
        guard staging.lastPathComponent.hasPrefix(".attest-init-") else { return }
        try? FileManager.default.removeItem(at: staging)
    }

    private func failure(_ what: String, code: Int32 = errno) -> UnreadableInput {
        UnreadableInput(description: "\(what): \(String(cString: strerror(code)))")
    }

    private func relative(_ url: URL) -> String {
        String(url.path.dropFirst(destination.path.count + 1))
    }

    /// The type of the entry at `url` itself (a link is reported as a link), nil if absent.
    static func kind(_ url: URL) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type]
            as? FileAttributeType
    }

    static func describe(_ kind: FileAttributeType) -> String {
        switch kind {
        case .typeSymbolicLink: "a symbolic link"
        case .typeDirectory: "a folder"
        case .typeRegular: "a file"
        default: "a special file"
        }
    }
}

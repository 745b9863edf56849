import CAttestSystem
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The workspace folder, resolved once, and the one gate through which Attest reads any file on
/// the workspace's behalf: catalogs, includes, templates, partials, locales, scope manifests,
/// public keys, evidence and attachments.
///
/// A workspace is written by people who may not be trusted with the machine that builds it (a
/// pull request runs in CI with secrets in its environment). So a read is refused when the file
/// it reaches, with every symbolic link resolved, lies outside the workspace or inside one of the
/// folders that hold credentials or private state (``privateFolders``), when it is not a regular
/// file (a FIFO would hang the build, a device would never end), or when it is larger than the
/// caller's limit. The check is made on the opened descriptor, so swapping a link between the
/// check and the read does not help: see ``open(_:limit:)``.
public struct WorkspaceRoot: Hashable, Sendable, CustomStringConvertible {
    /// The folder as given (standardised), for messages and for paths shown to people.
    public let url: URL
    /// The folder with every symbolic link resolved: the boundary every read is checked against.
    public let realPath: String

    /// Folders inside a workspace that are never read on its behalf, whatever links point at
    /// them: `.git` (CI checkouts keep the repository token in `.git/config`) and `.attest`
    /// (the store, with every internal result).
    public static let privateFolders: Set<String> = [".git", ".attest"]

    /// Whether a component of `relative` (a workspace path) is one of ``privateFolders``: a
    /// scan of its bytes that builds no array of components, for every path a build looks at.
    static func entersPrivateFolder(_ relative: String) -> Bool {
        let bytes = relative.utf8
        var start = bytes.startIndex
        while true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
            let component = bytes[start..<end]
            if privateFolders.contains(where: { $0.utf8.elementsEqual(component) }) { return true }
            guard end < bytes.endIndex else { return false }
            start = bytes.index(after: end)
        }
    }

    /// Resolves `url`, which must be an existing folder.
    ///
    /// - Throws: `ConfinementError` when the folder does not exist or is not a folder.
    public init(_ url: URL) throws(ConfinementError) {
        self.url = url.standardizedFileURL
        guard let real = Self.realPath(self.url.path) else {
            throw ConfinementError(.missing, self.url.path, "the workspace folder does not exist")
        }
        var status = stat()
        guard stat(real, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw ConfinementError(.notRegularFile, self.url.path, "the workspace is not a folder")
        }
        realPath = real
    }

    public var description: String { url.path }

    /// What a workspace path leads to, without reading it.
    public enum Entry: Equatable, Sendable {
        /// A regular file inside the workspace; the URL has every link resolved.
        case file(URL)
        /// A folder inside the workspace.
        case folder(URL)
        /// Nothing there, and nothing on the way leaves the workspace.
        case missing
    }

    /// Where `path` leads, for checks that must not read (such as `attest validate`).
    ///
    /// - Throws: `ConfinementError` (`unsafe-path`) when a link leads outside the workspace or
    ///   into a private folder, or (`not-a-file`) for a FIFO, socket or device.
    public func locate(_ path: WorkspacePath) throws(ConfinementError) -> Entry {
        if let entry = locateWithoutLinks(path) { return entry }
        return try locateByResolving(path)
    }

    /// What a workspace path leads to, when only its type matters.
    public enum Kind: Equatable, Sendable {
        case file, folder, missing
    }

    /// What each of `paths` leads to, in order: what ``locate(_:)`` says of it, or its error.
    ///
    /// For checks of many paths at once (`attest validate` looks at every file 100,000
    /// evidence items name): the paths are looked at on every core, in runs of consecutive
    /// paths; where the kernel has `openat2(2)`, a run opens each folder once from one
    /// descriptor of the workspace folder (``FolderLooker``), and each file is one `fstatat(2)`
    /// in its folder, with no URL made. A look that cannot decide there (a link, a private
    /// folder, anything but a regular file or a folder) is decided by ``locate(_:)``.
    public func kinds(of paths: [WorkspacePath]) -> [Result<Kind, ConfinementError>] {
        #if os(Linux)
        let root = attest_open_folder_for_looks(realPath)
        defer { if root >= 0 { close(root) } }
        #endif
        let run = 512
        let starts = Array(stride(from: 0, to: paths.count, by: run))
        return starts.concurrentMap { start in
            #if os(Linux)
            var looker = root >= 0 ? FolderLooker(root: root) : nil
            defer { looker?.close() }
            #endif
            return paths[start..<min(start + run, paths.count)].map { path in
                Result { () throws(ConfinementError) -> Kind in
                    #if os(Linux)
                    if let kind = looker?.kind(of: path) { return kind }
                    #endif
                    switch try locate(path) {
                    case .file: return .file
                    case .folder: return .folder
                    case .missing: return .missing
                    }
                }
            }
        }.flatMap { $0 }
    }

    #if os(Linux)
    /// Looks at paths from the open workspace folder `root` without following any link: the
    /// folder of a path is opened beneath `root` by one `openat2(2)` that refuses every link
    /// and any way out (``attest_open_folder_beneath``), and kept while the next paths are in
    /// the same folder; the file is then one `fstatat(2)` that does not follow a link. Nil when
    /// that cannot decide. As in ``locateWithoutLinks(_:oneCall:)``, something missing is
    /// decided only when every component before it is a plain folder.
    struct FolderLooker {
        let root: Int32
        /// The folder last opened (a workspace path) and what opening it gave.
        private var folder: (path: Substring, look: FolderLook)?

        private enum FolderLook {
            case open(Int32)
            /// A component is missing, and every one before it is a folder.
            case missing
            /// A link, a non-folder on the way, or another error.
            case undecided
        }

        init(root: Int32) { self.root = root }

        mutating func kind(of path: WorkspacePath) -> Kind? {
            let relative = path.relative
            guard !relative.isEmpty, !WorkspaceRoot.entersPrivateFolder(relative) else {
                return nil
            }
            let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/"))
            let name = slash.map { relative[relative.utf8.index(after: $0)...] } ?? relative[...]
            guard !name.isEmpty else { return nil }
            let descriptor: Int32
            if let slash {
                switch look(at: relative[..<slash]) {
                case .open(let opened): descriptor = opened
                case .missing: return .missing
                case .undecided: return nil
                }
            } else {
                descriptor = root
            }
            var status = stat()
            guard fstatat(descriptor, String(name), &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                return errno == ENOENT ? .missing : nil
            }
            switch status.st_mode & S_IFMT {
            case S_IFREG: return .file
            case S_IFDIR: return .folder
            default: return nil
            }
        }

        /// The folder at `inside`, opened once for as many consecutive paths as lie in it.
        private mutating func look(at inside: Substring) -> FolderLook {
            if let folder, folder.path == inside { return folder.look }
            close()
            let descriptor = attest_open_folder_beneath(root, String(inside))
            let look: FolderLook =
                descriptor >= 0 ? .open(descriptor) : errno == ENOENT ? .missing : .undecided
            folder = (inside, look)
            return look
        }

        /// Closes the folder held open, if any.
        mutating func close() {
            if case .open(let descriptor)? = folder?.look { Glibc.close(descriptor) }
            folder = nil
        }
    }
    #endif

    /// `locate` by `realpath(3)`, whatever is on the way: what decides whenever the look
    /// without links cannot.
    func locateByResolving(_ path: WorkspacePath) throws(ConfinementError) -> Entry {
        let candidate = url.appendingPathComponent(path.relative).path
        guard let real = Self.realPath(candidate) else {
            try checkDeepestAncestor(of: candidate, for: path)
            return .missing
        }
        try checkInside(real, for: path)
        var status = stat()
        guard stat(real, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file(URL(fileURLWithPath: real, isDirectory: false))
        case S_IFDIR: return .folder(URL(fileURLWithPath: real, isDirectory: true))
        default:
            throw ConfinementError(.notRegularFile, path.relative, "\(path) is not a regular file")
        }
    }

    /// Opens `path` for reading: the one confinement function.
    ///
    /// The path is resolved and checked before opening (so nothing outside is even opened),
    /// opened without blocking (a FIFO cannot hang the build), then resolved and checked again:
    /// the opened descriptor's device and inode must be those of the file the path leads to
    /// after the open, inside the workspace, so a folder swapped for a link between the check
    /// and the open is refused.
    ///
    /// - Parameter limit: the largest size accepted, in bytes; reads stop there too, so a file
    ///   that grows after the check cannot exceed it.
    /// A path with no link on it is first walked from the workspace folder without following
    /// anything (``openWithoutLinks(_:limit:)``, a few system calls); anything else (a link, a
    /// missing entry, a private folder) takes the full resolution below, which decides.
    ///
    /// - Throws: `ConfinementError`: `missing`, `unsafe-path`, `not-a-file`, `too-large`,
    ///   `unreadable`.
    public func open(_ path: WorkspacePath, limit: Int) throws(ConfinementError) -> ConfinedFile {
        #if os(Linux)
        if let file = try openWithoutLinks(path, limit: limit) { return file }
        #endif
        let resolved: URL
        switch try locate(path) {
        case .file(let url): resolved = url
        case .folder:
            throw ConfinementError(.notRegularFile, path.relative, "\(path) is a folder")
        case .missing:
            throw ConfinementError(.missing, path.relative, "\(path) does not exist")
        }
        let descriptor = openReadOnly(resolved.path)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT {
                throw ConfinementError(.missing, path.relative, "\(path) does not exist")
            }
            throw ConfinementError(
                .unreadable, path.relative,
                "cannot open \(path): \(String(cString: strerror(code)))")
        }
        let file = ConfinedFile(descriptor: descriptor, path: path, resolved: resolved)
        // A folder on the resolved path may have been swapped for a link since it was resolved:
        // resolve again and require the same file as the one opened.
        var opened = stat()
        var expected = stat()
        guard let after = Self.realPath(resolved.path) else {
            throw ConfinementError(
                .unsafePath, path.relative, "\(path) changed while it was being opened")
        }
        try checkInside(after, for: path)
        guard fstat(descriptor, &opened) == 0, stat(after, &expected) == 0,
            opened.st_dev == expected.st_dev, opened.st_ino == expected.st_ino
        else {
            throw ConfinementError(
                .unsafePath, path.relative, "\(path) changed while it was being opened")
        }
        guard opened.st_mode & S_IFMT == S_IFREG else {
            throw ConfinementError(.notRegularFile, path.relative, "\(path) is not a regular file")
        }
        // The open was non-blocking for FIFOs only; reads of a regular file may block.
        _ = fcntl(descriptor, F_SETFL, 0)
        let size = Int(opened.st_size)
        guard size <= limit else {
            throw ConfinementError.tooLarge(path, size: size, limit: limit)
        }
        file.limit = limit
        file.size = size
        return file
    }

    /// Reads the whole of `path` (at most `limit` bytes) through ``open(_:limit:)``.
    public func read(_ path: WorkspacePath, limit: Int) throws(ConfinementError) -> ConfinedData {
        let file = try open(path, limit: limit)
        return ConfinedData(path: path, resolved: file.resolved, data: try file.readAll())
    }

    /// Checks the text of `relative`, then reads it; for callers holding a plain string.
    public func read(_ relative: String, limit: Int) throws(ConfinementError) -> ConfinedData {
        try read(Self.path(relative), limit: limit)
    }

    /// The workspace path of `relative`, or an `unsafe-path` error naming the text problem.
    public static func path(_ relative: String) throws(ConfinementError) -> WorkspacePath {
        do { return try WorkspacePath(relative) } catch {
            throw ConfinementError(.unsafePath, relative, "'\(relative)': \(error)")
        }
    }

    /// The workspace-relative form of a resolved path inside the workspace, or nil outside.
    public func relativePath(ofResolved real: String) -> String? {
        if real == realPath { return "" }
        let prefix = realPath.hasSuffix("/") ? realPath : realPath + "/"
        guard real.hasPrefix(prefix) else { return nil }
        return String(real.dropFirst(prefix.count))
    }

    // MARK: - Looking without links

    /// `locate` in the common case: `path` looked at from the workspace folder without following
    /// any link. Where the kernel has `openat2(2)`, that is one call that walks the path once
    /// (``attest_look_without_links``); elsewhere, an `lstat(2)` per component. Both replace
    /// `realpath(3)`, which costs one call per component of the whole absolute path inside
    /// Foundation path building: for the 100,000 evidence paths of the Benchmarks' large
    /// workspace that was a tenth of a `--no-collect` build's CPU, and the `lstat` walk still
    /// several times what one `openat2` costs (docs/benchmarks.md, "The load phase").
    ///
    /// Returns nil whenever the look cannot decide: a link anywhere on the way, a private
    /// folder, something on the way that is not a folder, an entry neither a regular file nor a
    /// folder, any error but "does not exist". Something missing is decided here only when
    /// every component before it is a plain folder. Like the full resolution, this only looks:
    /// reading goes through ``open(_:limit:)``, which checks the opened file again.
    ///
    /// - Parameter oneCall: whether to look with ``attest_look_without_links`` (`openat2(2)`);
    ///   false only for tests of the walk per component, which answers where there is none.
    func locateWithoutLinks(_ path: WorkspacePath, oneCall: Bool = true) -> Entry? {
        guard !path.relative.isEmpty, !Self.entersPrivateFolder(path.relative) else { return nil }
        #if os(Linux)
        let absolute = absolutePath(of: path.relative)
        switch oneCall ? Self.typeWithoutLinks(absolute) : .unsupported {
        case .found(let mode): return Self.entry(mode: mode, at: absolute)
        case .missing: return .missing
        case .undecided: return nil
        case .unsupported: break
        }
        #endif
        let components = path.relative.split(separator: "/")
        let last = components.count - 1
        var resolved = realPath.hasSuffix("/") ? realPath : realPath + "/"
        var status = stat()
        for (index, component) in components.enumerated() {
            if index > 0 { resolved += "/" }
            resolved += component
            guard lstat(resolved, &status) == 0 else { return errno == ENOENT ? .missing : nil }
            if index < last, status.st_mode & S_IFMT != S_IFDIR { return nil }
        }
        return Self.entry(mode: status.st_mode, at: resolved)
    }

    /// A regular file or a folder at `path` (a path without links), nil for anything else.
    /// The URL is told what it is: without `isDirectory`, Foundation asks the file system.
    private static func entry(mode: mode_t, at path: String) -> Entry? {
        switch mode & S_IFMT {
        case S_IFREG: .file(URL(fileURLWithPath: path, isDirectory: false))
        case S_IFDIR: .folder(URL(fileURLWithPath: path, isDirectory: true))
        default: nil
        }
    }

    /// `relative` (a workspace path, empty for the folder itself) under the workspace's
    /// resolved folder.
    private func absolutePath(of relative: String) -> String {
        if relative.isEmpty { return realPath }
        return realPath.hasSuffix("/") ? realPath + relative : realPath + "/" + relative
    }

    #if os(Linux)
    /// What a look at `absolute` that follows no link finds.
    private enum LinklessLook {
        /// Reached without a link; its type (`st_mode`).
        case found(mode_t)
        /// A component is missing, and every one before it is a folder.
        case missing
        /// A link, a non-folder on the way, or an error: the full resolution decides.
        case undecided
        /// No `openat2(2)` here (an old kernel, a seccomp filter): look another way.
        case unsupported
    }

    /// One `openat2(2)` with `O_PATH` that refuses every link (nothing is opened for reading,
    /// so a FIFO or device is harmless), then `fstat(2)`: the path is walked once by the kernel,
    /// where an `lstat(2)` per component walks it again for each (docs/benchmarks.md).
    private static func typeWithoutLinks(_ absolute: String) -> LinklessLook {
        var status = stat()
        guard attest_look_without_links(absolute, &status) == 0 else {
            switch errno {
            case ENOENT: return .missing
            case ENOSYS, EPERM: return .unsupported
            default: return .undecided
            }
        }
        return .found(status.st_mode)
    }
    #endif

    // MARK: - Opening without links

    #if os(Linux)
    /// The common case in a few system calls: the file's folder opened from the workspace
    /// folder without following any link (``openFolderWithoutLinks(_:oneCall:)``), so every
    /// folder on the way is the one found inside the previous one. The file's type is read
    /// (without following a link) before it is opened, so a FIFO or a device is never opened.
    ///
    /// Returns nil, for the full resolution of ``open(_:limit:)`` to decide, whenever anything
    /// on the way is not a plain folder or the file not a plain regular file: a link (followed
    /// or refused there), a missing entry, a private folder, a permission problem.
    ///
    /// - Parameter oneCall: whether to open the folder with one `openat2(2)`; false only for
    ///   tests of the walk per folder, which opens it where there is none.
    func openWithoutLinks(
        _ path: WorkspacePath, limit: Int, oneCall: Bool = true
    ) throws(ConfinementError) -> ConfinedFile? {
        let relative = path.relative
        guard !relative.isEmpty, !Self.entersPrivateFolder(relative) else { return nil }
        let slash = relative.lastIndex(of: "/")
        let name = slash.map { String(relative[relative.index(after: $0)...]) } ?? relative
        let inside = slash.map { String(relative[..<$0]) } ?? ""
        guard let folder = openFolderWithoutLinks(inside, oneCall: oneCall) else { return nil }
        defer { close(folder) }
        var found = stat()
        guard fstatat(folder, name, &found, AT_SYMLINK_NOFOLLOW) == 0,
            found.st_mode & S_IFMT == S_IFREG
        else { return nil }
        let descriptor = openat(
            folder, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        let file = ConfinedFile(
            descriptor: descriptor, path: path,
            resolved: URL(fileURLWithPath: absolutePath(of: relative), isDirectory: false))
        var opened = stat()
        // Replaced between the look and the open: let the full resolution judge it.
        guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG,
            opened.st_dev == found.st_dev, opened.st_ino == found.st_ino
        else { return nil }
        _ = fcntl(descriptor, F_SETFL, 0)
        let size = Int(opened.st_size)
        guard size <= limit else { throw ConfinementError.tooLarge(path, size: size, limit: limit) }
        file.limit = limit
        file.size = size
        return file
    }

    /// The folder at `inside` (a workspace path, empty for the workspace folder), opened
    /// without following a link on the way: by one `openat2(2)` where the kernel has it, else
    /// one `openat(2)` with `O_NOFOLLOW` per folder from the workspace folder. Nil when a folder
    /// on the way is missing, a link or not a folder.
    private func openFolderWithoutLinks(_ inside: String, oneCall: Bool) -> Int32? {
        if oneCall {
            let direct = attest_open_without_links(
                AT_FDCWD, absolutePath(of: inside), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if direct >= 0 { return direct }
            guard errno == ENOSYS || errno == EPERM else { return nil }
        }
        var folder = openFolder(realPath, in: AT_FDCWD)
        guard folder >= 0 else { return nil }
        for component in inside.split(separator: "/") {
            let inner = openFolder(String(component), in: folder)
            close(folder)
            guard inner >= 0 else { return nil }
            folder = inner
        }
        return folder
    }
    #endif

    // MARK: - Checks

    private func checkInside(_ real: String, for path: WorkspacePath) throws(ConfinementError) {
        guard let relative = relativePath(ofResolved: real) else {
            throw ConfinementError(
                .unsafePath, path.relative, "'\(path)' resolves outside the workspace")
        }
        let components = relative.split(separator: "/")
        if let hidden = components.first(where: { Self.privateFolders.contains(String($0)) }) {
            throw ConfinementError(
                .unsafePath, path.relative,
                "'\(path)' resolves into the workspace's private folder '\(hidden)'")
        }
    }

    /// For a path that does not exist: a link to a folder elsewhere must not pass as "missing".
    private func checkDeepestAncestor(
        of candidate: String, for path: WorkspacePath
    ) throws(ConfinementError) {
        var ancestor = URL(fileURLWithPath: candidate).deletingLastPathComponent()
        while ancestor.path.count > 1 {
            if let real = Self.realPath(ancestor.path) {
                try checkInside(real, for: path)
                return
            }
            ancestor.deleteLastPathComponent()
        }
    }

    /// `realpath(3)`: the path with every link, `.` and `..` resolved; nil when it does not
    /// exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// `openat(2)` of a folder, refusing a link in its place.
private func openFolder(_ name: String, in folder: Int32) -> Int32 {
    openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
}

/// `open(2)` for reading: no controlling terminal, closed on exec, non-blocking so a FIFO that
/// slipped past the checks cannot hang the build.
private func openReadOnly(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
}

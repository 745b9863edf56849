import Foundation

/// Reads the output of `git log --name-only -z --format=%x00%H %ct %P` as it streams, and keeps
/// for each wanted path the commit time of the first commit that lists it: the last commit
/// that changed it, since git lists history newest first.
///
/// The stream is a sequence of NUL-terminated tokens: an empty token, then a header
/// `<hash> <committer time> <parents…>`, then the commit's paths (the first one preceded by a
/// newline). Paths cannot contain NUL and are never empty, so an empty token always announces a
/// header. Memory is bounded by the wanted paths plus one token.
struct GitLogParser {
    /// Paths not resolved yet.
    private(set) var wanted: Set<String>
    /// Commits at a shallow clone's boundary: they list every file as added, so they date
    /// nothing truthfully.
    let boundary: Set<String>
    /// Dated paths.
    private(set) var dates: [String: Date] = [:]
    /// Wanted paths whose last change is a boundary commit, so their date is unknown.
    private(set) var atBoundary: Set<String> = []
    /// Set when the stream is not what was expected; what was dated before stays valid.
    private(set) var isBroken = false

    /// Longest token accepted (a path or a header); longer means the stream is not a log.
    static let maxTokenBytes = 64 * 1024

    private var token: [UInt8] = []
    private var expectingHeader = false
    private var firstPathOfCommit = false
    /// The commit whose paths are being read: its time, or nil when it is a boundary commit.
    private var commit: (time: Date?, known: Bool) = (nil, false)

    init(wanted: Set<String>, boundary: Set<String>) {
        self.wanted = wanted
        self.boundary = boundary
    }

    /// Whether every wanted path is resolved (dated or at the boundary): reading can stop.
    var isDone: Bool { wanted.isEmpty || isBroken }

    /// Feeds the next bytes of the stream.
    mutating func feed(_ bytes: ArraySlice<UInt8>) {
        for byte in bytes {
            guard !isDone else { return }
            if byte == 0 {
                finishToken()
                token.removeAll(keepingCapacity: true)
            } else if token.count < Self.maxTokenBytes {
                token.append(byte)
            } else {
                isBroken = true
            }
        }
    }

    private mutating func finishToken() {
        if token.isEmpty {
            expectingHeader = true
            return
        }
        if expectingHeader {
            expectingHeader = false
            readHeader()
            return
        }
        guard commit.known else {
            isBroken = true
            return
        }
        var path = token[...]
        if firstPathOfCommit {
            firstPathOfCommit = false
            if path.first == UInt8(ascii: "\n") { path = path.dropFirst() }
        }
        let text = String(decoding: path, as: UTF8.self)
        guard wanted.remove(text) != nil else { return }
        if let time = commit.time {
            dates[text] = time
        } else {
            atBoundary.insert(text)
        }
    }

    private mutating func readHeader() {
        let fields = token.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard fields.count >= 2,
            let seconds = Int64(String(decoding: fields[1], as: UTF8.self))
        else {
            isBroken = true
            return
        }
        let hash = String(decoding: fields[0], as: UTF8.self)
        let time = Date(timeIntervalSince1970: TimeInterval(seconds))
        commit = (boundary.contains(hash) ? nil : time, true)
        firstPathOfCommit = true
    }
}

/// Reads `git status --porcelain=v1 -z --no-renames` output: the paths (relative to the
/// repository root) whose working-tree content is not the committed one, untracked included.
enum GitStatusParser {
    /// Each entry is `XY <path>`; with `--no-renames` no entry carries a second path.
    static func changedPaths(_ output: Data) -> [String] {
        output.split(separator: 0).compactMap { entry in
            guard entry.count > 3 else { return nil }
            return String(decoding: entry.dropFirst(3), as: UTF8.self)
        }
    }
}

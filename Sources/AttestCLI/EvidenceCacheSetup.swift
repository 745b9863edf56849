import ArgumentParser
import AttestEvidence
import AttestSystem
import Crypto
import Foundation

/// `--evidence-cache DIR` and `--no-evidence-cache`, for the commands that collect.
struct EvidenceCacheOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Reuse readings of unchanged evidence files from earlier builds, kept in DIR, a "
                + "folder private to this user (default: $\(EvidenceCacheSetup.folderVariable); "
                + "none: every file is parsed). See docs/evidence-cache.md.",
            valueName: "DIR"))
    var evidenceCache: String?

    @Flag(help: "Parse every evidence file, even with $\(EvidenceCacheSetup.folderVariable) set.")
    var noEvidenceCache = false
}

/// Where the evidence cache of a workspace is kept and the key its pack is authenticated with
/// (docs/evidence-cache.md): resolved from the options and the environment, loaded before
/// collecting, saved after.
struct EvidenceCacheSetup {
    /// The folder, when no option names one.
    static let folderVariable = "ATTEST_EVIDENCE_CACHE"
    /// The key, for CI: a secret of at least ``minimumKeyLength`` characters.
    static let keyVariable = "ATTEST_EVIDENCE_CACHE_KEY"
    static let minimumKeyLength = 32
    /// The key file made in the folder outside CI: 32 random bytes.
    static let keyFile = "key"

    var folder: PrivateFolder
    var key: SymmetricKey
    var buildID: [UInt8]
    /// The pack's file name: one per workspace folder, so workspaces sharing a cache folder
    /// do not evict each other's readings.
    var packName: String

    /// What the options and the environment ask for.
    enum Resolution {
        /// No cache asked for.
        case off
        /// A cache asked for that cannot be used; the reason is printed and the build parses
        /// every file.
        case unusable(String)
        case ready(EvidenceCacheSetup)
    }

    static func resolve(
        _ options: EvidenceCacheOptions, environment: [String: String], workspaceRoot: URL
    ) -> Resolution {
        guard !options.noEvidenceCache,
            let path = options.evidenceCache
                ?? environment[folderVariable].flatMap({
                    $0.isEmpty ? nil : $0
                })
        else { return .off }
        guard let buildID = ExecutableIdentity.buildID else {
            return .unusable("this attest executable carries no build ID to tie its cache to")
        }
        let url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        // A folder in the workspace could arrive with a change under review, key and pack
        // together. Checked before anything is created, through any link on the way.
        if let root = WorkspaceRoot.realPath(workspaceRoot.path),
            isInside(resolved(url), root)
        {
            return .unusable(
                "the folder \(url.path) is inside the workspace; keep it outside, e.g. "
                    + "~/.cache/attest")
        }
        let folder: PrivateFolder
        do {
            folder = try PrivateFolder(url)
        } catch {
            return .unusable("the folder \(error)")
        }
        let key: SymmetricKey
        switch Self.key(in: folder, environment: environment) {
        case .success(let found): key = found
        case .failure(let problem): return .unusable(problem.description)
        }
        let workspace = Data(workspaceRoot.standardizedFileURL.path.utf8)
        let name = "evidence-" + Hex.encode(SHA256.hash(data: workspace).prefix(12)) + ".pack"
        return .ready(
            EvidenceCacheSetup(folder: folder, key: key, buildID: buildID, packName: name))
    }

    /// `url` with every link resolved: its longest existing part by `realpath(3)`, then the
    /// components that do not exist yet.
    static func resolved(_ url: URL) -> String {
        var existing = url
        var missing: [String] = []
        while WorkspaceRoot.realPath(existing.path) == nil, existing.path != "/" {
            missing.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        let base = WorkspaceRoot.realPath(existing.path) ?? existing.path
        return ([base == "/" ? "" : base] + missing).joined(separator: "/")
    }

    /// Whether `path` is `root` or below it (both resolved).
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    struct KeyProblem: Error, CustomStringConvertible {
        var description: String
    }

    /// The key from the environment, else, outside CI, the folder's key file (made on first
    /// use). In CI the folder is often restored from a cache other jobs can write, key file
    /// included, so only a key from a secret is trusted there.
    static func key(
        in folder: PrivateFolder, environment: [String: String]
    ) -> Result<SymmetricKey, KeyProblem> {
        if let text = environment[keyVariable], !text.isEmpty {
            guard text.utf8.count >= minimumKeyLength else {
                return .failure(
                    KeyProblem(
                        description: "$\(keyVariable) is shorter than \(minimumKeyLength) "
                            + "characters (make one with `openssl rand -hex 32`)"))
            }
            return .success(SymmetricKey(data: Data(text.utf8)))
        }
        if isContinuousIntegration(environment) {
            return .failure(
                KeyProblem(
                    description: "in CI the cache needs its key from a secret: set "
                        + "$\(keyVariable) (at least \(minimumKeyLength) characters)"))
        }
        do {
            if try folder.read(keyFile, limit: 64) == nil {
                _ = try folder.create(keyFile, with: Data(SymmetricKey(size: .bits256).bytes))
            }
            guard let bytes = try folder.read(keyFile, limit: 64), bytes.count == 32 else {
                return .failure(
                    KeyProblem(
                        description:
                            "the key file \(folder.url.appendingPathComponent(keyFile).path) "
                            + "is not 32 bytes; remove it and a new one is made"))
            }
            return .success(SymmetricKey(data: bytes))
        } catch {
            return .failure(KeyProblem(description: "the key file \(error)"))
        }
    }

    /// Whether the standard `CI` variable says this runs in CI.
    static func isContinuousIntegration(_ environment: [String: String]) -> Bool {
        guard let value = environment["CI"]?.lowercased() else { return false }
        return !["", "0", "false", "no"].contains(value)
    }

    /// The cache this workspace's last build left, or an empty one, with why the pack was not
    /// used when there was one.
    func load() -> (cache: EvidenceCache, problem: String?) {
        let data: Data
        do {
            guard let read = try folder.read(packName, limit: EvidenceCachePack.maxBytes) else {
                return (EvidenceCache(), nil)
            }
            data = read
        } catch {
            return (EvidenceCache(), "\(error)")
        }
        switch EvidenceCachePack.read(data, key: key, buildID: buildID) {
        case .success(let cache): return (cache, nil)
        case .failure(.otherBuild): return (EvidenceCache(), nil)
        case .failure(let problem):
            return (
                EvidenceCache(), "\(folder.url.appendingPathComponent(packName).path): \(problem)"
            )
        }
    }

    /// Writes the pack for the next build; the reason it could not be written otherwise.
    func save(_ cache: EvidenceCache, keepingUnused: Bool) -> String? {
        let pack = EvidenceCachePack.write(
            cache, key: key, buildID: buildID, keepingUnused: keepingUnused)
        guard pack.count <= EvidenceCachePack.maxBytes else {
            return "the evidence cache would exceed \(EvidenceCachePack.maxBytes) bytes; not kept"
        }
        do {
            try folder.replace(packName, with: pack)
            return nil
        } catch {
            return "\(error)"
        }
    }
}

extension SymmetricKey {
    /// The key's bytes.
    fileprivate var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}

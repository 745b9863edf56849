import AttestSystem
import Crypto
import Foundation

/// An evidence artifact a bundle may carry: its workspace path and the SHA-256 values the last
/// collection recorded for it (none when it recorded none: the file was refused, missing, or
/// never read).
public struct RecordedArtifact: Hashable, Sendable {
    public var path: String
    public var sha256: Set<String>
    /// The evidence items that name or recorded it, sorted (for an index of the artifacts).
    public var evidence: [String]

    public init(path: String, sha256: Set<String>, evidence: [String] = []) {
        self.path = path
        self.sha256 = sha256
        self.evidence = evidence
    }
}

/// A file left out of a bundle, and why; listed in `manifest.json` and `README.txt`.
public struct WithheldFile: Codable, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: String, Codable, Hashable, Sendable {
        /// The last collection recorded no hash for it, so there is nothing to check it against.
        case notRecorded = "bundle.evidence-not-recorded"
        /// The confinement function refused it: a link out of the workspace or into `.git`, not
        /// a regular file, missing, unreadable, or a name a bundle cannot hold.
        case refused = "bundle.evidence-refused"
        /// Its SHA-256 is not the one collected: it changed since.
        case changed = "bundle.evidence-changed"
        /// Larger than a bundle entry may be, or than the room left in the bundle.
        case tooLarge = "bundle.evidence-too-large"
    }

    /// The workspace path.
    public var path: String
    public var reason: Reason
    /// For people; not part of the manifest.
    public var detail: String = ""

    enum CodingKeys: String, CodingKey {
        case path, reason
    }

    public init(path: String, reason: Reason, detail: String) {
        self.path = path
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "\(path) withheld: \(detail) [\(reason.rawValue)]" }
}

/// Reads the evidence a bundle carries, each file through the workspace's confinement function
/// and only when its bytes are the ones collected.
///
/// A bundle goes to someone outside the company, so what it packs must be what was collected
/// and judged, nothing else: not a file a link leads to outside the workspace (collection
/// refused it; a bundle must not take it anyway), not a file edited or swapped since.
public enum BundleEvidence {
    /// The bundle path of a workspace evidence file.
    public static func bundlePath(_ path: String) -> String { "evidence/" + path }

    /// The files to pack (keyed by their path in the bundle) and the ones withheld.
    ///
    /// - Parameters:
    ///   - budget: the bytes the evidence may take in all; a file that would exceed it is
    ///     withheld (`too-large`), as is one larger than `limits.maxEntryBytes`.
    public static func read(
        _ artifacts: [RecordedArtifact], from root: WorkspaceRoot, budget: Int,
        limits: BundleLimits = .standard
    ) -> (files: [String: Data], withheld: [WithheldFile]) {
        var files: [String: Data] = [:]
        var withheld: [WithheldFile] = []
        var left = budget
        for artifact in artifacts.sorted(by: { $0.path < $1.path }) {
            switch read(artifact, from: root, limit: min(limits.maxEntryBytes, max(left, 0))) {
            case .packed(let data):
                files[bundlePath(artifact.path)] = data
                left -= data.count
            case .withheld(let file):
                withheld.append(file)
            }
        }
        return (files, withheld)
    }

    private enum Outcome {
        case packed(Data)
        case withheld(WithheldFile)
    }

    private static func read(
        _ artifact: RecordedArtifact, from root: WorkspaceRoot, limit: Int
    ) -> Outcome {
        let path = artifact.path
        guard !artifact.sha256.isEmpty else {
            return .withheld(
                WithheldFile(
                    path: path, reason: .notRecorded,
                    detail: "the last collection recorded no hash for it (refused, missing or "
                        + "not read)"))
        }
        guard BundlePath.isSafe(bundlePath(path)) else {
            return .withheld(
                WithheldFile(
                    path: path, reason: .refused,
                    detail: "its name has characters a bundle entry may not have"))
        }
        let data: Data
        do {
            data = try root.read(path, limit: limit).data
        } catch {
            let reason: WithheldFile.Reason = error.code == .tooLarge ? .tooLarge : .refused
            return .withheld(WithheldFile(path: path, reason: reason, detail: error.detail))
        }
        let hash = SHA256.hash(data: data).hex
        let collected = artifact.sha256.sorted().joined(separator: " or ")
        guard artifact.sha256.contains(hash) else {
            return .withheld(
                WithheldFile(
                    path: path, reason: .changed,
                    detail:
                        "its SHA-256 is \(hash), not the \(collected) collected: it changed "
                        + "after collection"))
        }
        return .packed(data)
    }
}

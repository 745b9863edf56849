import AttestCore
import AttestEvidence
import AttestSystem
import Foundation

/// The folder `attest collect --record DIR` saves live observations in, one
/// `<evidence-id>.json` recording per live evidence item.
///
/// The folder is a workspace path: created by Attest when missing, refused when it (or a link
/// on the way) leads outside the workspace or into `.git`/`.attest`. Recordings are gathered
/// while collectors run and written when the run is over, each through a temporary file
/// renamed into place, so a recording is never half-written.
final class ObservationRecordings: @unchecked Sendable {
    let folder: WorkspacePath
    private let url: URL
    private let lock = NSLock()
    private var recordings: [EvidenceID: Data] = [:]

    /// Checks `text` as a workspace folder and creates it.
    ///
    /// - Throws: `UnreadableInput` when the path is unsafe, is a file, or cannot be created.
    init(_ text: String, root: URL) throws {
        do {
            folder = try WorkspacePath(text)
        } catch {
            throw UnreadableInput(description: "--record: \(error) ('\(text)')")
        }
        do {
            let workspace = try WorkspaceRoot(root)
            switch try workspace.locate(folder) {
            case .folder(let existing): url = existing
            case .file:
                throw UnreadableInput(description: "--record: \(folder) is a file, not a folder")
            case .missing:
                try FileManager.default.createDirectory(
                    at: workspace.url.appendingPathComponent(folder.relative),
                    withIntermediateDirectories: true)
                guard case .folder(let created) = try workspace.locate(folder) else {
                    throw UnreadableInput(description: "--record: cannot create \(folder)")
                }
                url = created
            }
        } catch let error as ConfinementError {
            throw UnreadableInput(description: "--record: \(error)")
        } catch let error as UnreadableInput {
            throw error
        } catch {
            throw UnreadableInput(
                description: "--record: cannot create \(folder): \(error.localizedDescription)")
        }
    }

    /// The recorder handed to collectors.
    var recorder: ObservationRecorder {
        { [self] evidence, data in lock.withLock { recordings[evidence] = data } }
    }

    /// Writes every recording gathered.
    ///
    /// - Returns: The workspace paths written, sorted.
    func write() throws -> [String] {
        let gathered = lock.withLock { recordings }
        var written: [String] = []
        for (evidence, data) in gathered.sorted(by: { $0.key < $1.key }) {
            let name = Self.fileName(evidence)
            do {
                try data.write(to: url.appendingPathComponent(name), options: .atomic)
            } catch {
                throw UnreadableInput(
                    description: "--record: cannot write \(folder)/\(name): "
                        + error.localizedDescription)
            }
            written.append("\(folder.relative)/\(name)")
        }
        return written
    }

    /// `<evidence-id>.json`, with any character other than letters, digits, `-`, `_` and `.`
    /// replaced, so an id can never name another folder.
    static func fileName(_ evidence: EvidenceID) -> String {
        let safe = evidence.rawValue.unicodeScalars.map {
            $0.isASCII
                && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0))
                ? Character($0) : "_"
        }
        let stem = String(safe).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return (stem.isEmpty ? "_" : stem) + ".json"
    }
}

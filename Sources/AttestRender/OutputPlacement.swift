import AttestSystem
import Foundation

/// Decides, before anything is written, whether a folder may receive a build's output.
///
/// A build replaces its output folder whole, so a wrong output path would replace the
/// workspace itself: `output: .` once swapped the sources, the evidence and `.git` for the
/// reports. The output must be a folder of its own: not the workspace or a folder containing
/// it, not a file, and — when it lies inside the workspace — under a top-level folder that holds
/// no input (no catalog, control, include, evidence, template, key or store) and is not one of
/// the private folders (`.git`, `.attest`). Whether an existing folder is Attest's own is
/// decided separately, when the build writes (`OutputFolder`'s marker).
public enum OutputPlacement {
    /// Why a destination is refused.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The destination is the workspace folder.
        case isWorkspace
        /// The destination contains the workspace (its parent, `/`, …).
        case containsWorkspace
        /// The destination shares its top-level workspace folder with an input file.
        case holdsInput(folder: String, input: String)
        /// The destination is a private folder of the workspace or lies in one.
        case privateFolder(String)
        /// The destination is an existing file.
        case isFile

        public var description: String {
            switch self {
            case .isWorkspace:
                "the output folder is the workspace itself; a build would replace it"
            case .containsWorkspace:
                "the output folder contains the workspace; a build would replace it"
            case .holdsInput(let folder, let input):
                "the output folder is in '\(folder)/', which holds the input \(input); "
                    + "give the output a folder of its own, such as reports"
            case .privateFolder(let folder):
                "the output folder is in the private folder '\(folder)'"
            case .isFile:
                "the output path is an existing file, not a folder"
            }
        }
    }

    /// Checks `destination` against the workspace at `root`.
    ///
    /// - Parameters:
    ///   - inputs: Workspace-relative paths of the files the workspace reads (sources,
    ///     evidence, keys, the store); `templates/` is always counted as an input folder.
    /// - Returns: the problem, or nil when the destination may be written.
    public static func problem(
        destination: URL, root: URL, inputs: [String]
    ) -> Problem? {
        let workspace = resolved(root)
        let output = resolved(destination)
        if output == workspace { return .isWorkspace }
        if workspace.hasPrefix(output == "/" ? "/" : output + "/") { return .containsWorkspace }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory),
            !isDirectory.boolValue
        {
            return .isFile
        }
        guard output.hasPrefix(workspace + "/") else { return nil }
        let relative = output.dropFirst(workspace.count + 1)
        let top = String(relative.split(separator: "/").first ?? relative)
        if WorkspaceRoot.privateFolders.contains(top) { return .privateFolder(top) }
        // The templates first, then the first input in sorted order under that folder: found
        // in one pass, not by sorting the (for a large workspace, 100,000) inputs.
        func isUnderTop(_ input: String) -> Bool {
            firstComponent(of: input).elementsEqual(top.utf8)
        }
        if isUnderTop("templates/") { return .holdsInput(folder: top, input: "templates/") }
        return inputs.filter(isUnderTop).min().map { .holdsInput(folder: top, input: $0) }
    }

    /// The bytes of `path`'s first component, leading slashes skipped (what splitting it at
    /// "/" and dropping empty pieces gives first), without making a string per path: the
    /// placement rule asks this of every input, 100,000 in a large workspace.
    static func firstComponent(of path: String) -> Substring.UTF8View {
        let bytes = path.utf8
        let start = bytes.firstIndex { $0 != UInt8(ascii: "/") } ?? bytes.endIndex
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
        return path[start..<end].utf8
    }

    /// `url` with every link of its existing part resolved; the part that does not exist yet
    /// is appended as written (after `..` and `.` were folded).
    public static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var missing: [String] = []
        while true {
            if let real = WorkspaceRoot.realPath(existing.path) {
                return ([real == "/" ? "" : real] + missing).joined(separator: "/")
            }
            guard existing.path.count > 1 else { return url.standardizedFileURL.path }
            missing.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
    }
}

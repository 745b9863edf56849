import Foundation

extension Glob {
    /// Why the pattern matched no YAML file, as a hint: the first folder of its fixed part that
    /// does not exist (the usual typo), files that match but are not YAML, or how `*` and `**`
    /// reach into folders.
    func noMatchHint(in root: URL) -> String {
        var folder = ""
        for segment in segments.dropLast() {
            guard !segment.contains(where: { "*?[".contains($0) }) else { break }
            folder += (folder.isEmpty ? "" : "/") + segment
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: root.appendingPathComponent(folder).path, isDirectory: &isDirectory)
            if !exists || !isDirectory.boolValue {
                return "the workspace has no folder '\(folder)'; patterns are relative to the "
                    + "folder holding attest.yaml"
            }
        }
        if !matches(in: root).isEmpty {
            return "only files ending in .yaml or .yml are included"
        }
        return "'*' matches within one folder; write '**/' to include sub-folders too "
            + "(controls/**/*.yaml)"
    }
}

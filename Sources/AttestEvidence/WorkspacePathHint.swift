import AttestSystem

/// How to write a refused evidence path so that Attest accepts it.
enum WorkspacePathHint {
    /// The fix for `problem` in `text`; for a Windows path, the same path written the POSIX way
    /// (`evidence\infra\lb.yaml` → `evidence/infra/lb.yaml`, without a drive letter).
    static func hint(for problem: WorkspacePath.TextProblem, text: String) -> String {
        switch problem {
        case .windowsPath:
            var posix = text.replacingOccurrences(of: "\\", with: "/")
            if posix.count >= 2, posix.dropFirst().first == ":" { posix.removeFirst(2) }
            while posix.hasPrefix("/") { posix.removeFirst() }
            let example = posix.isEmpty ? "evidence/report.json" : posix
            return "write the path with '/', relative to the folder holding attest.yaml: "
                + "\(example)"
        case .absolute:
            return "write the path relative to the folder holding attest.yaml "
                + "(evidence/report.json); copy a file from elsewhere into the workspace"
        case .parentReference:
            return "evidence is read from inside the workspace only: copy the file into it and "
                + "name it from the folder holding attest.yaml"
        case .controlCharacter:
            return "remove the invisible control character from the path"
        case .empty:
            return "name the file to read, relative to the folder holding attest.yaml"
        }
    }
}

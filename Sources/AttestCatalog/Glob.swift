import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A workspace-relative glob: `*` and `?` within one path segment, `**` across segments.
/// Hidden files and folders match only a pattern segment that starts with `.`.
struct Glob {
    let segments: [String]

    /// Nil when the pattern could escape the workspace (absolute, or with a `..` segment).
    init?(_ pattern: String) {
        guard !pattern.hasPrefix("/"), !pattern.hasPrefix("~") else { return nil }
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !parts.isEmpty, !parts.contains("..") else { return nil }
        segments = parts.filter { $0 != "." }
    }

    /// Workspace-relative paths of the regular files under `root` that match, sorted.
    func matches(in root: URL) -> [String] {
        var results: [String] = []
        walk(root, relative: "", remaining: segments[...], into: &results)
        return Array(Set(results)).sorted()
    }

    private func walk(
        _ directory: URL, relative: String, remaining: ArraySlice<String>,
        into results: inout [String]
    ) {
        guard let segment = remaining.first else { return }
        let rest = remaining.dropFirst()
        if segment == "**" {
            walk(directory, relative: relative, remaining: rest, into: &results)
            for (name, isDirectory) in entries(of: directory)
            where isDirectory && !name.hasPrefix(".") {
                walk(
                    directory.appendingPathComponent(name), relative: relative + name + "/",
                    remaining: remaining, into: &results)
            }
            return
        }
        for (name, isDirectory) in entries(of: directory) where Self.match(segment, name) {
            if rest.isEmpty {
                if !isDirectory { results.append(relative + name) }
            } else if isDirectory {
                walk(
                    directory.appendingPathComponent(name), relative: relative + name + "/",
                    remaining: rest, into: &results)
            }
        }
    }

    private func entries(of directory: URL) -> [(String, Bool)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return (name, exists && isDirectory.boolValue)
        }
    }

    static func match(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, FNM_PERIOD) == 0
    }
}

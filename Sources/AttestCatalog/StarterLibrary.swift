import AttestControls
import Foundation

/// The starter control library bundled from `controls/starter/`: common controls a young
/// company adopts, mapped to the five bundled frameworks (docs/starter-library.md).
///
/// `attest init` copies it into a new workspace, keeping only what the chosen frameworks need.
/// The files are Attest's own and follow a fixed layout (checked by `StarterLibraryTests`), so
/// the selection works on lines and copies everything else — comments, quoting, order — exactly
/// as written, which a parse-and-rewrite would lose:
///
/// - a control starts at a line `  - id: …` and runs to the next one or to the end;
/// - its mappings are the lines `      <framework>: [ids]` right after `    satisfies:`.
public struct StarterLibrary: Sendable {
    /// One file of the library: its name (`access.yaml`) and text.
    public struct File: Hashable, Sendable {
        public var name: String
        public var text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The files, sorted by name.
    public let files: [File]

    public init(files: [File]) {
        self.files = files.sorted { $0.name < $1.name }
    }

    /// The library bundled into the binary; empty when the resource bundle is missing.
    public static var bundled: StarterLibrary { StarterLibrary(folder: BuiltinCatalogs.starterURL) }

    /// Reads every `.yaml` file of `folder` (none when nil or unreadable).
    public init(folder: URL?) {
        var files: [File] = []
        if let folder {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.filter({ $0.hasSuffix(".yaml") }) {
                guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                    let text = String(data: data, encoding: .utf8)
                else { continue }
                files.append(File(name: name, text: text))
            }
        }
        self.init(files: files)
    }

    /// The library cut down to `frameworks`: each control that maps to at least one of them,
    /// with the mapping lines of the other frameworks left out; a file left without a control
    /// is left out too.
    public func selecting(frameworks: Set<String>) -> [File] {
        files.compactMap { file in
            let kept = StarterFileLayout(file.text).selecting(frameworks: frameworks)
            return kept.map { File(name: file.name, text: $0) }
        }
    }

    /// The ids of the controls `selecting(frameworks:)` keeps, in file order.
    public func controlIDs(for frameworks: Set<String>) -> [String] {
        files.flatMap { StarterFileLayout($0.text).controls(for: frameworks).map(\.id) }
    }
}

/// One starter file seen through its layout: a header, then control blocks.
struct StarterFileLayout {
    static let controlPrefix = "  - id: "
    static let satisfiesLine = "    satisfies:"
    static let mappingIndent = "      "

    /// A control's block of lines.
    struct Control {
        var id: String
        var lines: [Substring]

        /// The frameworks this control's `satisfies:` lines name.
        var frameworks: [String] { mappingLines.map(\.framework) }

        /// The indices (into `lines`) and frameworks of the mapping lines.
        var mappingLines: [(index: Int, framework: String)] {
            guard let start = lines.firstIndex(where: { $0 == StarterFileLayout.satisfiesLine })
            else { return [] }
            var found: [(Int, String)] = []
            for index in lines.indices.dropFirst(start + 1) {
                guard let framework = StarterFileLayout.mappingFramework(lines[index]) else {
                    break
                }
                found.append((index, framework))
            }
            return found
        }
    }

    var header: [Substring] = []
    var controls: [Control] = []

    init(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(Self.controlPrefix) {
                let id = line.dropFirst(Self.controlPrefix.count)
                    .trimmingCharacters(in: .whitespaces)
                controls.append(Control(id: id, lines: [line]))
            } else if controls.isEmpty {
                header.append(line)
            } else {
                controls[controls.count - 1].lines.append(line)
            }
        }
    }

    /// `soc2` for the line `      soc2: [CC6.1]`; nil for any other line.
    static func mappingFramework(_ line: Substring) -> String? {
        guard line.hasPrefix(mappingIndent) else { return nil }
        let rest = line.dropFirst(mappingIndent.count)
        guard let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix(": [") else {
            return nil
        }
        let name = rest[..<colon]
        let isName =
            !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
            }
        return isName ? String(name) : nil
    }

    func controls(for frameworks: Set<String>) -> [Control] {
        controls.filter { $0.frameworks.contains(where: frameworks.contains) }
    }

    /// The file's text with only the controls and mapping lines of `frameworks`; nil when no
    /// control is left.
    func selecting(frameworks: Set<String>) -> String? {
        let kept = controls(for: frameworks)
        guard !kept.isEmpty else { return nil }
        var lines = header
        for control in kept {
            let dropped = Set(
                control.mappingLines.filter { !frameworks.contains($0.framework) }.map(\.index))
            lines += control.lines.indices.filter { !dropped.contains($0) }.map {
                control.lines[$0]
            }
        }
        return lines.joined(separator: "\n")
    }
}

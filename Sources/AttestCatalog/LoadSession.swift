import AttestCore
import AttestSystem
import Foundation

/// One load of a workspace: reads files round by round (each round's files in parallel),
/// follows includes, detects include cycles, and assembles the `Workspace`.
struct LoadSession {
    let root: URL
    let limits: YAMLLimits

    private var diagnostics: [Diagnostic] = []
    private var sources: [String: SourceFile] = [:]
    private var parsed: [String: ParsedFile] = [:]
    /// Frameworks read from OSCAL catalogs and profiles, in the manifest's order.
    private var oscal: [OSCALLoad] = []
    /// Include edges: including file → (included file, position of the include pattern).
    private var includeEdges: [String: [(String, SourcePosition)]] = [:]

    init(root: URL, limits: YAMLLimits) {
        self.root = root
        self.limits = limits
    }

    /// Reads `manifest` (when given) and the catalog files, then every file they include and
    /// the OSCAL frameworks the manifest names.
    ///
    /// The manifest is read first, alone (it is small), so that the OSCAL frameworks it names,
    /// the longest jobs, are read in parallel with the catalogs and includes, not after them.
    mutating func run(catalogFiles: [SourceFile], manifest: SourceFile?) {
        var round = catalogFiles
        var oscalRound: [OSCALFrameworkSource] = []
        if let manifest {
            let result = ParsedFile.read(
                manifest, root: root, isManifest: true, limits: limits)
            oscalRound = result.oscalFrameworks
            var seen = Set(catalogFiles.map(\.display))
            round += record(manifest, result).filter {
                parsed[$0.display] == nil && seen.insert($0.display).inserted
            }
        }
        while !round.isEmpty || !oscalRound.isEmpty {
            let (results, loads) = Self.readConcurrently(
                round, oscalRound, root: root, limits: limits)
            for load in loads {
                oscal.append(load)
                diagnostics += load.diagnostics
                for file in load.files { sources[file.display] = file }
            }
            var next: [SourceFile] = []
            oscalRound = []
            for (file, result) in zip(round, results) {
                next += record(file, result)
                oscalRound += result.oscalFrameworks
            }
            var seen: Set<String> = []
            round = next.filter { parsed[$0.display] == nil && seen.insert($0.display).inserted }
        }
        reportIncludeCycles()
    }

    /// Keeps a parsed file and its findings; returns the files its includes match.
    private mutating func record(_ file: SourceFile, _ result: ParsedFile) -> [SourceFile] {
        sources[file.display] = file
        parsed[file.display] = result
        diagnostics += result.diagnostics
        var matches: [SourceFile] = []
        for include in result.includes {
            matches += expand(include.pattern, at: include.position, from: file.display)
        }
        return matches
    }

    /// Files matching an include pattern, recording the include edges.
    private mutating func expand(
        _ pattern: String, at position: SourcePosition, from file: String
    ) -> [SourceFile] {
        guard let glob = Glob(pattern) else {
            diagnostics.append(
                .error(
                    .workspaceUnsafePath, "include pattern '\(pattern)' leaves the workspace",
                    at: position))
            return []
        }
        let matches = glob.matches(in: root).filter {
            $0.hasSuffix(".yaml") || $0.hasSuffix(".yml")
        }
        if matches.isEmpty {
            // An error: a workspace whose includes find nothing would validate with no controls.
            diagnostics.append(
                .error(
                    .workspaceIncludeNoMatch, "include pattern '\(pattern)' matches no YAML file",
                    at: position, hint: glob.noMatchHint(in: root)))
        }
        var files: [SourceFile] = []
        let workspace = try? WorkspaceRoot(root)
        for relative in matches {
            // Refused here to blame the include; the read itself is confined again.
            do {
                _ = try workspace?.locate(WorkspaceRoot.path(relative))
            } catch {
                diagnostics.append(Diagnostic(error, at: position))
                continue
            }
            includeEdges[file, default: []].append((relative, position))
            files.append(.workspace(relative, root: root))
        }
        return files
    }

    /// Reports each include that closes a cycle, once per cycle.
    private mutating func reportIncludeCycles() {
        var state: [String: Bool] = [:]  // false: on the stack, true: done
        var stack: [String] = []
        var reported: Set<String> = []
        func visit(_ file: String, _ session: inout LoadSession) {
            state[file] = false
            stack.append(file)
            for (target, position) in session.includeEdges[file] ?? [] {
                switch state[target] {
                case false?:
                    let cycle = stack[(stack.lastIndex(of: target) ?? 0)...] + [target]
                    let key = cycle.sorted().joined(separator: "|")
                    if reported.insert(key).inserted {
                        session.diagnostics.append(
                            .error(
                                .workspaceIncludeCycle,
                                "include cycle: " + cycle.joined(separator: " → "), at: position))
                    }
                case true?: break
                case nil: visit(target, &session)
                }
            }
            stack.removeLast()
            state[file] = true
        }
        var copy = self
        visit(WorkspaceLoader.manifestName, &copy)
        self = copy
    }

    /// Assembles the workspace from what was parsed, in an order that depends on no path.
    ///
    /// The manifest's own programs, exclusions and controls come first, then those of the
    /// included files in path order — whether a path sorts before `attest.yaml` or after it.
    func result() -> LoadedWorkspace {
        var manifest = Manifest(
            organisation: "", position: .start(of: WorkspaceLoader.manifestName))
        var fragments: [FragmentContents] = []
        var frameworks: [Framework] = []
        var mappings: [Mapping] = []
        for display in parsed.keys.sorted() {
            guard let file = parsed[display] else { continue }
            switch file.document {
            case let .manifest(value, fragment):
                manifest = value
                fragments.insert(fragment, at: 0)
            case let .fragment(fragment): fragments.append(fragment)
            case let .framework(framework): frameworks.append(framework)
            case let .mappings(list): mappings += list
            case nil: break
            }
        }
        frameworks += oscal.compactMap(\.framework)
        manifest.programs = fragments.flatMap(\.programs)
        manifest.exclusions = fragments.flatMap(\.exclusions)
        manifest.signers = fragments.flatMap(\.signers)
        manifest.exceptions = fragments.flatMap(\.exceptions)
        manifest.applicability = fragments.flatMap(\.applicability)
        manifest.documents = fragments.flatMap(\.documents)
        let imported = OSCALMappingImporter(root: root, limits: limits).read(
            manifest.mappingCollections, frameworks: frameworks)
        let files = sources.merging(imported.files) { read, _ in read }
        let workspace = Workspace(
            manifest: manifest, frameworks: frameworks, controls: fragments.flatMap(\.controls),
            mappings: mappings + imported.mappings, files: files.keys.sorted())
        return LoadedWorkspace(
            workspace: workspace,
            diagnostics: (diagnostics + imported.diagnostics
                + SignerChecks.duplicates(manifest.signers)
                + DocumentChecks.duplicates(manifest.documents)
                + PortalChecks.references(manifest)).sorted(),
            root: root, limits: limits,
            files: files)
    }

    /// Reads the YAML files and loads the OSCAL frameworks of one round, all in parallel.
    private static func readConcurrently(
        _ files: [SourceFile], _ frameworks: [OSCALFrameworkSource], root: URL,
        limits: YAMLLimits
    ) -> ([ParsedFile], [OSCALLoad]) {
        let parsed = UnsafeMutableBufferPointer<ParsedFile?>.allocate(capacity: files.count)
        let loads = UnsafeMutableBufferPointer<OSCALLoad?>.allocate(capacity: frameworks.count)
        parsed.initialize(repeating: nil)
        loads.initialize(repeating: nil)
        defer {
            parsed.deinitialize()
            parsed.deallocate()
            loads.deinitialize()
            loads.deallocate()
        }
        // Each iteration writes only its own slot, and the buffers outlive concurrentPerform.
        nonisolated(unsafe) let sharedParsed = parsed
        nonisolated(unsafe) let sharedLoads = loads
        // The OSCAL frameworks first: one large catalog is usually the longest job.
        DispatchQueue.concurrentPerform(iterations: frameworks.count + files.count) { index in
            guard index >= frameworks.count else {
                sharedLoads[index] = OSCALFrameworkLoader.load(
                    frameworks[index], root: root, limits: limits)
                return
            }
            let file = files[index - frameworks.count]
            sharedParsed[index - frameworks.count] = ParsedFile.read(
                file, root: root, isManifest: file.display == WorkspaceLoader.manifestName,
                limits: limits)
        }
        return (parsed.map { $0! }, loads.map { $0! })
    }
}

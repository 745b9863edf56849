/// The workspace as a graph: framework requirement trees, the controls that satisfy them, the
/// evidence that proves the controls, and the mappings between frameworks — with indexes for
/// every lookup the scorer and renderers make, and the integrity findings found while building.
///
/// Building the graph never fails: problems become `diagnostics`, and the graph keeps the first
/// definition of anything defined twice.
public struct ControlGraph: Sendable {
    /// A requirement placed in its tree.
    public struct Node: Hashable, Sendable {
        public var key: RequirementKey
        /// The requirement itself, without its children (see `children`).
        public var requirement: Requirement
        public var parent: RequirementKey?
        public var children: [RequirementKey]
        /// 0 for a top-level requirement.
        public var depth: Int
    }

    /// A mapping seen from one of its ends: `relation` reads "this end is <relation> `other`".
    public struct MappingEdge: Hashable, Sendable {
        public var other: RequirementKey
        public var relation: MappingRelation
        public var mapping: Mapping
    }

    public let manifest: Manifest
    /// Frameworks by id; `frameworkIDs` gives them sorted.
    public let frameworks: [FrameworkID: Framework]
    public let frameworkIDs: [FrameworkID]
    /// Every requirement by key.
    public let nodes: [RequirementKey: Node]
    /// Requirements of each framework in catalog (pre-)order.
    public let catalogOrder: [FrameworkID: [RequirementKey]]
    /// Controls by id; `controlIDs` gives them sorted.
    public let controls: [ControlID: Control]
    public let controlIDs: [ControlID]
    /// Evidence specifications by id.
    public let evidence: EvidenceSpecs
    /// Controls satisfying each requirement, sorted by id (only resolvable references).
    public let controlsByRequirement: [RequirementKey: [ControlID]]
    /// Beside each list of `controlsByRequirement`: the position of the reference to the
    /// requirement in each control's `satisfies` (`reference(from:to:)`).
    let referencePositions: [RequirementKey: [UInt32]]
    /// Mappings indexed from both ends, sorted by the other end.
    public let mappingsByRequirement: [RequirementKey: [MappingEdge]]
    /// Every mapping whose ends resolve, sorted by (from, to).
    public let mappings: [Mapping]
    /// Exclusions by requirement.
    public let exclusions: [RequirementKey: Exclusion]
    /// Integrity findings, sorted by position. Gaps are reported separately (`gapDiagnostics`).
    public let diagnostics: [Diagnostic]
    /// Frameworks in scope: those the manifest selects, or every loaded one when it selects none.
    public let scopedFrameworkIDs: [FrameworkID]
    private let scopedFrameworks: Set<FrameworkID>
    /// Tag filters of the selections that have one.
    private let tagFilters: [FrameworkID: Set<String>]
    /// What scoring needs, resolved once (ControlGraph+ScoringIndex.swift); set last in `init`.
    private(set) var scoringIndex = ScoringIndex.empty

    /// Builds the graph and runs the integrity checks.
    ///
    /// - Complexity: O(n log n) in the number of requirements, controls, evidence specs and
    ///   mappings.
    public init(workspace: Workspace) {
        var builder = Builder(manifest: workspace.manifest)
        builder.addFrameworks(workspace.frameworks)
        builder.addControls(workspace.controls)
        builder.addMappings(workspace.mappings)
        builder.checkManifest()
        builder.checkExceptions()
        builder.checkApplicability()
        manifest = workspace.manifest
        frameworks = builder.frameworks
        frameworkIDs = builder.frameworks.keys.sorted()
        nodes = builder.nodes
        catalogOrder = builder.catalogOrder
        controls = builder.controls
        controlIDs = builder.controls.keys.sorted()
        evidence = EvidenceSpecs(controls: builder.controls, places: builder.evidence)
        let satisfiers = builder.takeSatisfiers()
        controlsByRequirement = satisfiers.controls
        referencePositions = satisfiers.references
        mappingsByRequirement = builder.mappingsByRequirement.mapValues {
            $0.sorted { ($0.other, $0.relation.rawValue) < ($1.other, $1.relation.rawValue) }
        }
        mappings = builder.mappings.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        exclusions = builder.exclusions
        diagnostics = builder.diagnostics.sorted()
        let selections = workspace.manifest.frameworks
        scopedFrameworkIDs =
            selections.isEmpty
            ? frameworkIDs : selections.map(\.id).filter { builder.frameworks[$0] != nil }
        scopedFrameworks = Set(scopedFrameworkIDs)
        tagFilters = Dictionary(
            selections.compactMap { selection in selection.tags.map { (selection.id, Set($0)) } },
            uniquingKeysWith: { first, _ in first })
        scoringIndex = ScoringIndex(self)
    }

    /// The requirement `key`, if it exists.
    public subscript(key: RequirementKey) -> Node? { nodes[key] }

    /// Whether an assessable requirement is in scope: its framework is selected, its tags match
    /// the selection's tag filter, and neither it nor any requirement above it is excluded.
    ///
    /// - Complexity: O(t) for t tags on the requirement.
    public func isInScope(_ key: RequirementKey) -> Bool {
        // An in-scope leaf without copying its node out of the dictionary.
        if scoringIndex.leafPositions[key] != nil { return true }
        guard let node = nodes[key] else { return false }
        return isInScope(node)
    }

    /// `isInScope(_:)` for a node already looked up.
    ///
    /// The scoring index holds every in-scope leaf, found when the graph was built, so one is
    /// known by one lookup; anything else is worked out (walking up for an exclusion).
    public func isInScope(_ node: Node) -> Bool {
        if scoringIndex.leafPositions[node.key] != nil { return true }
        guard node.requirement.isAssessable, scopedFrameworks.contains(node.key.framework),
            exclusions.isEmpty || exclusion(covering: node.key) == nil
        else { return false }
        guard let tags = tagFilters[node.key.framework] else { return true }
        return node.requirement.tags.contains(where: tags.contains)
    }

    /// The exclusion that takes `key` out of scope: its own, or that of the nearest requirement
    /// above it (excluding a domain excludes its whole subtree).
    ///
    /// - Complexity: O(depth of `key`).
    public func exclusion(covering key: RequirementKey) -> Exclusion? {
        var current: RequirementKey? = key
        while let next = current {
            if let exclusion = exclusions[next] { return exclusion }
            current = nodes[next]?.parent
        }
        return nil
    }

    /// `key` and every requirement below it, in catalog (pre-)order.
    ///
    /// - Complexity: O(size of the subtree).
    public func subtree(of key: RequirementKey) -> [RequirementKey] {
        var result: [RequirementKey] = []
        func walk(_ key: RequirementKey) {
            guard let node = nodes[key] else { return }
            result.append(key)
            for child in node.children { walk(child) }
        }
        walk(key)
        return result
    }

    /// Whether the framework is one the workspace scores.
    public func isScoped(_ framework: FrameworkID) -> Bool { scopedFrameworks.contains(framework) }

    /// Assessable descendants of `key` (itself included when assessable), in catalog order.
    ///
    /// - Complexity: O(size of the subtree).
    public func assessableLeaves(under key: RequirementKey) -> [RequirementKey] {
        var result: [RequirementKey] = []
        collectAssessable(under: key, into: &result)
        return result
    }

    /// Pre-order walk appending to one array (no intermediate arrays per level).
    private func collectAssessable(under key: RequirementKey, into result: inout [RequirementKey]) {
        guard let node = nodes[key] else { return }
        if node.requirement.isAssessable { result.append(key) }
        for child in node.children { collectAssessable(under: child, into: &result) }
    }
}

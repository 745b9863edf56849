import AttestCore

/// Resolves an OSCAL profile into the catalog it defines, following NIST's profile resolution
/// specification for what baselines use (docs/oscal.md lists what is and is not supported).
///
/// The three steps are those of the specification: **select** the controls each import asks
/// for from its (already resolved) source, **merge** the selections into one structure
/// (`as-is` keeps the source's groups; `flat`, or no directive, lists the controls without
/// groups or nesting), and **modify** them (`set-parameters`, `alters`). Where the
/// specification leaves a choice open, Attest does what NIST's XSLT resolver does, since
/// that tool produced NIST's published resolved baselines: a control whose descendant is
/// called by id comes with it.
///
/// - Complexity: O(n + s) for n controls in the sources and s selectors and settings.
struct OSCALProfileResolver {
    let profile: OSCALProfile
    var diagnostics: [Diagnostic] = []

    init(profile: OSCALProfile) {
        self.profile = profile
    }

    /// The resolved catalog, from the profile's imports resolved in order (`sources[i]` is
    /// what `profile.imports[i]` points at).
    mutating func resolve(sources: [OSCALCatalog]) -> OSCALCatalog {
        var selections: [OSCALCatalog] = []
        for (index, source) in sources.enumerated() where index < profile.imports.count {
            selections.append(select(from: source, by: profile.imports[index]))
        }
        if profile.merge.structure == .custom, let position = profile.merge.position {
            diagnostics.append(
                .error(
                    .oscalUnsupportedFeature,
                    "merge 'custom' is not supported; Attest resolves 'as-is' and 'flat'",
                    at: position))
        }
        if profile.merge.combine == .merge, let position = profile.merge.position {
            diagnostics.append(
                .warning(
                    .oscalUnsupportedFeature,
                    "combine method 'merge' is not supported; the first instance of a control "
                        + "is kept, as with 'use-first'", at: position))
        }
        var resolved = OSCALCatalog(
            uuid: profile.uuid, metadata: profile.metadata, position: profile.position)
        var seen: Set<String> = []
        let useFirst = profile.merge.combine != .keep
        switch profile.merge.structure {
        case .asIs:
            resolved.params = selections.flatMap(\.params)
            resolved.controls = combine(selections.flatMap(\.controls), useFirst, &seen)
            resolved.groups = mergeGroups(selections.map(\.groups), useFirst, &seen)
        case .flat, .unspecified, .custom:
            var params = selections.flatMap(\.params)
            var controls: [OSCALControl] = []
            for selection in selections {
                Self.flatten(selection.controls, into: &controls)
                for group in selection.groups { Self.flatten(group, into: &controls, &params) }
            }
            resolved.params = params
            resolved.controls = combine(controls, useFirst, &seen)
        }
        modify(&resolved)
        return resolved
    }

    // MARK: Select

    /// The source with only the controls `rule` selects; a control not selected gives its
    /// place to its selected children. Every group is kept here (merging drops empty ones).
    private mutating func select(
        from source: OSCALCatalog, by rule: OSCALImport
    )
        -> OSCALCatalog
    {
        let selector = ControlSelector(rule)
        var known: Set<String> = []
        Self.collectIDs(source.controls, source.groups, into: &known)
        for id in rule.include.flatMap(\.withIDs) + rule.exclude.flatMap(\.withIDs)
        where !known.contains(id.text) {
            diagnostics.append(
                .warning(
                    .oscalUnknownReference,
                    "control '\(id.text)' is not in the imported catalog '\(rule.href.text)'",
                    at: id.position))
        }
        var selection = source
        selection.controls = source.controls.flatMap {
            selector.visit($0, includedAbove: false, excludedAbove: false).kept
        }
        selection.groups = source.groups.map { selectGroup($0, selector) }
        return selection
    }

    private func selectGroup(_ group: OSCALGroup, _ selector: ControlSelector) -> OSCALGroup {
        var copy = group
        copy.controls = group.controls.flatMap {
            selector.visit($0, includedAbove: false, excludedAbove: false).kept
        }
        copy.groups = group.groups.map { selectGroup($0, selector) }
        return copy
    }

    private static func collectIDs(
        _ controls: [OSCALControl], _ groups: [OSCALGroup], into ids: inout Set<String>
    ) {
        for control in controls {
            ids.insert(control.id)
            collectIDs(control.controls, [], into: &ids)
        }
        for group in groups { collectIDs(group.controls, group.groups, into: &ids) }
    }

    // MARK: Merge

    /// `as-is`: groups with the same id in several selections become one; a group left with
    /// no control at any depth is dropped.
    private func mergeGroups(
        _ lists: [[OSCALGroup]], _ useFirst: Bool, _ seen: inout Set<String>
    ) -> [OSCALGroup] {
        var order: [String] = []
        var byID: [String: [OSCALGroup]] = [:]
        var result: [(key: String, groups: [OSCALGroup])] = []
        for (index, group) in lists.joined().enumerated() {
            // A group without an id merges with nothing.
            let key = group.id.map { "id:" + $0 } ?? "index:\(index)"
            if byID[key] == nil { order.append(key) }
            byID[key, default: []].append(group)
        }
        for key in order { result.append((key, byID[key] ?? [])) }
        return result.compactMap { entry -> OSCALGroup? in
            guard var merged = entry.groups.first else { return nil }
            merged.params = entry.groups.flatMap(\.params)
            merged.controls = combine(entry.groups.flatMap(\.controls), useFirst, &seen)
            merged.groups = mergeGroups(entry.groups.map(\.groups), useFirst, &seen)
            return merged.controls.isEmpty && merged.groups.isEmpty ? nil : merged
        }
    }

    /// Applies the combination rule: with `use-first`, a control whose id came before is
    /// dropped; with `keep`, every instance stays (and the duplicate is reported later).
    private func combine(
        _ controls: [OSCALControl], _ useFirst: Bool, _ seen: inout Set<String>
    ) -> [OSCALControl] {
        guard useFirst else { return controls }
        return controls.compactMap { control in
            guard seen.insert(control.id).inserted else { return nil }
            var copy = control
            copy.controls = combine(control.controls, useFirst, &seen)
            return copy
        }
    }

    /// `flat`: each control, then its descendants, as siblings, in document order.
    private static func flatten(_ controls: [OSCALControl], into result: inout [OSCALControl]) {
        for control in controls {
            var copy = control
            copy.controls = []
            result.append(copy)
            flatten(control.controls, into: &result)
        }
    }

    private static func flatten(
        _ group: OSCALGroup, into controls: inout [OSCALControl],
        _ params: inout [OSCALParameter]
    ) {
        params += group.params
        flatten(group.controls, into: &controls)
        for child in group.groups { flatten(child, into: &controls, &params) }
    }
}

/// Which controls an import selects: `include-all` or `include-controls` (by id or glob
/// pattern, with or without child controls), minus `exclude-controls`.
private struct ControlSelector {
    let includeAll: Bool
    let included: [String: Bool]  // id → with child controls
    let excluded: [String: Bool]
    let includePatterns: [(IDPattern, Bool)]
    let excludePatterns: [(IDPattern, Bool)]

    init(_ rule: OSCALImport) {
        includeAll = rule.includeAll
        included = Self.ids(rule.include)
        excluded = Self.ids(rule.exclude)
        includePatterns = Self.patterns(rule.include)
        excludePatterns = Self.patterns(rule.exclude)
    }

    private static func ids(_ selectors: [OSCALControlSelector]) -> [String: Bool] {
        var result: [String: Bool] = [:]
        for selector in selectors {
            for id in selector.withIDs {
                result[id.text] = (result[id.text] ?? false) || selector.withChildControls
            }
        }
        return result
    }

    private static func patterns(_ selectors: [OSCALControlSelector]) -> [(IDPattern, Bool)] {
        selectors.flatMap { selector in
            selector.patterns.map { (IDPattern($0.text), selector.withChildControls) }
        }
    }

    /// Whether a selector list calls `id`, and whether it brings the control's descendants.
    private func calls(
        _ id: String, _ ids: [String: Bool], _ patterns: [(IDPattern, Bool)]
    ) -> (called: Bool, withChildren: Bool) {
        var called = false
        var children = false
        if let flag = ids[id] {
            called = true
            children = flag
        }
        for (glob, flag) in patterns where glob.matches(id) {
            called = true
            children = children || flag
        }
        return (called, children)
    }

    /// The controls kept in `control`'s place: itself (with its kept descendants) when
    /// selected, else its kept descendants; and whether it or a descendant is called by id
    /// or pattern (which brings it in: NIST's resolver includes a called control's parents).
    func visit(
        _ control: OSCALControl, includedAbove: Bool, excludedAbove: Bool
    ) -> (kept: [OSCALControl], called: Bool) {
        let include = calls(control.id, included, includePatterns)
        let exclude = calls(control.id, excluded, excludePatterns)
        var children: [OSCALControl] = []
        var descendantCalled = false
        for child in control.controls {
            let result = visit(
                child, includedAbove: includedAbove || include.withChildren,
                excludedAbove: excludedAbove || exclude.withChildren)
            children += result.kept
            descendantCalled = descendantCalled || result.called
        }
        let isIncluded = includeAll || include.called || includedAbove || descendantCalled
        let isExcluded = excludedAbove || exclude.called
        let called = include.called || descendantCalled
        guard isIncluded, !isExcluded else { return (children, called) }
        var copy = control
        copy.controls = children
        return ([copy], called)
    }
}

/// An OSCAL `matching` pattern: `*` for any run of characters, `?` for one.
private struct IDPattern {
    let pattern: [Character]

    init(_ pattern: String) {
        self.pattern = Array(pattern)
    }

    /// Iterative wildcard matching with one backtrack point: linear in practice, never
    /// exponential, whatever the pattern.
    func matches(_ text: String) -> Bool {
        let text = Array(text)
        var (p, t) = (0, 0)
        var star: Int?
        var mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

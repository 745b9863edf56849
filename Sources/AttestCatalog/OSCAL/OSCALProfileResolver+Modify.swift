import AttestCore

extension OSCALProfileResolver {
    /// The modify step: `set-parameters` on every parameter they name, then `alters` on
    /// their controls. A setting or alteration that names nothing in the resolved catalog is
    /// a warning (NIST's resolver warns too), at the id that names it.
    mutating func modify(_ catalog: inout OSCALCatalog) {
        let settings = Dictionary(grouping: profile.modify.setParameters, by: \.paramID.text)
        let alters = Dictionary(grouping: profile.modify.alters, by: \.controlID.text)
        guard !settings.isEmpty || !alters.isEmpty else { return }
        var edit = CatalogEdit(settings: settings, alters: alters)
        catalog.params = catalog.params.map { edit.apply(to: $0) }
        catalog.controls = catalog.controls.map { edit.apply(to: $0) }
        catalog.groups = catalog.groups.map { edit.apply(to: $0) }
        for setting in profile.modify.setParameters
        where !edit.usedParams.contains(setting.paramID.text) {
            diagnostics.append(
                .warning(
                    .oscalUnknownReference,
                    "set-parameters names '\(setting.paramID.text)', which no selected control "
                        + "or group has", at: setting.paramID.position))
        }
        for alter in profile.modify.alters where !edit.usedControls.contains(alter.controlID.text) {
            diagnostics.append(
                .warning(
                    .oscalUnknownReference,
                    "alters names control '\(alter.controlID.text)', which the profile does not "
                        + "select", at: alter.controlID.position))
        }
        diagnostics += edit.diagnostics
    }
}

/// One pass of `modify` over a resolved catalog, remembering what it used.
private struct CatalogEdit {
    let settings: [String: [OSCALSetParameter]]
    let alters: [String: [OSCALAlter]]
    var usedParams: Set<String> = []
    var usedControls: Set<String> = []
    var diagnostics: [Diagnostic] = []

    init(settings: [String: [OSCALSetParameter]], alters: [String: [OSCALAlter]]) {
        self.settings = settings
        self.alters = alters
    }

    mutating func apply(to group: OSCALGroup) -> OSCALGroup {
        var copy = group
        copy.params = group.params.map { apply(to: $0) }
        copy.controls = group.controls.map { apply(to: $0) }
        copy.groups = group.groups.map { apply(to: $0) }
        return copy
    }

    mutating func apply(to control: OSCALControl) -> OSCALControl {
        var copy = control
        for alter in alters[control.id] ?? [] {
            usedControls.insert(control.id)
            for remove in alter.removes { removeMatching(remove, from: &copy) }
            for add in alter.adds { insert(add, into: &copy) }
        }
        copy.params = copy.params.map { apply(to: $0) }
        copy.controls = copy.controls.map { apply(to: $0) }
        return copy
    }

    /// NIST's rules: props, links, constraints and guidelines are added; the label, the
    /// usage and the values or selection are replaced by the last setting that gives them.
    mutating func apply(to parameter: OSCALParameter) -> OSCALParameter {
        guard let list = settings[parameter.id] else { return parameter }
        usedParams.insert(parameter.id)
        var copy = parameter
        for setting in list {
            copy.props += setting.props
            copy.links += setting.links
            copy.constraints += setting.constraints
            copy.guidelines += setting.guidelines
            if let label = setting.label { copy.label = label }
            if let usage = setting.usage { copy.usage = usage }
            if let values = setting.values {
                copy.values = values
                copy.select = nil
            }
            if let select = setting.select {
                copy.select = select
                copy.values = []
            }
            if let paramClass = setting.paramClass { copy.paramClass = paramClass }
            if let dependsOn = setting.dependsOn { copy.dependsOn = dependsOn }
        }
        return copy
    }

    // MARK: Alters

    private func removeMatching(_ remove: OSCALAlter.Remove, from control: inout OSCALControl) {
        control.props.removeAll { Self.matches(remove, $0) }
        control.links.removeAll { Self.matches(remove, $0) }
        control.params.removeAll { Self.matches(remove, $0) }
        control.parts = Self.removing(remove, from: control.parts)
    }

    private static func removing(
        _ remove: OSCALAlter.Remove, from parts: [OSCALPart]
    )
        -> [OSCALPart]
    {
        parts.compactMap { part in
            if matches(remove, part) { return nil }
            var copy = part
            copy.props.removeAll { matches(remove, $0) }
            copy.links.removeAll { matches(remove, $0) }
            copy.parts = removing(remove, from: part.parts)
            return copy
        }
    }

    private static func matches(_ remove: OSCALAlter.Remove, _ part: OSCALPart) -> Bool {
        (remove.byItemName ?? "part") == "part" && (remove.byName ?? part.name) == part.name
            && (remove.byClass.map { $0 == part.partClass } ?? true)
            && (remove.byID.map { $0 == part.id } ?? true) && remove.byNS == nil
            && hasCriterion(remove)
    }

    private static func matches(_ remove: OSCALAlter.Remove, _ prop: OSCALProperty) -> Bool {
        (remove.byItemName ?? "prop") == "prop" && (remove.byName ?? prop.name) == prop.name
            && (remove.byClass.map { $0 == prop.propClass } ?? true) && remove.byID == nil
            && (remove.byNS.map { $0 == prop.ns } ?? true) && hasCriterion(remove)
    }

    private static func matches(_ remove: OSCALAlter.Remove, _ link: OSCALLink) -> Bool {
        remove.byItemName == "link" && remove.byName == nil && remove.byClass == nil
            && remove.byID == nil && remove.byNS == nil
    }

    private static func matches(_ remove: OSCALAlter.Remove, _ param: OSCALParameter) -> Bool {
        (remove.byItemName ?? "param") == "param" && remove.byName == nil
            && (remove.byClass.map { $0 == param.paramClass } ?? true)
            && (remove.byID.map { $0 == param.id } ?? true) && remove.byNS == nil
            && hasCriterion(remove)
    }

    /// A `removes` entry with no criterion removes nothing (rather than everything).
    private static func hasCriterion(_ remove: OSCALAlter.Remove) -> Bool {
        remove.byName != nil || remove.byClass != nil || remove.byID != nil
            || remove.byItemName != nil || remove.byNS != nil
    }

    private mutating func insert(_ add: OSCALAlter.Add, into control: inout OSCALControl) {
        guard let target = add.byID, target != control.id else {
            let atStart = add.where_ == "starting"
            if add.where_ == "before" || add.where_ == "after" {
                diagnostics.append(
                    .error(
                        .oscalInvalidField,
                        "an add on the control itself takes position starting or ending",
                        at: add.position))
                return
            }
            control.params = Self.joined(control.params, add.params, atStart)
            control.props = Self.joined(control.props, add.props, atStart)
            control.links = Self.joined(control.links, add.links, atStart)
            control.parts = Self.joined(control.parts, add.parts, atStart)
            return
        }
        if let index = control.params.firstIndex(where: { $0.id == target }),
            add.where_ == "before" || add.where_ == "after"
        {
            control.params.insert(
                contentsOf: add.params, at: add.where_ == "before" ? index : index + 1)
            return
        }
        var found = false
        control.parts = Self.inserting(add, into: control.parts, found: &found)
        if !found {
            diagnostics.append(
                .error(
                    .oscalUnknownReference,
                    "by-id '\(target)' names no part or parameter of control '\(control.id)'",
                    at: add.position))
        }
    }

    private static func inserting(
        _ add: OSCALAlter.Add, into parts: [OSCALPart], found: inout Bool
    ) -> [OSCALPart] {
        var result: [OSCALPart] = []
        for part in parts {
            guard part.id == add.byID else {
                var copy = part
                copy.parts = inserting(add, into: part.parts, found: &found)
                result.append(copy)
                continue
            }
            found = true
            switch add.where_ {
            case "before":
                result += add.parts
                result.append(part)
            case "after":
                result.append(part)
                result += add.parts
            default:
                let atStart = add.where_ == "starting"
                var copy = part
                copy.props = joined(part.props, add.props, atStart)
                copy.links = joined(part.links, add.links, atStart)
                copy.parts = joined(part.parts, add.parts, atStart)
                result.append(copy)
            }
        }
        return result
    }

    private static func joined<T>(_ existing: [T], _ added: [T], _ atStart: Bool) -> [T] {
        atStart ? added + existing : existing + added
    }
}

import AttestCore

extension OSCALDecoder {
    /// One `imports` entry: the source's href and which controls it selects.
    mutating func importModel(_ value: ConfigValue) -> OSCALImport? {
        guard let fields = object(value, "an import"),
            let href = required(fields, "href", in: value, "an import"),
            let hrefValue = fields["href"]
        else { return nil }
        let include = array(fields["include-controls"], "include-controls").compactMap {
            selector($0)
        }
        let exclude = array(fields["exclude-controls"], "exclude-controls").compactMap {
            selector($0)
        }
        // The schema asks for include-all or include-controls; with only exclusions, NIST's
        // specification says "include all" is meant.
        let includeAll = fields["include-all"] != nil || fields["include-controls"] == nil
        return OSCALImport(
            href: OSCALPositioned(text: href, position: hrefValue.position),
            includeAll: includeAll, include: include, exclude: exclude, position: value.position)
    }

    private mutating func selector(_ value: ConfigValue) -> OSCALControlSelector? {
        guard let fields = object(value, "a control selection") else { return nil }
        var selector = OSCALControlSelector(position: value.position)
        if let children = fields["with-child-controls"] {
            switch optional(children, "with-child-controls") {
            case "yes": selector.withChildControls = true
            case "no": selector.withChildControls = false
            default:
                error(
                    .oscalInvalidField, "with-child-controls is 'yes' or 'no'",
                    at: children.position)
            }
        }
        selector.withIDs = array(fields["with-ids"], "with-ids").compactMap { item in
            optional(item, "a control id").map {
                OSCALPositioned(text: $0, position: item.position)
            }
        }
        selector.patterns = array(fields["matching"], "matching").compactMap { item in
            guard let pattern = item["pattern"] else { return nil }
            return optional(pattern, "a pattern").map {
                OSCALPositioned(text: $0, position: pattern.position)
            }
        }
        return selector
    }

    /// `merge`: the structuring directive and the combination rule.
    mutating func mergeModel(_ value: ConfigValue) -> OSCALMerge {
        guard let fields = object(value, "merge") else { return OSCALMerge() }
        var merge = OSCALMerge(position: value.position)
        var directives: [String] = []
        if let asIs = fields["as-is"] {
            // A boolean in JSON and YAML; the text "true" or "1" in XML.
            if ["true", "1"].contains(asIs.scalar ?? "") {
                merge.structure = .asIs
                directives.append("as-is")
            }
        }
        if fields["flat"] != nil {
            merge.structure = .flat
            directives.append("flat")
        }
        if fields["custom"] != nil {
            merge.structure = .custom
            directives.append("custom")
        }
        if directives.count > 1 {
            error(
                .oscalInvalidField,
                "merge gives several structuring directives (\(directives.joined(separator: ", "))); "
                    + "NIST's specification allows one", at: value.position)
        }
        if let combine = fields["combine"], let method = combine["method"] {
            if let text = optional(method, "combine method"),
                let rule = OSCALMerge.Combine(rawValue: text)
            {
                merge.combine = rule
            } else {
                error(
                    .oscalInvalidField, "combine method is keep, use-first or merge",
                    at: method.position)
            }
        }
        return merge
    }

    /// `modify`: parameter settings and alterations.
    mutating func modifyModel(_ value: ConfigValue) -> OSCALModify {
        guard let fields = object(value, "modify") else { return OSCALModify() }
        var modify = OSCALModify()
        modify.setParameters = array(fields["set-parameters"], "set-parameters").compactMap {
            setting($0)
        }
        modify.alters = array(fields["alters"], "alters").compactMap { alter($0) }
        return modify
    }

    private mutating func setting(_ value: ConfigValue) -> OSCALSetParameter? {
        guard let fields = object(value, "a set-parameter"),
            let id = required(fields, "param-id", in: value, "a set-parameter"),
            let idValue = fields["param-id"]
        else { return nil }
        var setting = OSCALSetParameter(
            paramID: OSCALPositioned(text: id, position: idValue.position),
            position: value.position)
        setting.paramClass = optional(fields["class"], "param class")
        setting.dependsOn = optional(fields["depends-on"], "depends-on")
        setting.props = array(fields["props"], "props").compactMap { property($0) }
        setting.links = array(fields["links"], "links").compactMap { link($0) }
        setting.label = optional(fields["label"], "param label")
        setting.usage = optional(fields["usage"], "usage")
        setting.constraints = array(fields["constraints"], "constraints").compactMap {
            $0["description"].flatMap { optional($0, "constraint description") }
        }
        setting.guidelines = array(fields["guidelines"], "guidelines").compactMap {
            $0["prose"].flatMap { optional($0, "guideline prose") }
        }
        if fields["values"] != nil {
            setting.values = array(fields["values"], "values").compactMap {
                optional($0, "a value")
            }
        }
        setting.select = fields["select"].flatMap { selection($0) }
        return setting
    }

    private mutating func alter(_ value: ConfigValue) -> OSCALAlter? {
        guard let fields = object(value, "an alter"),
            let id = required(fields, "control-id", in: value, "an alter"),
            let idValue = fields["control-id"]
        else { return nil }
        var alter = OSCALAlter(
            controlID: OSCALPositioned(text: id, position: idValue.position),
            position: value.position)
        alter.removes = array(fields["removes"], "removes").compactMap { item in
            guard let entries = object(item, "a remove") else { return nil }
            return OSCALAlter.Remove(
                byName: optional(entries["by-name"], "by-name"),
                byClass: optional(entries["by-class"], "by-class"),
                byID: optional(entries["by-id"], "by-id"),
                byItemName: optional(entries["by-item-name"], "by-item-name"),
                byNS: optional(entries["by-ns"], "by-ns"), position: item.position)
        }
        alter.adds = array(fields["adds"], "adds").compactMap { item in
            guard let entries = object(item, "an add") else { return nil }
            let position = optional(entries["position"], "position") ?? "ending"
            guard ["before", "after", "starting", "ending"].contains(position) else {
                error(
                    .oscalInvalidField, "position is before, after, starting or ending",
                    at: entries["position"]?.position ?? item.position)
                return nil
            }
            var add = OSCALAlter.Add(
                where_: position, byID: optional(entries["by-id"], "by-id"),
                title: optional(entries["title"], "title"), position: item.position)
            add.params = array(entries["params"], "params").compactMap { parameter($0) }
            add.props = array(entries["props"], "props").compactMap { property($0) }
            add.links = array(entries["links"], "links").compactMap { link($0) }
            add.parts = array(entries["parts"], "parts").compactMap { part($0, depth: 2) }
            return add
        }
        return alter
    }
}

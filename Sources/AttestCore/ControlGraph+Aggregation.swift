extension ControlGraph {
    /// How `key` combines its controls: its own `aggregate`, else its framework's, else the
    /// workspace's, else `mean`.
    public func aggregate(of key: RequirementKey) -> Aggregate {
        nodes[key]?.requirement.aggregate ?? frameworks[key.framework]?.aggregate
            ?? manifest.aggregate ?? .mean
    }

    /// How `control` satisfies `key` (key control or not, level): its first `satisfies` entry
    /// naming `key`, the one the graph indexed.
    ///
    /// - Complexity: O(requirements the control satisfies).
    public func reference(from control: ControlID, to key: RequirementKey) -> RequirementReference?
    {
        controls[control]?.satisfies.first { $0.key == key }
    }
}

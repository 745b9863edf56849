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
    /// - Complexity: O(log c) for c controls satisfying `key`, found through the position the
    ///   graph kept; O(requirements the control satisfies) for a reference it did not index
    ///   (an unknown requirement). A dense workspace asks this millions of times.
    public func reference(from control: ControlID, to key: RequirementKey) -> RequirementReference?
    {
        guard let satisfies = controls[control]?.satisfies else { return nil }
        return Self.reference(
            in: satisfies, of: control, to: key,
            satisfiers: controlsByRequirement[key] ?? [], positions: referencePositions[key] ?? [])
    }

    /// ``reference(from:to:)`` with the lookups done: `satisfies` is the control's list, and
    /// `satisfiers` and `positions` are `key`'s entries of `controlsByRequirement` and
    /// `referencePositions`, so a caller asking for many controls of one key looks them up
    /// once.
    static func reference(
        in satisfies: [RequirementReference], of control: ControlID, to key: RequirementKey,
        satisfiers: [ControlID], positions: [UInt32]
    ) -> RequirementReference? {
        if let found = satisfiers.sortedIndex(of: control), found < positions.count {
            let index = Int(positions[found])
            if satisfies.indices.contains(index), satisfies[index].key == key {
                return satisfies[index]
            }
        }
        return satisfies.first { $0.key == key }
    }
}

extension Array where Element: Comparable {
    /// Whether no element is smaller than the one before it.
    var isSorted: Bool {
        zip(self, dropFirst()).allSatisfy { !($1 < $0) }
    }

    /// The index of `element` in this sorted array, by binary search.
    func sortedIndex(of element: Element) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < element {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < count && self[low] == element ? low : nil
    }
}

/// A value a requirement's text leaves to the organisation: an assignment ("[organization-defined
/// frequency]") or a selection among choices, as OSCAL catalogs carry them in `params`.
///
/// Attest does not score parameters; it keeps them so that a framework read from OSCAL keeps
/// its meaning when converted to Attest YAML and exported back (docs/oscal.md).
public struct RequirementParameter: Hashable, Sendable {
    /// A selection among fixed choices.
    public struct Selection: Hashable, Sendable {
        /// Whether one choice or several may be made.
        public enum Cardinality: String, Hashable, Sendable, CaseIterable {
            case one
            case oneOrMore = "one-or-more"
        }

        public var howMany: Cardinality?
        public var choices: [String]

        public init(howMany: Cardinality? = nil, choices: [String]) {
            self.howMany = howMany
            self.choices = choices
        }
    }

    /// The parameter's id in its catalog (`ac-01_odp.01`), unique within the catalog.
    public var id: String
    /// What is to be chosen, when the catalog says it (`frequency`).
    public var label: String?
    /// The values set, by the catalog or a profile's `set-parameters`; empty when unset.
    public var values: [String]
    public var selection: Selection?
    /// Prose that guides the choice (OSCAL `guidelines`).
    public var guidelines: [String]
    /// Other facts about the parameter (OSCAL `class`, `depends-on`, `props`), by name.
    public var metadata: [String: String]

    public init(
        id: String, label: String? = nil, values: [String] = [], selection: Selection? = nil,
        guidelines: [String] = [], metadata: [String: String] = [:]
    ) {
        self.id = id
        self.label = label
        self.values = values
        self.selection = selection
        self.guidelines = guidelines
        self.metadata = metadata
    }
}

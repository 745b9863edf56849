import AttestCore

/// The OSCAL id (a `token`) of every requirement of a framework, the same in every model that
/// names a control (catalog `control/@id`, `control-id`, `target-id`).
///
/// A requirement imported from OSCAL keeps its `oscal.id` (`ac-2.1`), so ids round-trip. A
/// native one gets an id derived from its Attest id: `(x)` becomes `.x` (`AC-2(1)` → `AC-2.1`),
/// any other character a token cannot hold becomes `-`, and `_` is put first when the id does not
/// start with a letter (`164.312` → `_164.312`). A derived id already taken gets `-2`, `-3`, … in
/// catalog order, so the mapping is deterministic and one-to-one.
public struct ControlIdentifiers: Sendable {
    private var byRequirement: [RequirementID: String] = [:]

    /// Assigns an id to every requirement of `framework`, in catalog order.
    ///
    /// - Complexity: O(n) for n requirements.
    public init(_ framework: Framework) {
        // One rule for export and mapping import (AttestCatalog), so it lives in Core.
        byRequirement = OSCALToken.identifiers(of: framework)
    }

    /// The OSCAL id of `requirement`; nil when it is not in the framework.
    public subscript(requirement: RequirementID) -> String? { byRequirement[requirement] }

    /// An OSCAL token made from an Attest id (see the type's documentation).
    public static func token(from id: String) -> String {
        OSCALToken.token(for: id)
    }
}

import Foundation

/// The framework catalogs, mappings, recipes and starter controls shipped with Attest, bundled
/// from `controls/`.
///
/// The folders `controls/frameworks`, `controls/mappings`, `controls/recipes` and
/// `controls/starter` at the repository root are the single source of truth; this target copies
/// them into the binary's resource bundle so `attest` works outside the repository.
public enum BuiltinCatalogs {
    /// The bundled `frameworks/` folder, if the resource bundle sits beside the binary.
    public static var frameworksURL: URL? {
        Bundle.module.url(forResource: "frameworks", withExtension: nil)
    }

    /// The bundled `mappings/` folder, if the resource bundle sits beside the binary.
    public static var mappingsURL: URL? {
        Bundle.module.url(forResource: "mappings", withExtension: nil)
    }

    /// The bundled `recipes/` folder: ready evidence items for AWS, GitHub, Kubernetes,
    /// Google Workspace and Okta (docs/recipes.md).
    public static var recipesURL: URL? {
        Bundle.module.url(forResource: "recipes", withExtension: nil)
    }

    /// The bundled `starter/` folder: the starter control library `attest init` copies into a
    /// new workspace, keeping the controls that map to the chosen frameworks
    /// (docs/starter-library.md).
    public static var starterURL: URL? {
        Bundle.module.url(forResource: "starter", withExtension: nil)
    }
}

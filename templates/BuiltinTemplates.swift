import Foundation

/// The default templates shipped with Attest, bundled from `templates/`.
///
/// The folder `templates/` at the repository root is the single source of truth; a
/// workspace's own `templates/<path>` replaces the bundled file with the same relative path.
public enum BuiltinTemplates {
    /// The bundled folder holding `site/`, `reports/`, `xml/` and `locales/`.
    public static var rootURL: URL? {
        Bundle.module.url(forResource: "site", withExtension: nil)?.deletingLastPathComponent()
    }
}

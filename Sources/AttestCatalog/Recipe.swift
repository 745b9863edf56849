import AttestCore

/// A ready evidence item for a system companies run (an S3 bucket, a GitHub repository, a
/// Kubernetes namespace), used from a control by name with parameters.
///
/// A recipe is an ordinary spec of an existing collector (a command running the `aws` CLI or
/// `kubectl` without a shell, or an http request to an admin API) with `{{name}}` placeholders
/// where its parameters go. Recipes are bundled from `controls/recipes/` and expanded by the
/// workspace loader, so everything after loading sees a plain `EvidenceSpec`.
public struct Recipe: Hashable, Sendable {
    /// `aws.s3.default-encryption`: provider, service, check.
    public var id: String
    public var title: String
    /// What the recipe checks, in one or two sentences.
    public var summary: String
    /// The least privileges the credentials need (IAM actions, OAuth scopes, RBAC verbs).
    public var permissions: [String]
    public var parameters: [RecipeParameter]
    public var collector: CollectorKind
    /// The evidence item's options (everything but `collector:`), with placeholders.
    var template: [ConfigEntry]

    /// The parameter called `name`, if the recipe has one.
    public func parameter(_ name: String) -> RecipeParameter? {
        parameters.first { $0.name == name }
    }
}

/// One value a recipe needs, with the form it must take.
public struct RecipeParameter: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Text matching the parameter's pattern, put into a command line or a URL path.
        case string
        /// A whole number within the parameter's bounds, put into an assertion.
        case integer
        /// An absolute http(s) URL without query or fragment: an API's base address.
        case url
        /// The name of an environment variable that holds a secret (a token).
        case env
    }

    public var name: String
    public var kind: Kind
    public var summary: String
    /// The value used when `with:` does not set it; nil makes the parameter required.
    public var defaultValue: String?
    /// For `string`: the whole value must match this regular expression.
    public var pattern: String?
    /// For `integer`: the accepted values.
    public var range: ClosedRange<Int>?

    public var isRequired: Bool { defaultValue == nil }
}

extension DiagnosticCode {
    // Recipes: ready evidence items used by name (`recipe:` with parameters in `with:`).

    /// `recipe:` names no bundled recipe; a close name is suggested.
    public static let recipeUnknown: Self = "recipe.unknown"
    /// A parameter the recipe needs has no value in `with:` and no default.
    public static let recipeMissingParameter: Self = "recipe.missing-parameter"
    /// `with:` sets a parameter the recipe does not have.
    public static let recipeUnknownParameter: Self = "recipe.unknown-parameter"
    /// A parameter value of the wrong type, out of range, or not of the documented form.
    public static let recipeInvalidParameter: Self = "recipe.invalid-parameter"
    /// A parameter value that could change the command line or URL it is put into: a leading
    /// `-` (read as an option), shell or URL syntax, `..`, spaces or control characters.
    public static let recipeUnsafeParameter: Self = "recipe.unsafe-parameter"
    /// A bundled recipe file that does not describe recipes correctly (a defect of Attest).
    public static let recipeInvalidDefinition: Self = "recipe.invalid-definition"
}

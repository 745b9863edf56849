import AttestCore

extension ConfigReader {
    /// The evidence item an entry with `recipe:` stands for: the recipe's collector and
    /// options, filled with `with:`; nil (with findings) when it cannot be expanded.
    ///
    /// Beside `recipe:` and `with:` an item keeps its own common keys (`id`, `title`,
    /// `max_age`, `weight`, `visibility`); a `collector:` or a collector option would be
    /// silently overridden by the recipe, so each is reported at its key.
    mutating func expandRecipe(
        _ entries: [ConfigEntry], commonKeys: Set<String>, book: RecipeBook = .bundled
    ) -> RecipeExpansion? {
        var recipeValue: ConfigValue?
        var withValue: ConfigValue?
        for entry in entries {
            switch entry.key {
            case "recipe": recipeValue = entry.value
            case "with": withValue = entry.value
            case let key where commonKeys.contains(key) && key != "collector" && key != "path":
                continue
            default:
                error(
                    .schemaUnknownKey,
                    "'\(entry.key)' cannot be set beside 'recipe:': the recipe sets the collector "
                        + "and its options", at: entry.keyPosition)
            }
        }
        guard let recipeValue, let name = plainString(recipeValue, "recipe") else { return nil }
        guard let recipe = book[name] else {
            report(
                .error(
                    .recipeUnknown, "there is no recipe '\(name)'", at: recipeValue.position,
                    hint: book.suggestion(for: name)
                        ?? "list the recipes with: attest catalog recipes"))
            return nil
        }
        return recipe.expand(with: withValue, at: recipeValue.position, reader: &self)
    }
}

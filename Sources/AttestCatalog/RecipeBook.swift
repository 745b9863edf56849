import AttestControls
import AttestCore
import Foundation

/// The recipes available to a workspace: those bundled with Attest from `controls/recipes/`.
///
/// Read once per process (`bundled`, an immutable value built on first use) because every
/// control file of every load may name one. A defect in a bundled file is a defect of Attest:
/// it is kept in `diagnostics` (and a test keeps it empty) rather than shown to every user.
public struct RecipeBook: Sendable {
    /// Every recipe, sorted by id.
    public let recipes: [Recipe]
    /// Findings about the recipe files themselves (`recipe.invalid-definition`, YAML errors).
    public let diagnostics: [Diagnostic]
    private let byID: [String: Recipe]

    /// The recipes bundled into the binary.
    public static let bundled = RecipeBook(folder: BuiltinCatalogs.recipesURL)

    /// Reads every `.yaml` file of `folder` (none when nil or unreadable).
    public init(folder: URL?) {
        var files: [(display: String, bytes: [UInt8])] = []
        if let folder {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.filter({ $0.hasSuffix(".yaml") }).sorted() {
                let url = folder.appendingPathComponent(name)
                guard let data = try? Data(contentsOf: url) else { continue }
                files.append(
                    ("\(WorkspaceLoader.builtinPrefix)controls/recipes/\(name)", [UInt8](data)))
            }
        }
        self.init(files: files)
    }

    /// Reads recipe files held in memory; `display` is the name positions use.
    public init(files: [(display: String, bytes: [UInt8])]) {
        var recipes: [Recipe] = []
        var reader = ConfigReader()
        for file in files {
            switch YAMLParser(file: file.display, limits: .default).parse(file.bytes) {
            case .failure(let diagnostic): reader.report(diagnostic)
            case .success(nil): continue
            case .success(let root?): recipes += reader.readRecipeFile(root)
            }
        }
        var byID: [String: Recipe] = [:]
        for recipe in recipes {
            if byID[recipe.id] != nil {
                reader.report(
                    .error(
                        .recipeInvalidDefinition, "recipe '\(recipe.id)' is defined twice",
                        at: recipe.template.first?.keyPosition))
            }
            byID[recipe.id] = recipe
        }
        self.byID = byID
        self.recipes = byID.values.sorted { $0.id < $1.id }
        self.diagnostics = reader.diagnostics.sorted()
    }

    /// The recipe called `id`, if there is one.
    public subscript(id: String) -> Recipe? { byID[id] }

    /// "did you mean 'aws.s3.public-access-block'?" for an id that is close to a known one (a
    /// typo, a different separator) or that is the end of one; nil when none is.
    ///
    /// - Complexity: O(r · n · m) for r recipes of length m and an id of length n.
    func suggestion(for id: String) -> String? {
        Spelling.closest(
            to: id, among: recipes.map(\.id), maxEdits: 3, acceptingSuffix: true
        ).map { "did you mean '\($0)'?" }
    }
}

extension ConfigReader {
    static let recipeKeys: Set<String> = [
        "id", "title", "description", "permissions", "parameters", "evidence",
    ]
    static let parameterKeys: Set<String> = [
        "type", "description", "default", "pattern", "min", "max",
    ]

    /// A recipe file: `schema: 1` and a `recipes:` list.
    mutating func readRecipeFile(_ root: ConfigValue) -> [Recipe] {
        guard let fields = fields(root, "a recipe file", allowed: ["schema", "recipes"]),
            let list = fields["recipes"].flatMap({ sequence($0, "recipes") })
        else { return [] }
        return list.compactMap { readRecipe($0) }
    }

    private mutating func readRecipe(_ value: ConfigValue) -> Recipe? {
        guard
            let fields = fields(
                value, "a recipe", allowed: Self.recipeKeys,
                required: ["id", "title", "description", "evidence"])
        else { return nil }
        let id = fields["id"].flatMap { plainString($0, "recipe id") }
        let title = fields["title"].flatMap { string($0, "recipe title") }
        let summary = fields["description"].flatMap { string($0, "recipe description") }
        let permissions = fields["permissions"].flatMap { strings($0, "permissions") } ?? []
        var parameters: [RecipeParameter] = []
        if let entries = fields["parameters"]?.mapping {
            parameters = entries.compactMap { readParameter($0) }
        } else if let value = fields["parameters"] {
            error(
                .schemaWrongType, "parameters is a mapping of name → parameter", at: value.position)
        }
        guard let id, let title, let summary, let evidence = fields["evidence"] else { return nil }
        guard let entries = evidence.mapping,
            let collectorValue = evidence["collector"],
            let collector = choice(collectorValue, "collector", as: CollectorKind.self)
        else {
            error(
                .recipeInvalidDefinition,
                "recipe '\(id)' needs an evidence mapping with a collector",
                at: evidence.position)
            return nil
        }
        let template = entries.filter { $0.key != "collector" }
        checkPlaceholders(of: id, template: template, parameters: parameters, at: evidence.position)
        return Recipe(
            id: id, title: title, summary: summary, permissions: permissions,
            parameters: parameters, collector: collector, template: template)
    }

    private mutating func readParameter(_ entry: ConfigEntry) -> RecipeParameter? {
        guard
            let fields = fields(
                entry.value, "parameter '\(entry.key)'", allowed: Self.parameterKeys,
                required: ["type", "description"])
        else { return nil }
        let kind = fields["type"].flatMap {
            choice($0, "parameter type", as: RecipeParameter.Kind.self)
        }
        let summary = fields["description"].flatMap { string($0, "parameter description") }
        let defaultValue = fields["default"].flatMap { string($0, "default") }
        let pattern = fields["pattern"].flatMap { string($0, "pattern") }
        if let pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
            error(
                .recipeInvalidDefinition, "'\(pattern)' is not a regular expression",
                at: fields["pattern"]?.position ?? entry.keyPosition)
        }
        let minimum = fields["min"].flatMap { Int($0.scalar ?? "") }
        let maximum = fields["max"].flatMap { Int($0.scalar ?? "") }
        guard let kind, let summary else { return nil }
        if kind == .string, pattern == nil {
            error(
                .recipeInvalidDefinition, "string parameter '\(entry.key)' needs a pattern",
                at: entry.keyPosition)
        }
        var range: ClosedRange<Int>?
        if kind == .integer {
            guard let minimum, let maximum, minimum <= maximum else {
                error(
                    .recipeInvalidDefinition,
                    "integer parameter '\(entry.key)' needs min and max (min <= max)",
                    at: entry.keyPosition)
                return nil
            }
            range = minimum...maximum
        }
        return RecipeParameter(
            name: entry.key, kind: kind, summary: summary, defaultValue: defaultValue,
            pattern: pattern, range: range)
    }

    /// Every `{{name}}` of the template names a parameter, and every parameter is used.
    private mutating func checkPlaceholders(
        of id: String, template: [ConfigEntry], parameters: [RecipeParameter],
        at position: SourcePosition
    ) {
        var used: Set<String> = []
        func visit(_ value: ConfigValue) {
            switch value.kind {
            case .scalar(let text, _): used.formUnion(RecipePlaceholders.names(in: text))
            case .sequence(let items): items.forEach(visit)
            case .mapping(let entries): entries.forEach { visit($0.value) }
            }
        }
        template.forEach { visit($0.value) }
        let declared = Set(parameters.map(\.name))
        for name in used.subtracting(declared).sorted() {
            error(
                .recipeInvalidDefinition,
                "recipe '\(id)' uses '{{\(name)}}' but has no such parameter", at: position)
        }
        for name in declared.subtracting(used).sorted() {
            error(
                .recipeInvalidDefinition, "recipe '\(id)' never uses its parameter '\(name)'",
                at: position)
        }
    }
}

/// The `{{name}}` placeholders of recipe templates.
enum RecipePlaceholders {
    /// The names in `text`, in order.
    static func names(in text: String) -> [String] {
        pieces(of: text).compactMap {
            if case .placeholder(let name) = $0 { return name }
            return nil
        }
    }

    enum Piece: Equatable {
        case literal(String)
        case placeholder(String)
    }

    /// `text` cut into literal runs and placeholders; `{{` without a closing `}}` is literal.
    static func pieces(of text: String) -> [Piece] {
        var result: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            if open.lowerBound > rest.startIndex {
                result.append(.literal(String(rest[..<open.lowerBound])))
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            result.append(.placeholder(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { result.append(.literal(String(rest))) }
        return result
    }
}

import AttestCatalog
import AttestCore
import AttestTestSupport
import Foundation
import Testing

/// Recipes expand in the loader into ordinary evidence items; the diagnostics of misuse are
/// the fixtures `invalid/unknown-recipe`, `invalid/recipe-*` (checked by the fixture suites).
@Suite struct RecipeExpansionTests {
    static func evidence() throws -> [String: EvidenceSpec] {
        let validation = try Fixtures.validate("valid/recipes")
        let specs = validation.loaded.workspace.controls.flatMap(\.evidence)
        return Dictionary(uniqueKeysWithValues: specs.map { ($0.id.rawValue, $0) })
    }

    @Test func theBundledRecipesLoadWithoutFindingsAndDescribeThemselves() {
        let book = RecipeBook.bundled
        #expect(book.diagnostics.isEmpty, "\(book.diagnostics)")
        #expect(
            book.recipes.map(\.id) == [
                "aws.cloudtrail.logging", "aws.cloudtrail.multi-region", "aws.iam.password-policy",
                "aws.iam.user-mfa", "aws.kms.key-rotation", "aws.s3.default-encryption",
                "aws.s3.public-access-block", "github.branch-protection",
                "github.dependabot-alerts", "github.org-2fa", "github.secret-scanning",
                "google-workspace.2sv-enforced", "google-workspace.2sv-enrolled",
                "kubernetes.namespace-default-deny", "kubernetes.no-privileged-pods",
                "okta.mfa-enrollment-policy", "okta.user-mfa-factors",
            ])
        for recipe in book.recipes {
            #expect(!recipe.summary.isEmpty && !recipe.permissions.isEmpty, "\(recipe.id)")
        }
    }

    @Test func eachParameterBecomesOneArgumentAtTheLineThatGivesIt() throws {
        let spec = try #require(try Self.evidence()["s3-encryption"])
        #expect(spec.collector == .command)
        #expect(spec.title?.english == "S3 bucket encrypts new objects by default")
        #expect(spec.maxAge == TimeSpan(parsing: "1d"))
        #expect(spec.options["run"]?.scalar == "aws")
        let args = try #require(spec.options["args"]?.sequence)
        #expect(
            args.compactMap(\.scalar) == [
                "s3api", "get-bucket-encryption", "--bucket", "acme-audit-logs", "--output",
                "json",
            ])
        let file = "controls/library/controls.yaml"
        #expect(args[3].position == SourcePosition(file: file, line: 10, column: 25))
        // Everything else points at the `recipe:` value, not into the bundled file.
        #expect(args[0].position == SourcePosition(file: file, line: 9, column: 17))
        #expect(spec.options["env"]?.sequence?.first?.scalar == "AWS_PROFILE")
    }

    @Test func numbersStayNumbersAndDefaultsFillTheRest() throws {
        let evidence = try Self.evidence()
        let policy = try #require(evidence["iam-password-policy"])
        let expect = try #require(policy.options["expect"])
        let minimum = try #require(expect["PasswordPolicy.MinimumPasswordLength"]?[">="])
        #expect(minimum.kind == .scalar("16", isQuoted: false))
        let reuse = try #require(expect["PasswordPolicy.PasswordReusePrevention"]?[">="])
        #expect(reuse.kind == .scalar("24", isQuoted: false))

        let reviews = try #require(evidence["main-reviews"])
        #expect(reviews.title?.english == "Pull requests to main need two reviews")
        #expect(
            reviews.options["url"]?.scalar
                == "https://api.github.com/repos/acme/web-app/branches/main/protection")
        #expect(reviews.options["auth"]?["token_env"]?.scalar == "GITHUB_TOKEN")
        let dependabot = try #require(evidence["dependabot"])
        #expect(dependabot.options["auth"]?["token_env"]?.scalar == "ACME_GITHUB_TOKEN")

        let factors = try #require(evidence["okta-alice-factors"])
        #expect(
            factors.options["url"]?.scalar
                == "https://acme.okta.com/api/v1/users/alice@acme.example/factors")
    }

    @Test func anUnknownRecipeSuggestsTheClosestName() throws {
        let validation = try Fixtures.validate("invalid/unknown-recipe")
        let finding = try #require(
            validation.loaded.diagnostics.first { $0.code == .recipeUnknown })
        #expect(finding.hint == "did you mean 'aws.s3.default-encryption'?")
    }

    @Test func aTemplatePlaceholderWithoutAParameterIsADefinitionError() {
        let text = """
            schema: 1
            recipes:
              - id: x.y
                title: X
                description: X
                permissions: [none]
                parameters:
                  unused: { type: env, description: a variable, default: X }
                evidence: { collector: command, run: x, args: ["{{name}}"] }
            """
        let book = RecipeBook(files: [("recipes.yaml", Array(text.utf8))])
        #expect(
            book.diagnostics.map { "\($0.code) \($0.position?.line ?? 0)" } == [
                "recipe.invalid-definition 9", "recipe.invalid-definition 9",
            ])
    }
}

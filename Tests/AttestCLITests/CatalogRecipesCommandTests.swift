import AttestCLI
import Foundation
import Testing

@Suite struct CatalogRecipesCommandTests: InProcessCommands {
    @Test func theListingNamesEveryRecipeWithItsParameters() async throws {
        let result = await run(["catalog", "recipes", "--format", "json"])
        #expect(result.status == 0)
        struct Row: Decodable {
            struct Parameter: Decodable {
                var name: String; var type: String; var required: Bool; var `default`: String?
            }
            var id: String; var collector: String; var permissions: [String]
            var parameters: [Parameter]
        }
        let rows = try JSONDecoder().decode([Row].self, from: Data(result.out.utf8))
        #expect(rows.count == 17)
        let reviews = try #require(rows.first { $0.id == "github.branch-protection" })
        #expect(reviews.collector == "http")
        #expect(
            reviews.parameters.map(\.name) == [
                "owner", "repo", "branch", "min_reviews", "base_url", "token_env",
            ])
        #expect(reviews.parameters.first { $0.name == "token_env" }?.default == "GITHUB_TOKEN")
        #expect(reviews.parameters.first { $0.name == "owner" }?.required == true)

        let text = await run(["catalog", "recipes"])
        #expect(text.status == 0)
        #expect(text.out.contains("aws.s3.default-encryption"))
        #expect(text.out.contains("bucket"))
        #expect(text.out.contains("min_length=14 reuse_prevention=24"))
    }
}
